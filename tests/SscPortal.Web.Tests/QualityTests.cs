using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Quality;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Data quality over HTTP (issue 21, part 3): an organisation's records with their findings linked to the field on
/// /my/quality; the public figures on /data-quality counting published records only; publishing refused on a critical
/// finding with the reason and nothing changed, allowed with warnings; and the link checker (a working link, a broken one
/// counted after N failures in a row, private and loopback addresses never requested).
/// </summary>
public abstract class QualityTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private Task<int> ChangeAsync(int id, Action<Initiative> change) => Portal.WithDatabaseAsync(async db =>
    {
        var initiative = await db.Initiatives.Include(i => i.Sectors).Include(i => i.Sdgs).Include(i => i.Contributions).Include(i => i.Links).SingleAsync(i => i.Id == id);
        change(initiative);
        return await db.SaveChangesAsync();
    });

    private static string[] ChecksOf(HtmlClient.Page page, int id) =>
        page.Document.QuerySelectorAll($"#record-{id} .finding").Select(f => f.GetAttribute("data-check")!).ToArray();

    [Fact]
    public async Task My_quality_lists_each_of_my_organisations_records_with_what_to_fix_linked_to_the_field()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var published = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Publicada {word}");
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", null, status: ActivityStatus.Closed, title: $"Borrador {word}");
        await ChangeAsync(published, i => i.Sectors.Clear());
        var other = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", null, title: $"Ajena {word}");
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        var page = await admin.GetOkAsync("/my/quality");

        Assert.Contains(nameof(QualityCheck.MissingSectors), ChecksOf(page, published));
        Assert.NotNull(page.Document.QuerySelector($"#record-{published} .finding[data-check='MissingSectors'] a[href='/initiatives/{published}/edit#sector-0']"));
        Assert.Contains(nameof(QualityCheck.MissingActualEnd), ChecksOf(page, draft));
        Assert.NotNull(page.Document.QuerySelector($"#record-{draft} a[href='/initiatives/{draft}/edit#Input_ActualEnd']"));
        // Without an IATI identifier (and no portal publisher), both are left out of the IATI file: fixed on the organisation's form.
        Assert.NotNull(page.Document.QuerySelector($"#record-{draft} a[href='/organisations/{world.CsoA.Id}/iati-identifier']"));
        Assert.Contains("Score over its 1 published initiatives: 78 out of 100.", page.Text, StringComparison.Ordinal);   // 100 − 10 (no sector) − 10 (left out) − 2 (untranslated)
        Assert.Null(page.Document.QuerySelector($"#record-{other}"));
        Assert.DoesNotContain($"Ajena {word}", page.Text, StringComparison.Ordinal);

        // Only the warnings, or only the critical findings (there are none).
        var warnings = await admin.GetOkAsync("/my/quality?severity=Warning");
        Assert.DoesNotContain(nameof(QualityCheck.UntranslatedTitle), ChecksOf(warnings, published));
        Assert.Contains(nameof(QualityCheck.MissingSectors), ChecksOf(warnings, published));
        Assert.Empty((await admin.GetOkAsync("/my/quality?severity=Critical")).Document.QuerySelectorAll(".quality-record"));

        // The record's own page shows its editors the same findings; the public sees none of it.
        var own = await admin.GetOkAsync($"/initiatives/{published}");
        Assert.NotNull(own.Document.QuerySelector($".quality-summary .finding[data-check='MissingSectors'] a[href='/initiatives/{published}/edit#sector-0']"));
        Assert.Null((await Portal.CreateBrowser().GetOkAsync($"/initiatives/{published}")).Document.QuerySelector(".quality-summary"));
    }

    private Task<List<RecordQuality>> ScanAsync(params int[] ids) => Portal.WithServicesAsync(async services =>
    {
        var reports = services.GetRequiredService<QualityReports>();
        var db = services.GetRequiredService<AppDbContext>();
        var found = new List<RecordQuality>();
        await foreach (var record in reports.ScanAsync(db.Initiatives.Where(i => ids.Contains(i.Id)), CancellationToken.None)) found.Add(record);
        return found;
    });

    [Fact]
    public async Task An_assessment_left_without_an_official_response_past_the_response_period_is_a_finding_until_a_party_responds()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var days = await Portal.WithServicesAsync(services => Task.FromResult(services.GetRequiredService<SscPortal.Web.Catalogue.ResponseDeadlines>().ResponseDays));
        var longAgo = DateTime.UtcNow.AddDays(-days - 1);
        // An agency's initiative assessed by a CSO long ago, and again yesterday (still within the response period).
        var official = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddDays(-days - 30), title: $"Oficial {word}");
        var overdue = await Portal.AssessmentAsync(world.CsoA, official, longAgo);
        var recent = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddDays(-days - 30), title: $"Reciente {word}");
        await Portal.AssessmentAsync(world.CsoA, recent, DateTime.UtcNow.AddDays(-1));
        // A CSO's own initiative with no official party (its owner is its only organisation): nobody official owes a response.
        var civil = await Portal.InitiativeAsync(world.CsoB, "PE", "EC", DateTime.UtcNow.AddDays(-days - 30), title: $"Civil {word}");
        await Portal.AssessmentAsync(world.CsoA, civil, longAgo);

        QualityFinding[] Unanswered(IEnumerable<RecordQuality> records, int id) =>
            records.Single(r => r.Id == id).Findings.Where(f => f.Check == QualityCheck.AssessmentWithoutResponse).ToArray();
        var before = await ScanAsync(official, recent, civil);
        var finding = Assert.Single(Unanswered(before, official));
        Assert.Equal(overdue, finding.Item);
        Assert.Equal(QualitySeverity.Info, finding.Severity);
        Assert.Empty(Unanswered(before, recent));
        Assert.Empty(Unanswered(before, civil));

        // The agency's own page says it, linked to the assessment to respond to.
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        Assert.NotNull((await admin.GetOkAsync("/my/quality")).Document
            .QuerySelector($"#record-{official} .finding[data-check='AssessmentWithoutResponse'] a[href='/assessments/{overdue}']"));

        // The agency responds: the finding goes.
        await Portal.WithDatabaseAsync(async db =>
        {
            db.AssessmentResponses.Add(new AssessmentResponse { AssessmentId = overdue, ResponderId = world.AgencyG.Id, Text = "We answer.", PublishedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.Empty(Unanswered(await ScanAsync(official), official));
        Assert.DoesNotContain(nameof(QualityCheck.AssessmentWithoutResponse), ChecksOf(await admin.GetOkAsync("/my/quality"), official));
    }

    [Fact]
    public async Task The_public_figures_count_published_records_only_and_never_show_a_draft()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var complete = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Completa {word}");
        var noGoal = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Sin objetivo {word}");
        await ChangeAsync(noGoal, i => i.Sdgs.Clear());
        await Portal.InitiativeAsync(world.CsoA, "PE", "PY", null, title: $"Borrador secreto {word}");
        await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", null, title: $"Borrador ajeno {word}");
        var browser = Portal.CreateBrowser();

        var figures = await browser.GetOkAsync("/data-quality?sort=name");
        var row = figures.Document.QuerySelector($"tr[data-organisation='{world.CsoA.Id}']")!;
        Assert.Equal("2", row.QuerySelector(".records")!.TextContent);
        Assert.Equal("50\u00a0%", row.QuerySelector("[data-check='MissingSdgs']")!.TextContent);
        Assert.Equal("0\u00a0%", row.QuerySelector("[data-check='critical']")!.TextContent);
        // An organisation with drafts only is not listed; the checks are documented on the page.
        Assert.Null(figures.Document.QuerySelector($"tr[data-organisation='{world.AgencyG.Id}']"));
        Assert.NotNull(figures.Document.QuerySelector("#how-we-check #check-CurrencyInvalid"));
        Assert.NotNull(figures.Document.QuerySelector("footer a[href='/data-quality']"));

        var breakdown = await browser.FollowAsync(figures, $"tr[data-organisation='{world.CsoA.Id}'] a");
        Assert.Equal($"/data-quality/{world.CsoA.Id}", breakdown.Address.AbsolutePath);
        Assert.Contains(nameof(QualityCheck.MissingSdgs), ChecksOf(breakdown, noGoal));
        Assert.DoesNotContain(nameof(QualityCheck.MissingSdgs), ChecksOf(breakdown, complete));
        Assert.DoesNotContain("Borrador", breakdown.Text, StringComparison.Ordinal);
        Assert.Empty(breakdown.Document.QuerySelectorAll("a[href*='/edit']"));
        Assert.DoesNotContain($"Borrador ajeno {word}", (await browser.GetOkAsync($"/data-quality/{world.AgencyG.Id}")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/data-quality/2147483000")).Status);
    }

    [Fact]
    public async Task Publishing_a_record_with_a_critical_finding_is_refused_with_the_reason_and_nothing_changes()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", null);
        // A currency the form would not take, as an import or an old record may hold it: the IATI file would be invalid.
        await ChangeAsync(id, i => i.Contributions.Add(new InitiativeContribution { ActorId = world.CsoA.Id, Kind = ContributionKind.Money, Amount = 500m, Currency = "usd" }));
        var before = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id));
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        var page = await admin.GetOkAsync($"/initiatives/{id}");
        Assert.NotNull(page.Document.QuerySelector($".quality-summary.critical .finding[data-check='CurrencyInvalid'] a[href='/initiatives/{id}/edit#Input_Contributions_0__Currency']"));
        var answer = await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());

        Assert.Contains("the IATI file would be invalid with it", answer.Document.QuerySelector(".notice.problem")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("usd", answer.Document.QuerySelector(".quality-summary .finding[data-check='CurrencyInvalid']")!.TextContent, StringComparison.Ordinal);
        var after = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((PublicationState.Draft, before.Version, (DateTime?)null), (after.Publication, after.Version, after.PublishedAt));
    }

    [Fact]
    public async Task Publishing_a_record_with_warnings_only_is_allowed_and_the_warnings_stay_shown()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", null);
        await ChangeAsync(id, i => { i.Sectors.Clear(); i.Sdgs.Clear(); });
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        var answer = await admin.SubmitAsync(await admin.GetOkAsync($"/initiatives/{id}"), "form[action*='handler=Publish']", new Dictionary<string, string>());

        Assert.Equal(PublicationState.Published, await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == id).Select(i => i.Publication).SingleAsync()));
        Assert.Null(answer.Document.QuerySelector(".notice.problem"));
        var shown = answer.Document.QuerySelectorAll(".quality-summary .finding").Select(f => f.GetAttribute("data-check")).ToList();
        Assert.Contains(nameof(QualityCheck.MissingSectors), shown);
        Assert.Contains(nameof(QualityCheck.MissingSdgs), shown);
    }

    [Fact]
    public async Task The_checks_read_an_organisations_records_in_the_same_few_statements_whatever_their_number()
    {
        var few = await Portal.ActorAsync(ActorType.NationalCso, TestData.Unique("Few records"));
        var many = await Portal.ActorAsync(ActorType.NationalCso, TestData.Unique("Many records"));
        await Portal.InitiativeAsync(few, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        for (var i = 0; i < 25; i++)
        {
            var id = await Portal.InitiativeAsync(many, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
            if (i % 2 == 0) await ChangeAsync(id, x => x.Sectors.Clear());
        }
        using var client = Portal.CreateClient();
        async Task<int> StatementsAsync(string url)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return int.Parse(response.Headers.GetValues(SscPortal.Web.Diagnostics.SqlStatementCounter.Header).Single(), System.Globalization.CultureInfo.InvariantCulture);
        }
        await StatementsAsync($"/data-quality/{few.Id}");

        Assert.Equal(await StatementsAsync($"/data-quality/{few.Id}"), await StatementsAsync($"/data-quality/{many.Id}"));
    }

    private static LinkChecker Checker(AppDbContext db, bool allowLoopback) => new(db,
        Options.Create(new QualityOptions { AllowLoopback = allowLoopback, TimeoutSeconds = 5, LinksPerRun = 1000 }), TimeProvider.System, NullLogger<LinkChecker>.Instance);

    private Task<LinkCheck> RowAsync(string url) => Portal.WithDatabaseAsync(db => db.LinkChecks.AsNoTracking().SingleAsync(c => c.Url == url));

    [Fact]
    public async Task The_link_checker_records_a_working_link_and_counts_a_broken_one_as_broken_after_three_failures_in_a_row()
    {
        using var site = new LoopbackSite();
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (ok, missing, hidden) = (site.Url("ok"), site.Url("missing"), site.Url("draft-only"));
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        await ChangeAsync(id, i =>
        {
            i.Links.Add(new InitiativeLink { Title = "Works", Url = ok });
            i.Links.Add(new InitiativeLink { Title = "Gone", Url = missing });
        });
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", null);
        await ChangeAsync(draft, i => i.Links.Add(new InitiativeLink { Title = "Draft", Url = hidden }));

        // Only published initiatives' links are due.
        var due = await Portal.WithDatabaseAsync(db => Checker(db, allowLoopback: true).DueAsync(CancellationToken.None));
        Assert.Contains(ok, due);
        Assert.Contains(missing, due);
        Assert.DoesNotContain(hidden, due);

        await Portal.WithDatabaseAsync(async db => { await Checker(db, allowLoopback: true).CheckAndRecordAsync([ok, missing], CancellationToken.None); return 0; });
        var works = await RowAsync(ok);
        Assert.Equal((200, (string?)null, 0), (works.Status, works.Problem, works.Failures));
        var gone = await RowAsync(missing);
        Assert.Equal((404, "HTTP 404", 1), (gone.Status, gone.Problem, gone.Failures));
        // HEAD first, then GET when HEAD fails.
        Assert.Equal(["HEAD /ok", "HEAD /missing", "GET /missing"], site.Requests);

        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        Assert.DoesNotContain(nameof(QualityCheck.BrokenLink), ChecksOf(await admin.GetOkAsync("/my/quality"), id));
        for (var run = 0; run < 2; run++)
            await Portal.WithDatabaseAsync(async db => { await Checker(db, allowLoopback: true).CheckAndRecordAsync([ok, missing], CancellationToken.None); return 0; });
        Assert.Equal(3, (await RowAsync(missing)).Failures);
        var page = await admin.GetOkAsync("/my/quality");
        var broken = Assert.Single(page.Document.QuerySelectorAll($"#record-{id} .finding[data-check='BrokenLink']"));
        Assert.Contains(missing, broken.TextContent, StringComparison.Ordinal);
        Assert.NotNull(broken.QuerySelector($"a[href='/initiatives/{id}/edit#Input_Links_1__Url']"));
    }

    [Fact]
    public async Task Private_loopback_and_link_local_addresses_are_never_requested_and_a_redirect_to_one_is_refused()
    {
        using var site = new LoopbackSite();
        var refused = new[]
        {
            site.Url("ok"), $"http://localhost:{site.Port}/ok", $"http://[::1]:{site.Port}/ok", "http://10.1.2.3/", "http://192.168.0.1/admin",
            "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[fd00::1]/", "http://[fe80::1]/",
        };
        await Portal.WithDatabaseAsync(async db => { await Checker(db, allowLoopback: false).CheckAndRecordAsync(refused, CancellationToken.None); return 0; });
        foreach (var url in refused)
            Assert.Equal((LinkChecker.NotPublic, (int?)null), ((await RowAsync(url)).Problem, (await RowAsync(url)).Status));
        Assert.Empty(site.Requests);

        // Loopback allowed (as in tests), a redirect to a private address is still refused at connection.
        var redirect = site.Url("redirect");
        await Portal.WithDatabaseAsync(async db => { await Checker(db, allowLoopback: true).CheckAndRecordAsync([redirect, "ftp://example.org/file"], CancellationToken.None); return 0; });
        Assert.Equal(LinkChecker.NotPublic, (await RowAsync(redirect)).Problem);
        Assert.Equal(LinkChecker.NotWeb, (await RowAsync("ftp://example.org/file")).Problem);

        Assert.True(PublicAddresses.IsAllowed(IPAddress.Parse("93.184.216.34"), allowLoopback: false));
        Assert.True(PublicAddresses.IsAllowed(IPAddress.Parse("2606:2800:220:1:248:1893:25c8:1946"), allowLoopback: false));
        Assert.False(PublicAddresses.IsAllowed(IPAddress.Parse("::ffff:10.0.0.1"), allowLoopback: true));
        Assert.False(PublicAddresses.IsAllowed(IPAddress.Parse("224.0.0.1"), allowLoopback: true));
    }

    /// <summary>A small web site on a loopback port: /ok answers 200, /redirect sends to a private address, anything else 404; it records each request.</summary>
    private sealed class LoopbackSite : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<string> _requests = [];
        public int Port { get; }

        public LoopbackSite()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url(string path) => $"http://127.0.0.1:{Port}/{path}-{TestData.Word()}";

        public IReadOnlyList<string> Requests { get { lock (_requests) return _requests.ToList(); } }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                var path = context.Request.Url!.AbsolutePath;
                var name = "/" + path.TrimStart('/').Split('-')[0];
                lock (_requests) _requests.Add($"{context.Request.HttpMethod} {name}");
                if (name == "/redirect")
                {
                    context.Response.StatusCode = 302;
                    context.Response.RedirectLocation = "http://10.20.30.40/inside";
                }
                else context.Response.StatusCode = name == "/ok" ? 200 : 404;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}

[Collection(SqliteSuite.Name)]
public sealed class QualityOnSqlite(SqlitePortalFixture fixture) : QualityTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class QualityOnPostgres(PostgresPortalFixture fixture) : QualityTests(fixture);
