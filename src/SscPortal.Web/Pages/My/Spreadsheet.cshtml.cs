using SscPortal.Web.Reference;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.OpenData;
using SscPortal.Web.Pages.Initiatives;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// The spreadsheet round trip: download an organisation's initiatives as CSV, edit them, upload the file to create
/// or update drafts. Every row is checked first; a file with any invalid row saves nothing.
/// </summary>
[Authorize]
// The file may be 2 MB; the form around it adds a little. Larger uploads get a 413 page saying the limit, before any is read.
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
public class SpreadsheetModel(AppDbContext db, Rights rights, RecordSaver saver, ReferenceData referenceData, SubmitOnce once, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int MaxRows = 2000;
    public const long MaxBytes = 2 * 1024 * 1024;

    public static IReadOnlyList<string> Columns => InitiativeSpreadsheet.Columns;

    public sealed record RowError(int Row, string Column, string Message);

    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? FileError { get; private set; }
    [BindProperty] public int OrganisationId { get; set; }

    public async Task OnGetAsync() => Organisations = await OrganisationsAsync();

    /// <summary>The organisations whose drafts the person may write: a spreadsheet makes and changes drafts.</summary>
    private Task<IReadOnlyList<Access.ActiveMembership>> OrganisationsAsync() => rights.OrganisationsForAsync(id => new InitiativeResource(id), Operations.Edit);

    public async Task<IActionResult> OnGetDownloadAsync(int organisationId, CancellationToken cancellationToken)
    {
        if (!await rights.MayAsync(new InitiativeResource(organisationId), Operations.Edit))
        {
            await rights.RefuseAsync(AuditTargets.Organisation, organisationId, Operations.Edit);
            return Forbid();
        }
        var rows = await db.Initiatives.AsNoTracking().Where(i => i.OwnerId == organisationId).OrderBy(i => i.Id).WithEverything().ToListAsync(cancellationToken);
        var text = new StringBuilder().AppendLine(Csv.Line(Columns));
        foreach (var initiative in rows) text.AppendLine(Csv.Line(InitiativeSpreadsheet.Write(initiative)));
        // With a byte-order mark, so spreadsheet programs read the accents right.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"initiatives-{organisationId}.csv");
    }

    /// <summary>
    /// Saves every row or none. The same upload sent twice saves once (the form's key); an upload that races someone
    /// else's save of one of its drafts saves nothing and says so.
    /// </summary>
    public Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken) =>
        once.CreateAsync(() => UploadAsync(file, cancellationToken), cancellationToken);

    private async Task<IActionResult> UploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Organisations = await OrganisationsAsync();
        if (Organisations.All(o => o.ActorId != OrganisationId))
        {
            await rights.RefuseAsync(AuditTargets.Organisation, OrganisationId, Operations.Edit);
            return Forbid();
        }
        if (file is null || file.Length == 0) { FileError = L["Choose a CSV file to upload."]; return Page(); }
        if (file.Length > MaxBytes) { FileError = L["The file is larger than {0} MB.", MaxBytes / 1024 / 1024]; return Page(); }

        string text;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            FileError = L["The file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."];
            return Page();
        }
        var reading = Csv.Read(text, MaxRows + 1);
        if (reading.Problem is { } problem)
        {
            FileError = problem == Csv.Problem.TooManyRecords ? L["The file has more than {0} rows; split it into smaller files.", MaxRows] : L["The file is not valid CSV (a quoted field is not closed)."];
            return Page();
        }
        var records = reading.Records;
        if (records.Count == 0 || !records[0].Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Columns))
        {
            FileError = L["The first row must be exactly these columns: {0}", string.Join(",", Columns)];
            return Page();
        }

        var names = await referenceData.GetAsync(cancellationToken);
        var now = saver.Now;
        var errors = new List<RowError>();
        var ids = records.Skip(1).Select(r => r.Count > 0 && int.TryParse(r[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var existing = await db.Initiatives.Where(i => ids.Contains(i.Id)).WithEverything().ToDictionaryAsync(i => i.Id, cancellationToken);
        var knownActors = (await db.Actors.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
        var validator = new InitiativeInputValidator(L, names, DateOnly.FromDateTime(now));
        var changes = new List<(Initiative Record, IReadOnlyDictionary<string, string?>? Before)>();
        for (var r = 1; r < records.Count; r++)
        {
            var row = records[r];
            var rowNumber = r + 1;
            if (row.Count != Columns.Count) { errors.Add(new(rowNumber, "", L.Plural(row.Count, "This row has {0} column instead of {1}.", "This row has {0} columns instead of {1}.", row.Count, Columns.Count))); continue; }
            // A NUL or other control character cannot be stored (PostgreSQL refuses NUL) and is never meant: say which cell holds it.
            var unreadable = Enumerable.Range(0, row.Count).Where(c => row[c].Any(IsForbiddenControl)).ToList();
            if (unreadable.Count > 0)
            {
                errors.AddRange(unreadable.Select(c => new RowError(rowNumber, Columns[c], L["This cell contains an invisible control character (such as NUL) that cannot be saved; delete it and upload the file again."])));
                continue;
            }
            string Cell(string column) => Csv.Field(row[Array.IndexOf(InitiativeSpreadsheet.Columns, column)].Trim());
            Initiative initiative;
            var isNew = string.IsNullOrEmpty(Cell("id"));
            if (isNew)
                initiative = new Initiative { Title = "", Summary = "", OwnerId = OrganisationId, CreatedAt = now, UpdatedAt = now };
            else if (!int.TryParse(Cell("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !existing.TryGetValue(id, out initiative!) || initiative.OwnerId != OrganisationId)
            {
                errors.Add(new(rowNumber, "id", L["There is no initiative of this organisation with this id; leave the id empty to create one."]));
                continue;
            }
            else if (initiative.Publication != PublicationState.Draft)
            {
                errors.Add(new(rowNumber, "id", L["Published records are changed in the form, by an organisation admin; a spreadsheet only creates or updates drafts."]));
                continue;
            }
            var before = isNew ? null : RecordSaver.Before(VersionedRecords.Initiative, initiative);
            var rowErrors = await CheckRowAsync(initiative, Cell, rowNumber, validator, knownActors, cancellationToken);
            if (rowErrors.Count == 0)
                rowErrors.AddRange(InitiativeRules.Check(initiative, DateOnly.FromDateTime(now)).Select(p => new RowError(rowNumber, InitiativeSpreadsheet.ColumnFor(p.Field, new InitiativeInput()), RuleMessages.For(p.Code, L))));
            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0) changes.Add((initiative, before));
        }
        if (errors.Count > 0)
        {
            // All or nothing: not one row is saved while any row is wrong.
            db.ChangeTracker.Clear();
            Errors = errors;
            return Page();
        }

        // Every draft is saved only from the version read: an upload that races someone else's save saves nothing.
        var saved = await saver.SaveAllAsync(VersionedRecords.Initiative, changes, isNew => isNew ? AuditEventType.InitiativeCreated : AuditEventType.InitiativeEdited,
            AuditDetails.FromSpreadsheet, () => once.Record("/my"), cancellationToken);
        if (!saved)
        {
            db.ChangeTracker.Clear();
            FileError = L["Someone else saved one of these drafts while the file was uploading, so nothing was saved: download the spreadsheet again, or upload yours again to overwrite."];
            return Page();
        }
        TempData[PageMessages.Message] = L.Plural(changes.Count, "{0} row saved as a draft.", "{0} rows saved as drafts.").Value;
        return Redirect("/my");
    }

    /// <summary>Control characters other than tab and line breaks (which a cell may hold) are never part of a record.</summary>
    private static bool IsForbiddenControl(char c) => char.IsControl(c) && c is not ('\t' or '\r' or '\n');

    /// <summary>
    /// Reads a row into the form's input, checks it as the form would and, if it passes, applies it to the record.
    /// The rules across fields (InitiativeRules) are checked by the caller on the result.
    /// </summary>
    private async Task<List<RowError>> CheckRowAsync(
        Initiative initiative, Func<string, string> cell, int row, InitiativeInputValidator validator, HashSet<int> knownActors, CancellationToken cancellationToken)
    {
        var (input, problems) = InitiativeSpreadsheet.Read(cell, L);
        var errors = problems.Select(p => new RowError(row, p.Column, p.Message)).ToList();
        var result = await validator.ValidateAsync(input, cancellationToken);
        errors.AddRange(result.Errors.Select(e => new RowError(row, InitiativeSpreadsheet.ColumnFor(e.PropertyName, input), e.ErrorMessage)));
        if (input.Actors.Any(a => !knownActors.Contains(a.ActorId!.Value)))
            errors.Add(new(row, "actors", L["Use the numbers of organisations in the directory (the number in an organisation's web address)."]));
        if (input.Contributions.Any(c => !knownActors.Contains(c.ActorId!.Value)))
            errors.Add(new(row, "contributions", L["Use the numbers of organisations in the directory (the number in an organisation's web address)."]));
        if (errors.Count == 0) input.ApplyTo(initiative);
        return errors.DistinctBy(e => (e.Column, e.Message)).ToList();
    }
}
