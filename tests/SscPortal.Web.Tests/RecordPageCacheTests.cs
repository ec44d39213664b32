using Microsoft.EntityFrameworkCore;
using System.Globalization;
using System.Net;
using SscPortal.Domain;
using SscPortal.Web.Diagnostics;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// A published initiative's page is read once and kept for every reader, signed in or not, until the content changes
/// (Caching/RecordPageCache.cs): a change shows at the next visit, an unpublished record is gone at once, each language keeps
/// its own, and what is the reader's own (their organisation's draft assessments, the record's drafts) is never shown to
/// anyone else. A page of the JSON API's list is kept in the same way for everyone asking the same question. Other tests write to the same database meanwhile, which starts the cache afresh at any moment: a test that
/// needs the record kept asks until it is.
/// </summary>
public abstract class RecordPageCacheTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static string Visit(int id, string? culture = null) =>
        $"/initiatives/{id}?visit={TestData.Word()}" + (culture is null ? "" : $"&culture={culture}");

    private static int Statements(HtmlClient.Page page) =>
        int.Parse(page.Response.Headers.GetValues(SqlStatementCounter.Header).Single(), CultureInfo.InvariantCulture);

    /// <summary>Visits until a visit runs fewer statements than <paramref name="read"/> (the first visit's, which read the record): it was kept. Returns that visit.</summary>
    private static async Task<HtmlClient.Page> KeptAsync(HtmlClient reader, int id, int read, string? culture = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var page = await reader.GetOkAsync(Visit(id, culture));
            if (Statements(page) < read) return page;
        }
        Assert.Fail($"/initiatives/{id} was read afresh at every visit: it is never kept");
        return null!;
    }

    [Fact]
    public async Task A_published_record_is_kept_for_every_reader_and_a_change_shows_at_the_next_visit()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var word = TestData.Word();
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"{word} first title");
        using var anonymous = Portal.CreateBrowser();
        var read = Statements(await anonymous.GetOkAsync(Visit(id)));
        var kept = await KeptAsync(anonymous, id, read);
        Assert.Contains($"{word} first title", kept.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        // A signed-in reader of another organisation is given the same kept record, plus only what is theirs (their
        // organisations, whether they follow the record, the bell: PageStatementTests).
        using var stranger = await Portal.BrowserOfAsync(await Portal.MemberAsync(await Portal.ActorAsync(), MembershipRole.Member, MembershipStatus.Active));
        var signedIn = await KeptAsync(stranger, id, Statements(kept) + 3 + 1);
        Assert.True(signedIn.IsSignedIn);
        Assert.Contains($"{word} first title", signedIn.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(id))!.Title = $"{word} second title";
            return await db.SaveChangesAsync();
        });
        Assert.Contains($"{word} second title", (await anonymous.GetOkAsync(Visit(id))).Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{word} second title", (await stranger.GetOkAsync(Visit(id))).Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        await KeptAsync(anonymous, id, read);
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(id))!.Unpublish("withdrawn by a test");
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(Visit(id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Visit(id))).Status);
    }

    [Fact]
    public async Task What_is_kept_shows_each_reader_only_their_own_drafts()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var drafting = await Portal.ActorAsync(ActorType.NationalCso);
        var published = await Portal.ActorAsync(ActorType.InternationalCso);
        var id = await Portal.InitiativeAsync(owner, "BR", "MZ", DateTime.UtcNow.AddMinutes(-5));
        var draft = await Portal.AssessmentAsync(drafting, id, publishedAt: null);
        var shown = await Portal.AssessmentAsync(published, id, DateTime.UtcNow);
        using var anonymous = Portal.CreateBrowser();
        using var drafter = await Portal.BrowserOfAsync(await Portal.MemberAsync(drafting, MembershipRole.Member, MembershipStatus.Active));
        using var stranger = await Portal.BrowserOfAsync(await Portal.MemberAsync(await Portal.ActorAsync(ActorType.NationalCso), MembershipRole.Member, MembershipStatus.Active));

        var read = Statements(await anonymous.GetOkAsync(Visit(id)));
        var kept = await KeptAsync(anonymous, id, read);
        var signedInKept = Statements(kept) + 3 + 1;
        foreach (var page in new[] { kept, await KeptAsync(stranger, id, signedInKept), await anonymous.GetOkAsync(Visit(id)) })
        {
            Assert.NotNull(page.Document.QuerySelector($"a[href='/assessments/{shown}']"));
            Assert.Null(page.Document.QuerySelector($"a[href='/assessments/{draft}']"));
            Assert.DoesNotContain(drafting.Name, page.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
        // The drafting organisation's member sees its draft beside the published one, from the same kept record.
        var own = await KeptAsync(drafter, id, signedInKept);
        Assert.NotNull(own.Document.QuerySelector($"a[href='/assessments/{shown}']"));
        Assert.NotNull(own.Document.QuerySelector($"a[href='/assessments/{draft}']"));
        Assert.Null((await anonymous.GetOkAsync(Visit(id))).Document.QuerySelector($"a[href='/assessments/{draft}']"));
    }

    [Fact]
    public async Task Each_language_keeps_its_own_page_of_the_record()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var word = TestData.Word();
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Family farming {word}");
        await Portal.WithDatabaseAsync(async db =>
        {
            db.Add(new InitiativeTranslation { InitiativeId = id, Language = "es", Title = $"Agricultura familiar {word}", Summary = "Perú comparte su experiencia." });
            return await db.SaveChangesAsync();
        });
        using var reader = Portal.CreateBrowser();
        var read = Statements(await reader.GetOkAsync(Visit(id)));
        Assert.Contains($"Family farming {word}", (await KeptAsync(reader, id, read)).Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Agricultura familiar {word}", (await KeptAsync(reader, id, read, "es")).Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Family farming {word}", (await KeptAsync(reader, id, read, "en")).Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The events section of the page is kept with it for every reader; an event published about the record shows at the next visit.</summary>
    [Fact]
    public async Task The_events_section_is_kept_with_the_page_and_a_new_event_shows_at_the_next_visit()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var id = await Portal.InitiativeAsync(owner, "UY", "PY", DateTime.UtcNow.AddMinutes(-5));
        var first = await Portal.EventAsync(owner, EventData.Content(TestData.Unique("First event"), initiatives: [id]));
        using var reader = Portal.CreateBrowser();
        var read = Statements(await reader.GetOkAsync(Visit(id)));
        var kept = await KeptAsync(reader, id, read);
        Assert.NotNull(kept.Document.QuerySelector($"a[href='/events/{first}']"));

        var second = await Portal.EventAsync(owner, EventData.Content(TestData.Unique("Second event"), initiatives: [id]));
        var after = await reader.GetOkAsync(Visit(id));
        Assert.NotNull(after.Document.QuerySelector($"a[href='/events/{second}']"));
        Assert.NotNull(after.Document.QuerySelector($"a[href='/events/{first}']"));
    }

    /// <summary>Visits until a visit runs no statement at all: the record, its files and what is kept about the reader were all kept.</summary>
    private static async Task<HtmlClient.Page> NothingReadAsync(HtmlClient reader, int id)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var page = await reader.GetOkAsync(Visit(id));
            if (Statements(page) == 0) return page;
        }
        Assert.Fail($"/initiatives/{id} read something at every visit");
        return null!;
    }

    private const string FollowForm = "form.follow-form[action*='handler=Follow']";
    private const string StopFollowingForm = "form.follow-form[action*='handler=Remove']";

    /// <summary>
    /// What pages read about a signed-in reader (their memberships, what they follow: Caching/ReaderCache) is kept with the
    /// record, so a kept page costs them nothing; following, stopping following and losing a membership show at the next page.
    /// </summary>
    [Fact]
    public async Task What_is_kept_about_a_signed_in_reader_follows_their_follows_and_memberships_at_once()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var assessor = await Portal.ActorAsync(ActorType.NationalCso);
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var userId = await Portal.MemberAsync(assessor, MembershipRole.Member, MembershipStatus.Active);
        using var member = await Portal.BrowserOfAsync(userId);
        var assess = $"a[href='/initiatives/{id}/assess']";
        var kept = await NothingReadAsync(member, id);
        Assert.NotNull(kept.Document.QuerySelector(assess));
        Assert.NotNull(kept.Document.QuerySelector(FollowForm));

        var followed = await member.SubmitAsync(kept, FollowForm, new Dictionary<string, string>());
        Assert.Equal($"/initiatives/{id}", followed.Address.AbsolutePath);
        Assert.NotNull(followed.Document.QuerySelector(StopFollowingForm));
        Assert.NotNull((await NothingReadAsync(member, id)).Document.QuerySelector(StopFollowingForm));

        var stopped = await member.SubmitAsync(await member.GetOkAsync(Visit(id)), StopFollowingForm, new Dictionary<string, string>());
        Assert.Null(stopped.Document.QuerySelector(StopFollowingForm));
        Assert.NotNull(stopped.Document.QuerySelector(FollowForm));
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Follows.CountAsync(f => f.UserId == userId)));

        await NothingReadAsync(member, id);
        await Portal.WithDatabaseAsync(async db =>
        {
            db.Memberships.Remove(await db.Memberships.SingleAsync(m => m.UserId == userId && m.ActorId == assessor.Id));
            return await db.SaveChangesAsync();
        });
        var after = await member.GetOkAsync(Visit(id));
        Assert.True(after.IsSignedIn);
        Assert.Null(after.Document.QuerySelector(assess));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/initiatives/{id}/assess?visit={TestData.Word()}")).Status);
    }

    /// <summary>
    /// A form sent is decided on the memberships the database holds at that moment, never on what is kept: a membership
    /// removed where this instance cannot hear of it (another instance whose news has not arrived yet, here a change made
    /// around the portal) may still be shown on a page for a moment, but nothing can be saved with it.
    /// </summary>
    [Fact]
    public async Task A_form_sent_is_decided_on_the_memberships_the_database_holds_not_on_what_is_kept()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: "Kept title");
        var userId = await Portal.MemberAsync(owner, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        using var member = await Portal.BrowserOfAsync(userId);
        var edit = await member.GetOkAsync($"/initiatives/{id}/edit");

        await Portal.WithDatabaseAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"Memberships\" WHERE \"UserId\" = {userId}"));
        var sent = await member.SubmitAsync(edit, "form.record-form", new Dictionary<string, string> { ["Input.Title"] = "Changed by a former member" });
        Assert.Equal(HttpStatusCode.Forbidden, sent.Status);
        Assert.Equal("Kept title", await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == id).Select(i => i.Title).SingleAsync()));
    }

    /// <summary>
    /// A record's files are kept with its page for every reader, each reader's rights applied per request: a restricted file
    /// is listed only to its organisation from the same kept list, and a file published shows at the next visit.
    /// </summary>
    [Fact]
    public async Task The_files_section_is_kept_for_every_reader_and_each_sees_only_what_they_may()
    {
        var owner = await Portal.ActorAsync(ActorType.NationalCso);
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var (open, restricted) = (await SavedFileAsync(owner, id, EvidenceVisibility.Public), await SavedFileAsync(owner, id, EvidenceVisibility.Organisation));
        using var anonymous = Portal.CreateBrowser();
        using var member = await Portal.BrowserOfAsync(await Portal.MemberAsync(owner, MembershipRole.Member, MembershipStatus.Active));
        var read = Statements(await anonymous.GetOkAsync(Visit(id)));
        var kept = await KeptAsync(anonymous, id, read);
        Assert.NotNull(kept.Document.QuerySelector($"a[href='/files/{open}']"));
        Assert.Null(kept.Document.QuerySelector($"a[href='/files/{restricted}']"));
        var own = await NothingReadAsync(member, id);
        Assert.NotNull(own.Document.QuerySelector($"a[href='/files/{open}']"));
        Assert.NotNull(own.Document.QuerySelector($"a[href='/files/{restricted}']"));
        Assert.Null((await anonymous.GetOkAsync(Visit(id))).Document.QuerySelector($"a[href='/files/{restricted}']"));

        var later = await SavedFileAsync(owner, id, EvidenceVisibility.Public);
        Assert.NotNull((await anonymous.GetOkAsync(Visit(id))).Document.QuerySelector($"a[href='/files/{later}']"));
    }

    /// <summary>
    /// A file waiting for its uploader's decision is listed, from the kept files section, to its organisation only; discarding it
    /// (a delete the change tracker does not see) takes it off the page at the next visit.
    /// </summary>
    [Fact]
    public async Task A_discarded_file_leaves_the_kept_files_section_at_once()
    {
        var owner = await Portal.ActorAsync(ActorType.NationalCso);
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var waiting = await SavedFileAsync(owner, id, EvidenceVisibility.Public, awaitingReview: true);
        using var admin = await Portal.BrowserOfAsync(await Portal.MemberAsync(owner, MembershipRole.OrganisationAdmin, MembershipStatus.Active));
        using var anonymous = Portal.CreateBrowser();
        // (The organisation's admin is shown the record's quality checks, read per request: kept is fewer statements than the first visit.)
        var read = Statements(await admin.GetOkAsync(Visit(id)));
        Assert.NotNull((await KeptAsync(admin, id, read)).Document.QuerySelector($"a[href='/files/{waiting}']"));
        Assert.Null((await anonymous.GetOkAsync(Visit(id))).Document.QuerySelector($"a[href='/files/{waiting}']"));

        await admin.SubmitAsync(await admin.GetOkAsync($"/files/{waiting}"), "form[action*='handler=Discard']", new Dictionary<string, string>());
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.EvidenceFiles.CountAsync(f => f.Id == waiting)));
        Assert.Null((await admin.GetOkAsync(Visit(id))).Document.QuerySelector($"a[href='/files/{waiting}']"));
    }

    /// <summary>
    /// A file of the organisation's on the initiative, published or waiting for its uploader's decision, saved; its id (the
    /// page lists it; its content is never read here).
    /// </summary>
    private Task<int> SavedFileAsync(Actor organisation, int initiative, EvidenceVisibility visibility, bool awaitingReview = false) =>
        Portal.WithDatabaseAsync(async db =>
        {
            var file = new EvidenceFile
            {
                OwnerKind = FileOwnerKind.Initiative, OwnerId = initiative, OrganisationId = organisation.Id, FileName = TestData.Unique("evidence") + ".pdf",
                ContentType = "application/pdf", Size = 1024, Sha256 = new string('0', 64), StorageKey = "kept-" + TestData.Word(), UploadedAt = DateTime.UtcNow,
                Visibility = visibility, State = awaitingReview ? FileState.AwaitingReview : FileState.Published,
                FoundMetadata = awaitingReview ? "Author: A test" : null,
            };
            db.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });

    /// <summary>A page of the JSON API's list is kept for everyone asking the same question (the catalogue's pages are too); a new record shows at the next ask.</summary>
    [Fact]
    public async Task A_page_of_the_api_list_is_kept_for_everyone_asking_the_same_and_a_change_shows_at_the_next_ask()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var word = TestData.Word();
        var first = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"{word} first");
        using var client = Portal.CreateClient();
        async Task<(int Statements, string Json)> AskAsync()
        {
            // Parameters the API does not know play no part in the question (nor in what is kept).
            using var response = await client.GetAsync(new Uri($"/api/v1/initiatives?q={word}&limit=5&visit={TestData.Word()}", UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode);
            return (int.Parse(response.Headers.GetValues(SqlStatementCounter.Header).Single(), CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
        }
        var asked = await AskAsync();
        Assert.True(asked.Statements > 0);
        Assert.Contains($"\"id\":{first}", asked.Json, StringComparison.Ordinal);
        var kept = false;
        for (var attempt = 0; attempt < 200 && !kept; attempt++) kept = (await AskAsync()).Statements == 0;
        Assert.True(kept, "the same question was read afresh every time");

        var second = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-1), title: $"{word} second");
        var after = await AskAsync();
        Assert.Contains($"\"id\":{second}", after.Json, StringComparison.Ordinal);
        Assert.Contains($"\"id\":{first}", after.Json, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class RecordPageCacheTestsOnSqlite(SqlitePortalFixture fixture) : RecordPageCacheTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class RecordPageCacheTestsOnPostgres(PostgresPortalFixture fixture) : RecordPageCacheTests(fixture);
