using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Feeds;

/// <summary>
/// The calls' feed (issue 19): the published calls /calls lists with the same filters, the latest change first, each with
/// its kind, status and deadline (in its own time zone and in UTC), and its title and text in the reader's language.
/// </summary>
public static partial class FeedEndpoints
{
    public const string CallsPath = "/feeds/calls.atom";

    public static readonly ApiQuery CallsFeedQuery = new("CallsFeed", CallFilter.Parameters);

    public static string CallsAddress(CallFilter filter) => filter.Link(CallsPath, extra: [("culture", PortalCultures.Current)]);

    private static void MapCalls(RouteGroupBuilder feeds) => feeds.MapGet("/calls.atom", CallsAsync).WithMetadata(CallsFeedQuery);

    private static async Task CallsAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, TimeProvider clock, IStringLocalizer<SharedResource> L,
        CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var values = CallsFeedQuery.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var filter = CallFilter.From(values);
        var now = clock.GetUtcNow().UtcDateTime;
        var language = PortalCultures.Current;
        var cards = await filter.Apply(db.Calls.AsNoTracking(), db, now)
            .OrderByDescending(c => c.PublishedAt > c.UpdatedAt ? c.PublishedAt : c.UpdatedAt).ThenByDescending(c => c.Id).Take(AtomFeed.MaxEntries)
            .ToCards(language).ToListAsync(cancellationToken);
        var entries = cards.Select(c =>
        {
            var shown = c.Shown;
            var facts = new List<string>
            {
                L[CallText.KindLabel(c.Kind)], L[CallText.StatusLabel(c.StatusAt(now))],
                $"{L["Deadline"]} {CallText.InZone(c.ClosesAt, c.TimeZone)} = {CallText.InUtc(c.ClosesAt)}",
            };
            var clipped = shown.Summary.Length <= 500 ? shown.Summary : shown.Summary[..500] + "…";
            return new FeedEntry(c.Path, shown.Title, shown.Language, $"{string.Join(" · ", facts)}. {clipped}", null,
                AtomFeed.LastChange(c.UpdatedAt, c.PublishedAt), c.PublishedAt, c.OwnerName, c.OwnerId);
        });
        var parts = filter.Describe(L);
        var title = parts.Count == 0 ? L["Calls"].Value : $"{L["Calls"]}: {string.Join(", ", parts)}";
        var feed = new FeedContent(CallsAddress(filter), filter.Link("/calls"), title, AtomFeed.Newest(entries));
        await SendAsync(context, root, feed, L, cancellationToken);
    }
}
