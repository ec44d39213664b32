using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.OpenData;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// The spreadsheet round trip: download an organisation's initiatives as CSV, edit them, upload the file to create
/// or update drafts. Every row is checked first; a file with any invalid row saves nothing.
/// </summary>
[Authorize]
public class SpreadsheetModel(AppDbContext db, Access access, AuditLog audit, History history, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int MaxRows = 2000;
    public const long MaxBytes = 2 * 1024 * 1024;

    public static readonly string[] Columns =
    [
        "id", "title", "summary", "description", "language", "modality", "instrument", "status",
        "approval_date", "planned_start", "planned_end", "actual_start", "actual_end", "countries", "sdgs", "primary_sdg", "sectors",
    ];

    public sealed record RowError(int Row, string Column, string Message);

    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? FileError { get; private set; }
    [BindProperty] public int OrganisationId { get; set; }

    public async Task OnGetAsync() => Organisations = await access.OrganisationsWhereAsync(Permission.EditOwnInitiatives);

    public async Task<IActionResult> OnGetDownloadAsync(int organisationId, CancellationToken cancellationToken)
    {
        if (!await access.CanAsync(Permission.EditOwnInitiatives, organisationId))
        {
            await audit.RecordRefusalAsync("organisation", organisationId, "download spreadsheet");
            return Forbid();
        }
        var rows = await db.Initiatives.AsNoTracking().Where(i => i.OwnerId == organisationId).OrderBy(i => i.Id)
            .Include(i => i.Countries).Include(i => i.Sdgs).Include(i => i.Sectors).AsSplitQuery().ToListAsync(cancellationToken);
        var text = new StringBuilder().AppendLine(Csv.Line(Columns));
        foreach (var i in rows)
        {
            text.AppendLine(Csv.Line(
            [
                i.Id.ToString(CultureInfo.InvariantCulture), i.Title, i.Summary, i.Description, i.Language,
                i.Modality.ToString(), i.Instrument.ToString(), i.Status.ToString(),
                Date(i.ApprovalDate), Date(i.PlannedStart), Date(i.PlannedEnd), Date(i.ActualStart), Date(i.ActualEnd),
                string.Join(";", i.Countries.OrderBy(c => c.CountryCode).Select(c => $"{c.CountryCode}:{c.Role}")),
                string.Join(";", i.Sdgs.OrderBy(s => s.GoalCode).Select(s => s.GoalCode.ToString(CultureInfo.InvariantCulture))),
                i.Sdgs.FirstOrDefault(s => s.IsPrimary)?.GoalCode.ToString(CultureInfo.InvariantCulture),
                string.Join(";", i.Sectors.OrderBy(s => s.SectorCode).Select(s => s.SectorCode)),
            ]));
        }
        // With a byte-order mark, so spreadsheet programs read the accents right.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"initiatives-{organisationId}.csv");
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Organisations = await access.OrganisationsWhereAsync(Permission.EditOwnInitiatives);
        if (Organisations.All(o => o.ActorId != OrganisationId))
        {
            await audit.RecordRefusalAsync("organisation", OrganisationId, "upload spreadsheet");
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
        List<List<string>> records;
        try { records = Csv.Parse(text, MaxRows + 1); }
        catch (FormatException e)
        {
            FileError = e.Message == "too many rows" ? L["The file has more than {0} rows; split it into smaller files.", MaxRows] : L["The file is not valid CSV (a quoted field is not closed)."];
            return Page();
        }
        if (records.Count == 0 || !records[0].Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Columns))
        {
            FileError = L["The first row must be exactly these columns: {0}", string.Join(",", Columns)];
            return Page();
        }

        var names = await referenceData.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<RowError>();
        var ids = records.Skip(1).Select(r => r.Count > 0 && int.TryParse(r[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var existing = await db.Initiatives.Where(i => ids.Contains(i.Id))
            .Include(i => i.Countries).Include(i => i.Sdgs).Include(i => i.Sectors).Include(i => i.Actors).Include(i => i.Translations)
            .AsSplitQuery().ToDictionaryAsync(i => i.Id, cancellationToken);
        var changes = new List<(Initiative Initiative, bool IsNew, List<FieldChange> Fields)>();
        for (var r = 1; r < records.Count; r++)
        {
            var row = records[r];
            var rowNumber = r + 1;
            if (row.Count != Columns.Length) { errors.Add(new(rowNumber, "", L["This row has {0} columns instead of {1}.", row.Count, Columns.Length])); continue; }
            string Cell(string column) => Csv.Field(row[Array.IndexOf(Columns, column)].Trim());
            Initiative initiative;
            var isNew = string.IsNullOrEmpty(Cell("id"));
            if (isNew)
                initiative = new Initiative { Title = "", Summary = "", OwnerId = OrganisationId, CreatedAt = now };
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
            var before = isNew ? new Dictionary<string, string?>() : RecordSnapshot.Of(initiative);
            var rowErrors = ApplyRow(initiative, Cell, names, rowNumber);
            if (rowErrors.Count == 0)
                rowErrors.AddRange(InitiativeRules.Check(initiative, DateOnly.FromDateTime(now)).Select(p => new RowError(rowNumber, p.Field, RuleMessages.For(p.Code, L))));
            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0) changes.Add((initiative, isNew, RecordSnapshot.Diff(before, RecordSnapshot.Of(initiative))));
        }
        if (errors.Count > 0)
        {
            // All or nothing: not one row is saved while any row is wrong.
            db.ChangeTracker.Clear();
            Errors = errors;
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (initiative, isNew, _) in changes)
        {
            initiative.UpdatedAt = now;
            if (isNew) db.Initiatives.Add(initiative);
            else initiative.Version++;
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (initiative, isNew, fields) in changes.Where(c => c.IsNew || c.Fields.Count > 0))
        {
            audit.Add(isNew ? AuditEventType.InitiativeCreated : AuditEventType.InitiativeEdited, "initiative", initiative.Id, "from a spreadsheet");
            await history.AddAsync(initiative, isNew ? ChangeKind.Created : ChangeKind.Edited, fields);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = L["{0} rows saved as drafts.", changes.Count].Value;
        return Redirect("/my");
    }

    private List<RowError> ApplyRow(Initiative initiative, Func<string, string> cell, ReferenceData.Snapshot names, int row)
    {
        var errors = new List<RowError>();
        void Error(string column, string message) => errors.Add(new(row, column, message));

        string? Text(string column, int max, bool required)
        {
            var value = cell(column);
            if (required && value.Length == 0) Error(column, L["This column is required."]);
            else if (value.Length > max) Error(column, L["Use at most {0} characters.", max]);
            return value.Length == 0 ? null : value;
        }
        TEnum Code<TEnum>(string column) where TEnum : struct, Enum
        {
            if (CodeParsing.TryParseName<TEnum>(cell(column), out var value)) return value;
            Error(column, L["Use one of: {0}", string.Join(", ", Enum.GetNames<TEnum>())]);
            return default;
        }
        DateOnly? Day(string column)
        {
            var value = cell(column);
            if (value.Length == 0) return null;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1950 and <= 2100) return date;
            Error(column, L["Write dates as YYYY-MM-DD, between 1950 and 2100."]);
            return null;
        }

        initiative.Title = Text("title", 300, required: true) ?? "";
        initiative.Summary = Text("summary", 2000, required: true) ?? "";
        initiative.Description = Text("description", 20000, required: false);
        var language = cell("language");
        if (PortalLanguages.IsContentLanguage(language)) initiative.Language = language;
        else Error("language", L["Use one of: {0}", string.Join(", ", PortalLanguages.Content)]);
        initiative.Modality = Code<Modality>("modality");
        initiative.Instrument = Code<Instrument>("instrument");
        initiative.Status = Code<ActivityStatus>("status");
        initiative.ApprovalDate = Day("approval_date");
        initiative.PlannedStart = Day("planned_start");
        initiative.PlannedEnd = Day("planned_end");
        initiative.ActualStart = Day("actual_start");
        initiative.ActualEnd = Day("actual_end");

        var countries = new List<InitiativeCountry>();
        foreach (var part in cell("countries").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':');
            var code = pieces[0].ToUpperInvariant();
            if (pieces.Length != 2 || !names.Countries.ContainsKey(code) || !CodeParsing.TryParseName<CountryRole>(pieces[1], out var role))
                Error("countries", L["Write countries as CODE:Role separated by semicolons, e.g. PE:Provider;PY:Recipient (“{0}” is not valid).", part]);
            else if (countries.Any(c => c.CountryCode == code)) Error("countries", L["Each country can be listed only once."]);
            else countries.Add(new InitiativeCountry { CountryCode = code, Role = role });
        }
        var goals = new List<int>();
        foreach (var part in cell("sdgs").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && names.Goals.ContainsKey(goal) && !goals.Contains(goal)) goals.Add(goal);
            else Error("sdgs", L["Write goals as numbers from 1 to 17 separated by semicolons (“{0}” is not valid).", part]);
        }
        int? primary = null;
        if (cell("primary_sdg") is { Length: > 0 } primaryText)
        {
            if (int.TryParse(primaryText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && goals.Contains(p)) primary = p;
            else Error("primary_sdg", L["The primary goal must be one of the goals ticked."]);
        }
        var sectors = new List<string>();
        foreach (var part in cell("sectors").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.Sectors.ContainsKey(part) && !sectors.Contains(part)) sectors.Add(part);
            else Error("sectors", L["Enter a five-digit DAC sector code from the list, such as 31161 for food crop production."]);
        }
        if (errors.Count > 0) return errors;

        initiative.Countries.RemoveAll(c => countries.All(w => w.CountryCode != c.CountryCode));
        foreach (var c in initiative.Countries) c.Role = countries.First(w => w.CountryCode == c.CountryCode).Role;
        initiative.Countries.AddRange(countries.Where(w => initiative.Countries.All(c => c.CountryCode != w.CountryCode)));
        initiative.Sdgs.RemoveAll(s => !goals.Contains(s.GoalCode));
        initiative.Sdgs.AddRange(goals.Where(g => initiative.Sdgs.All(s => s.GoalCode != g)).Select(g => new InitiativeSdg { GoalCode = g }));
        foreach (var s in initiative.Sdgs) s.IsPrimary = s.GoalCode == primary;
        initiative.Sectors.RemoveAll(s => !sectors.Contains(s.SectorCode));
        initiative.Sectors.AddRange(sectors.Where(c => initiative.Sectors.All(s => s.SectorCode != c)).Select(c => new InitiativeSector { SectorCode = c }));
        if (initiative.Actors.All(a => a.ActorId != initiative.OwnerId))
            initiative.Actors.Add(new InitiativeActor { ActorId = initiative.OwnerId, Role = ActorRole.Lead });
        return errors;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
