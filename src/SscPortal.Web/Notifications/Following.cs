using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Notifications;

/// <summary>
/// What may be followed, and how it is named: a follow names something that exists (a country, an organisation, a published
/// initiative, a principle, an SDG, a theme, a world region) or a search the catalogue or the exchange understands. Anything else is refused.
/// </summary>
public sealed class Following(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L)
{
    /// <summary>The follow's key as stored (a search reduced to the parameters the catalogue reads) and its label, or null when there is nothing to follow.</summary>
    public async Task<(string Key, string Label)?> DescribeAsync(FollowKind kind, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > Follow.KeyLength) return null;
        var names = await referenceData.GetAsync(cancellationToken);
        var language = PortalCultures.Current;
        switch (kind)
        {
            case FollowKind.Country:
                var code = key.Trim().ToUpperInvariant();
                return names.Countries.ContainsKey(code) ? (code, names.CountryName(code, language)) : null;
            case FollowKind.Principle:
                return names.Principles.Any(p => p.Code == key) ? (key, names.PrincipleName(key, language)) : null;
            case FollowKind.Sdg:
                return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && names.Goals.ContainsKey(goal)
                    ? (Id(goal), L["SDG {0}: {1}", goal, names.GoalName(goal, language)]) : null;
            case FollowKind.Organisation:
                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var actorId)) return null;
                var actor = await db.Actors.AsNoTracking().Where(a => a.Id == actorId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
                return actor is null ? null : (Id(actorId), actor);
            case FollowKind.Initiative:
                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var initiativeId)) return null;
                var title = await db.Initiatives.AsNoTracking().Published().Where(i => i.Id == initiativeId).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken);
                return title is null ? null : (Id(initiativeId), title);
            case FollowKind.Search:
                var filter = InitiativeFilter.Read(new QueryCollection(QueryHelpers.ParseQuery(key)), names, L);
                if (filter.IsEmpty || filter.Problems.Count > 0) return null;
                var link = filter.Link("");
                // Stored as the catalogue writes it (words percent-encoded): that too must fit.
                if (link.Length - 1 > Follow.KeyLength) return null;
                var label = string.Join(", ", QueryHelpers.ParseQuery(link.TrimStart('?')).Select(p => $"{p.Key}: {p.Value}"));
                return (link.TrimStart('?'), L["Initiatives where {0}", label]);
            case FollowKind.Theme:
                // The theme's name (FoodSecurity), in any case; a number is not a name.
                return !key.Any(char.IsDigit) && Enum.TryParse<ThematicArea>(key.Trim(), ignoreCase: true, out var theme) && Enum.IsDefined(theme)
                    ? (theme.ToString(), L["Theme: {0}", L[EnumLabels.For(theme)]]) : null;
            case FollowKind.Region:
                return names.Regions.FirstOrDefault(r => string.Equals(r.Code, key.Trim(), StringComparison.OrdinalIgnoreCase)) is { } region
                    ? (region.Code, L["Region: {0}", region.NameIn(language)]) : null;
            case FollowKind.ExchangeSearch:
                var (exchange, values) = ListingFilter.Read(new QueryCollection(QueryHelpers.ParseQuery(key)), names, L);
                if (exchange.IsEmpty || !values.IsValid) return null;
                var exchangeLink = exchange.Link("");
                if (exchangeLink.Length - 1 > Follow.KeyLength) return null;
                return (exchangeLink.TrimStart('?'), L["Offers and needs: {0}", string.Join(", ", exchange.Describe(names, L, language))]);
            case FollowKind.GoodPracticeSearch:
                // A followed search of the good practices is its words (what Notices.Calls matches a new good practice with).
                var (practices, practiceValues) = GoodPracticeFilter.Read(new QueryCollection(QueryHelpers.ParseQuery(key)), names, L);
                if (practices.Q is not { } words || !practiceValues.IsValid) return null;
                var practiceKey = QueryString.Create("q", words).Value!.TrimStart('?');
                if (practiceKey.Length > Follow.KeyLength) return null;
                return (practiceKey, L["Good practices matching “{0}”", words]);
            case FollowKind.Calls:
                // A kind of call by its name (Funding), in any case, or every new call.
                if (string.Equals(key.Trim(), Notices.AllCalls, StringComparison.OrdinalIgnoreCase)) return (Notices.AllCalls, L["New calls"]);
                return !key.Any(char.IsDigit) && Enum.TryParse<CallKind>(key.Trim(), ignoreCase: true, out var callKind) && Enum.IsDefined(callKind)
                    ? (callKind.ToString(), L["New calls: {0}", L[Calls.CallText.KindLabel(callKind)]]) : null;
            default:
                return null;
        }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where a follow leads: the page of what is followed.</summary>
    public static string PathOf(FollowKind kind, string key) => kind switch
    {
        FollowKind.Country => $"/countries/{Uri.EscapeDataString(key)}",
        FollowKind.Organisation => $"/actors/{key}",
        FollowKind.Initiative => $"/initiatives/{key}",
        FollowKind.Principle => $"/principles/{Uri.EscapeDataString(key)}",
        FollowKind.Sdg => $"/initiatives?sdg={key}",
        FollowKind.Theme => $"/exchange?theme={Uri.EscapeDataString(key.ToLowerInvariant())}",
        FollowKind.Region => $"/exchange?region={Uri.EscapeDataString(key)}",
        FollowKind.ExchangeSearch => $"/exchange?{key}",
        FollowKind.Calls => key == Notices.AllCalls || !Enum.TryParse<CallKind>(key, out var callKind) ? "/calls" : $"/calls?kind={callKind.ToUrlValue()}",
        FollowKind.GoodPracticeSearch => $"/good-practices?{key}",
        _ => $"/initiatives?{key}",
    };
}

/// <summary>What a page offers to follow: the kind, its key as <see cref="Following.DescribeAsync"/> stores it, and how it is named on the button.</summary>
public sealed record FollowButton(FollowKind Kind, string Key, string Label);

/// <summary>
/// Whether the signed-in person already follows something (for the page's button): everything they follow is read once and
/// kept with what is kept about them (<see cref="Caching.ReaderCache"/>), dropped on this instance when they follow or stop
/// following anything (<see cref="Forget"/>), and on the others after <see cref="Caching.ReaderCache.ReaderLongest"/> at most.
/// </summary>
public sealed class FollowState(AppDbContext db, Authorization.Access access, Caching.ReaderCache readers, IHttpContextAccessor http)
{
    private Dictionary<string, int>? _follows;

    public async Task<int?> FollowIdAsync(FollowKind kind, string key)
    {
        if (access.UserId is not { } me) return null;
        if (!Caching.ReaderCache.MayUse(http.HttpContext, db))
            return await db.Follows.AsNoTracking().Where(f => f.UserId == me && f.Kind == kind && f.Key == key).Select(f => (int?)f.Id).FirstOrDefaultAsync();
        _follows ??= await readers.GetAsync(KeptKey(me), async () =>
            (await db.Follows.AsNoTracking().Where(f => f.UserId == me).Select(f => new { f.Kind, f.Key, f.Id }).ToListAsync())
                .GroupBy(f => Name(f.Kind, f.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(f => f.Id), StringComparer.Ordinal),
            _ => true, size: follows => 1 + follows.Count / 100);
        return _follows!.TryGetValue(Name(kind, key), out var id) ? id : null;
    }

    /// <summary>The reader followed or stopped following something: their buttons are read afresh at their next page.</summary>
    public static void Forget(Caching.ReaderCache readers, string userId) => readers.Forget(KeptKey(userId));

    private static string KeptKey(string userId) => $"follows|{userId}";

    private static string Name(FollowKind kind, string key) => $"{(int)kind}|{key}";
}
