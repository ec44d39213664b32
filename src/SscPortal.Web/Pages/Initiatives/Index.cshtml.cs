using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Initiatives;

/// <summary>The public catalogue: published initiatives, newest first, filtered by country, modality and status.</summary>
[AllowAnonymous]
public class IndexModel(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "country")] public string? Country { get; set; }
    [FromQuery(Name = "modality")] public string? Modality { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "after")] public string? After { get; set; }
    [FromQuery(Name = "before")] public string? Before { get; set; }

    public IReadOnlyList<InitiativeCard> Results { get; private set; } = [];
    public int Total { get; private set; }
    public int FirstPosition { get; private set; }
    public string? NextCursor { get; private set; }
    public string? PreviousCursor { get; private set; }
    public bool IsFiltered { get; private set; }
    public bool IsPastTheEnd { get; private set; }
    public IReadOnlyList<(string Code, string Name)> CountryOptions { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        var published = db.Initiatives.AsNoTracking().Published();
        var query = ApplyFilters(published);
        Total = await query.CountAsync(cancellationToken);

        var (isForward, cursor) = ReadCursor();
        Results = await ReadPageAsync(query, isForward, cursor, cancellationToken);
        await SetPagingAsync(query, isForward, cursor, cancellationToken);

        var language = PortalCultures.Current;
        CountryOptions = (await published.SelectMany(i => i.Countries).Select(c => c.CountryCode).Distinct().ToListAsync(cancellationToken))
            .Select(code => (code, Names.CountryName(code, language)))
            .OrderBy(c => c.Item2, StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, ignoreCase: true))
            .ToList();
    }

    private IQueryable<Initiative> ApplyFilters(IQueryable<Initiative> query)
    {
        if (!string.IsNullOrWhiteSpace(Country))
        {
            var code = Country.Trim().ToUpperInvariant();
            if (SscPortal.Domain.Country.IsWellFormedCode(code) && Names.Countries.ContainsKey(code))
            {
                query = query.Where(i => i.Countries.Any(c => c.CountryCode == code));
                Country = code;
                IsFiltered = true;
            }
            else { Reject(nameof(Country), L["There is no country with the code “{0}”. This filter was not applied.", Shorten(Country)]); Country = null; }
        }
        if (ReadCode<Modality>(Modality, nameof(Modality), text => L["“{0}” is not a modality. This filter was not applied.", text]) is { } modality)
        {
            query = query.Where(i => i.Modality == modality);
            Modality = modality.ToUrlValue();
        }
        else Modality = null;
        if (ReadCode<ActivityStatus>(Status, nameof(Status), text => L["“{0}” is not a status. This filter was not applied.", text]) is { } status)
        {
            query = query.Where(i => i.Status == status);
            Status = status.ToUrlValue();
        }
        else Status = null;
        return query;
    }

    private (bool IsForward, (DateTime At, int Id)? Cursor) ReadCursor()
    {
        var token = Before ?? After;
        if (token is null) return (true, null);
        if (KeysetCursor.TryDecode(token, out var cursor) && cursor.TryGetTime(out var at))
            return (Before is null, (at, cursor.Id));
        Reject("Page", L["This page link is not valid, so the list starts from the beginning."]);
        After = Before = null;
        return (true, null);
    }

    private static async Task<IReadOnlyList<InitiativeCard>> ReadPageAsync(
        IQueryable<Initiative> query, bool isForward, (DateTime At, int Id)? cursor, CancellationToken cancellationToken)
    {
        if (isForward)
        {
            if (cursor is var (at, id)) query = query.Where(i => i.PublishedAt < at || (i.PublishedAt == at && i.Id < id));
            return await query.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id)
                .Take(PageSize).ToCards(PortalCultures.Current).ToListAsync(cancellationToken);
        }
        var (beforeAt, beforeId) = cursor!.Value;
        var page = await query.Where(i => i.PublishedAt > beforeAt || (i.PublishedAt == beforeAt && i.Id > beforeId))
            .OrderBy(i => i.PublishedAt).ThenBy(i => i.Id)
            .Take(PageSize).ToCards(PortalCultures.Current).ToListAsync(cancellationToken);
        page.Reverse();
        return page;
    }

    private async Task SetPagingAsync(IQueryable<Initiative> query, bool isForward, (DateTime At, int Id)? cursor, CancellationToken cancellationToken)
    {
        if (Results.Count == 0)
        {
            // A link past the end (or before the start): say so, and offer the first page.
            IsPastTheEnd = cursor is not null && Total > 0;
            return;
        }
        var first = Results[0];
        var last = Results[^1];
        var newerThanFirst = await query.CountAsync(i => i.PublishedAt > first.PublishedAt || (i.PublishedAt == first.PublishedAt && i.Id > first.Id), cancellationToken);
        FirstPosition = newerThanFirst + 1;
        if (newerThanFirst > 0) PreviousCursor = KeysetCursor.For(first.PublishedAt, first.Id).Encode();
        if (FirstPosition + Results.Count - 1 < Total) NextCursor = KeysetCursor.For(last.PublishedAt, last.Id).Encode();
    }

    /// <summary>Reads a code filter; an unknown value is reported next to its field and not applied.</summary>
    private TEnum? ReadCode<TEnum>(string? text, string field, Func<string, string> unknownMessage) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (CodeParsing.TryParseName<TEnum>(text, out var value))
        {
            IsFiltered = true;
            return value;
        }
        Reject(field, unknownMessage(Shorten(text)));
        return null;
    }

    private void Reject(string field, string message) => ModelState.AddModelError(field, message);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>A link to this list with the current filters and the given page position.</summary>
    public string LinkTo(string? after = null, string? before = null) =>
        Url.Page("/Initiatives/Index", new { country = Country, modality = Modality, status = Status, after, before })!;
}
