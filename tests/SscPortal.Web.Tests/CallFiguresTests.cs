using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Calls in figures (/calls/figures, issue 19): applications submitted and selected with the success rate by world region
/// and kind of organisation of the applicant, across the calls whose results are published; and for one of those calls, by
/// country, kind and partner mix. An open call, or a decided call whose results are not published, is never counted.
/// </summary>
public abstract class CallFiguresTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private sealed record Row(int Submitted, int Selected, string Text);

    private static Dictionary<string, Row> Rows(HtmlClient.Page page, string table) =>
        page.Document.QuerySelectorAll($"#{table} tbody tr[data-key]").ToDictionary(tr => tr.GetAttribute("data-key")!, tr => new Row(
            int.Parse(tr.GetAttribute("data-submitted")!, CultureInfo.InvariantCulture), int.Parse(tr.GetAttribute("data-selected")!, CultureInfo.InvariantCulture),
            tr.TextContent));

    private static (int Submitted, int Selected) Delta(Dictionary<string, Row> before, Dictionary<string, Row> after, string key) =>
        (after.GetValueOrDefault(key)?.Submitted ?? 0) - (before.GetValueOrDefault(key)?.Submitted ?? 0) is var submitted
            ? (submitted, (after.GetValueOrDefault(key)?.Selected ?? 0) - (before.GetValueOrDefault(key)?.Selected ?? 0)) : default;

    private async Task<Actor> ActorInAsync(ActorType type, string country)
    {
        var actor = await Portal.ActorAsync(type);
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Actors.SingleAsync(a => a.Id == actor.Id)).CountryCode = country;
            return await db.SaveChangesAsync();
        });
        actor.CountryCode = country;
        return actor;
    }

    [Fact]
    public async Task Figures_count_only_calls_whose_results_are_published_by_region_kind_country_and_partner_mix()
    {
        var owner = await Portal.ActorAsync(ActorType.LocalGovernment);
        var peru = await ActorInAsync(ActorType.NationalCso, "PE");
        var kenya = await ActorInAsync(ActorType.Government, "KE");
        var peruCity = await ActorInAsync(ActorType.LocalGovernment, "PE");
        var kenyaUniversity = await ActorInAsync(ActorType.Academia, "KE");
        var brazil = await ActorInAsync(ActorType.Foundation, "BR");
        var csoPartner = await ActorInAsync(ActorType.RegionalCso, "BO");
        var ministryPartner = await ActorInAsync(ActorType.Government, "BO");
        var company = await ActorInAsync(ActorType.PrivateSector, "BO");
        var regions = await Portal.WithDatabaseAsync(db => db.Countries.AsNoTracking().Where(c => c.Code == "PE" || c.Code == "KE" || c.Code == "BR")
            .ToDictionaryAsync(c => c.Code.Trim(), c => c.RegionCode!));
        Assert.NotEqual(regions["PE"], regions["KE"]);

        using var visitor = Portal.CreateBrowser();
        var before = await visitor.GetOkAsync("/calls/figures");
        var (regionsBefore, kindsBefore) = (Rows(before, "figures-by-region"), Rows(before, "figures-by-kind"));

        // A decided call with published results: four applications with every partner mix, one more with a company only, and a draft.
        var decided = await Portal.CallAsync(owner, CallData.Content(TestData.Unique("Decided call")));
        var civil = await Portal.ApplicationAsync(decided, peru, confirmedPartners: [csoPartner]);
        var official = await Portal.ApplicationAsync(decided, kenya, confirmedPartners: [ministryPartner]);
        var both = await Portal.ApplicationAsync(decided, peruCity, confirmedPartners: [csoPartner, ministryPartner]);
        await Portal.ApplicationAsync(decided, kenyaUniversity);
        await Portal.ApplicationAsync(decided, brazil, confirmedPartners: [company]);
        await Portal.ApplicationAsync(decided, await ActorInAsync(ActorType.NationalCso, "PE"), submitted: false);
        await Portal.CloseCallAsync(decided);
        await Portal.DecideAndPublishAsync(decided, [civil, both]);

        // An open call, and a closed call whose decisions are not published: their applications are private, never counted.
        var open = await Portal.CallAsync(owner, CallData.Content(TestData.Unique("Open call")));
        await Portal.ApplicationAsync(open, peru);
        var undisclosed = await Portal.CallAsync(owner, CallData.Content(TestData.Unique("Undisclosed call")));
        var secret = await Portal.ApplicationAsync(undisclosed, kenya);
        await Portal.CloseCallAsync(undisclosed);
        await Portal.DecideAndPublishAsync(undisclosed, [secret], publish: false);

        var after = await visitor.GetOkAsync("/calls/figures");
        var (regionsAfter, kindsAfter) = (Rows(after, "figures-by-region"), Rows(after, "figures-by-kind"));
        // Peru and Brazil are both in the Americas: the Brazilian foundation's application counts there.
        Assert.Equal(regions["PE"], regions["BR"]);
        Assert.Equal((3, 2), Delta(regionsBefore, regionsAfter, regions["PE"]));
        Assert.Equal((2, 0), Delta(regionsBefore, regionsAfter, regions["KE"]));
        Assert.Equal((1, 1), Delta(kindsBefore, kindsAfter, nameof(ActorType.NationalCso)));
        Assert.Equal((1, 0), Delta(kindsBefore, kindsAfter, nameof(ActorType.Government)));
        Assert.Equal((1, 1), Delta(kindsBefore, kindsAfter, nameof(ActorType.LocalGovernment)));
        Assert.Equal((1, 0), Delta(kindsBefore, kindsAfter, nameof(ActorType.Academia)));
        Assert.Equal((1, 0), Delta(kindsBefore, kindsAfter, nameof(ActorType.Foundation)));
        // The success rate is selected ÷ submitted, as the row's own counts give it.
        foreach (var row in regionsAfter.Values.Concat(kindsAfter.Values))
            Assert.Contains(((double)row.Selected / row.Submitted).ToString("P0", CultureInfo.GetCultureInfo("en")), row.Text, StringComparison.Ordinal);
        var total = after.Document.QuerySelector("#figures-total")!;
        var totalBefore = before.Document.QuerySelector("#figures-total");
        Assert.Equal(5, int.Parse(total.GetAttribute("data-submitted")!, CultureInfo.InvariantCulture) - int.Parse(totalBefore?.GetAttribute("data-submitted") ?? "0", CultureInfo.InvariantCulture));

        // Only the decided call can be chosen; by default the latest results are shown, which are this call's.
        var choices = after.Document.QuerySelectorAll("select#call option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(TestData.Key(decided), choices);
        Assert.DoesNotContain(TestData.Key(open), choices);
        Assert.DoesNotContain(TestData.Key(undisclosed), choices);

        var one = await visitor.GetOkAsync($"/calls/figures?call={decided}");
        Assert.Equal((TestData.Key(decided), "5", "2"), (one.Document.QuerySelector("#call-total")!.GetAttribute("data-call"),
            one.Document.QuerySelector("#call-total")!.GetAttribute("data-submitted"), one.Document.QuerySelector("#call-total")!.GetAttribute("data-selected")));
        var byCountry = Rows(one, "call-by-country");
        Assert.Equal([("BR", 1, 0), ("KE", 2, 0), ("PE", 2, 2)], byCountry.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value.Submitted, r.Value.Selected)));
        var byKind = Rows(one, "call-by-kind");
        Assert.Equal((1, 1), (byKind[nameof(ActorType.NationalCso)].Submitted, byKind[nameof(ActorType.NationalCso)].Selected));
        Assert.Equal((1, 0), (byKind[nameof(ActorType.Academia)].Submitted, byKind[nameof(ActorType.Academia)].Selected));
        Assert.Equal(5, byKind.Values.Sum(r => r.Submitted));
        var byPartners = Rows(one, "call-by-partners");
        Assert.Equal([("NoPartner", 1, 0), ("CivilSociety", 1, 1), ("Official", 1, 0), ("Both", 1, 1), ("OtherOnly", 1, 0)],
            byPartners.Select(r => (r.Key, r.Value.Submitted, r.Value.Selected)));
        Assert.Contains("With both civil-society and official partners", one.Text, StringComparison.Ordinal);
        Assert.Empty(one.Document.QuerySelectorAll("a[href^='/applications/']"));

        // Asked for directly, a call without published results is refused its figures and the latest results are shown instead.
        var refused = await visitor.GetOkAsync($"/calls/figures?call={undisclosed}");
        Assert.Contains("has not published its results", refused.Text, StringComparison.Ordinal);
        Assert.NotEqual(TestData.Key(undisclosed), refused.Document.QuerySelector("#call-total")!.GetAttribute("data-call"));
        var spanish = await visitor.GetOkAsync($"/calls/figures?call={decided}&culture=es");
        Assert.Contains("Tasa de éxito", spanish.Text, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class CallFiguresOnSqlite(SqlitePortalFixture fixture) : CallFiguresTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class CallFiguresOnPostgres(PostgresPortalFixture fixture) : CallFiguresTests(fixture);
