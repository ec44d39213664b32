using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SscPortal.Web.Data;
using SscPortal.Web.Mail;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Account mail through the outbox, delivered to a real SMTP server in the test process: what arrives (recipient, language,
/// both parts, absolute links that work), and delivery faults (server down, 4xx, 5xx, restart, two senders on one database).
/// </summary>
public abstract partial class MailTests(MailFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private TestSmtpServer Smtp => fixture.Smtp;
    private const string Password = "three unrelated words";

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    private static string NewAddress() => $"{Guid.NewGuid():N}@mail.example.org";

    private static async Task<HtmlClient.Page> RegisterAsync(PortalFactory portal, HtmlClient browser, string email)
    {
        var form = await browser.GetOkAsync("/account/register");
        var page = await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Contains("/account/register-confirmation", page.Address.AbsolutePath, StringComparison.Ordinal);
        return page;
    }

    private static Task<List<OutboxMessage>> OutboxAsync(PortalFactory portal, string to) =>
        portal.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == to).ToListAsync());

    private static string HtmlText(MimeMessage message) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(message.HtmlBody ?? "").Body!.TextContent;

    private static string LinkIn(MimeMessage message)
    {
        var link = Link().Match(message.TextBody ?? "").Value;
        Assert.StartsWith(MailFixture.PublicUrl + "/", link, StringComparison.Ordinal);
        return link;
    }

    private static Task<string> EmailOf(PortalFactory portal, string userId) =>
        portal.WithDatabaseAsync(async db => (await db.Users.SingleAsync(u => u.Id == userId)).Email!);

    /// <summary>A browser signed in as the account (made with <see cref="AccessWorld.Password"/>), reading Spanish.</summary>
    private static async Task<HtmlClient> SpanishBrowserAsync(PortalFactory portal, string userId)
    {
        var browser = portal.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES,es;q=0.9");
        Assert.True((await browser.SignInAsync(await EmailOf(portal, userId), AccessWorld.Password)).IsSignedIn);
        return browser;
    }

    /// <summary>Both parts say the same, the HTML one links to what the text one carries, and the link is the portal's public address.</summary>
    private static string AssertBothPartsWithLink(MimeMessage mail, string expectedText, string expectedPath)
    {
        Assert.Contains(expectedText, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(expectedText, HtmlText(mail), StringComparison.Ordinal);
        var link = LinkIn(mail);
        Assert.StartsWith(MailFixture.PublicUrl + expectedPath, link, StringComparison.Ordinal);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", mail.HtmlBody, StringComparison.Ordinal);
        return link;
    }

    /// <summary>Sets the language an account chose (as it would at /my/settings): its mail is written in it.</summary>
    private static Task<int> SetLanguageAsync(PortalFactory portal, string userId, string language) =>
        portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));

    [Fact]
    public async Task Approving_and_refusing_claims_mails_each_claimant_in_their_language_with_a_link_to_their_organisations()
    {
        var organisation = await Portal.ActorAsync();
        var admin = await Portal.MemberAsync(organisation, SscPortal.Domain.MembershipRole.OrganisationAdmin, SscPortal.Domain.MembershipStatus.Active);
        var approved = await Portal.MemberAsync(organisation, SscPortal.Domain.MembershipRole.Member, SscPortal.Domain.MembershipStatus.Pending);
        var refused = await Portal.MemberAsync(organisation, SscPortal.Domain.MembershipRole.Member, SscPortal.Domain.MembershipStatus.Pending);
        await SetLanguageAsync(Portal, approved, "es");
        await SetLanguageAsync(Portal, refused, "es");
        int MembershipOf(string userId) => Portal.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync()).GetAwaiter().GetResult();
        using var browser = await SpanishBrowserAsync(Portal, admin);

        var page = await browser.GetOkAsync($"/organisations/{organisation.Id}/members");
        page = await browser.SubmitAsync(page, $"tr[data-membership='{MembershipOf(approved)}'] form[action*='handler=Approve']", new Dictionary<string, string>());
        await browser.SubmitAsync(page, $"tr[data-membership='{MembershipOf(refused)}'] form[action*='handler=Reject']", new Dictionary<string, string>());

        var welcome = await Smtp.WaitForAsync(await EmailOf(Portal, approved));
        Assert.Equal($"Ahora es miembro de {organisation.Name} en el Portal SSC", welcome.Subject);
        Assert.Equal("es", welcome.Body?.Headers[HeaderId.ContentLanguage]);
        AssertBothPartsWithLink(welcome, "Se aprobó su solicitud", "/account/organisations");
        var refusal = await Smtp.WaitForAsync(await EmailOf(Portal, refused));
        Assert.Equal($"Se rechazó su solicitud para unirse a {organisation.Name}", refusal.Subject);
        AssertBothPartsWithLink(refusal, "rechazaron su solicitud", "/account/organisations");
        Assert.Equal([MailKinds.MembershipApproved], (await OutboxAsync(Portal, await EmailOf(Portal, approved))).Select(m => m.Kind));
    }

    [Fact]
    public async Task Verifying_an_organisation_mails_whoever_proposed_it_a_link_to_invite_colleagues()
    {
        var proposer = await Portal.MemberAsync(null, SscPortal.Domain.MembershipRole.Member, SscPortal.Domain.MembershipStatus.Active);
        var moderator = await Portal.MemberAsync(null, SscPortal.Domain.MembershipRole.Member, SscPortal.Domain.MembershipStatus.Active, PlatformRoles.Moderator);
        var name = TestData.Unique("Proposed by mail test");
        using (var proposing = Portal.CreateBrowser())
        {
            Assert.True((await proposing.SignInAsync(await EmailOf(Portal, proposer), AccessWorld.Password)).IsSignedIn);
            var mine = await proposing.GetOkAsync("/account/organisations");
            await proposing.SubmitAsync(mine, "form[action*='handler=Propose']", new Dictionary<string, string> { ["Proposal.Name"] = name, ["Proposal.Type"] = "NationalCso" });
        }
        var id = await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Name == name).Select(a => a.Id).SingleAsync());
        await SetLanguageAsync(Portal, proposer, "es");

        using var browser = await SpanishBrowserAsync(Portal, moderator);
        var queue = await browser.GetOkAsync("/admin");
        await browser.SubmitAsync(queue, $"tr[data-organisation='{id}'] form[action*='handler=Verify']", new Dictionary<string, string>());

        var mail = await Smtp.WaitForAsync(await EmailOf(Portal, proposer));
        Assert.Equal($"{name} está verificada en el Portal SSC", mail.Subject);
        AssertBothPartsWithLink(mail, "Usted es su administrador", $"/organisations/{id}/members");
    }

    [Fact]
    public async Task Too_many_failed_sign_ins_lock_the_account_and_mail_its_owner_once()
    {
        var email = await Portal.UserAsync(Password);
        // The owner chose French; whoever tries the passwords reads English.
        await SetLanguageAsync(Portal, await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()), "fr");
        using var browser = Portal.CreateBrowser();

        // Five failures lock it; the two after that are refused without counting, and mail nothing more.
        for (var attempt = 0; attempt < SscPortal.Web.Accounts.AccountSetup.MaxFailedSignIns + 2; attempt++)
            Assert.False((await browser.SignInAsync(email, "not the password at all")).IsSignedIn);

        var mail = await Smtp.WaitForAsync(email);
        Assert.Equal("Votre compte du Portail SSC a été verrouillé", mail.Subject);
        AssertBothPartsWithLink(mail, "verrouillé pendant 15 minutes", "/account/forgot-password");
        Assert.Single(await OutboxAsync(Portal, email), m => m.Kind == MailKinds.AccountLocked);
    }

    [Fact]
    public async Task An_administrator_locking_an_account_mails_its_owner_once()
    {
        var administrator = await Portal.MemberAsync(null, SscPortal.Domain.MembershipRole.Member, SscPortal.Domain.MembershipStatus.Active, PlatformRoles.Administrator);
        var owner = await Portal.MemberAsync(null, SscPortal.Domain.MembershipRole.Member, SscPortal.Domain.MembershipStatus.Active);
        var email = await EmailOf(Portal, owner);
        await SetLanguageAsync(Portal, owner, "es");
        using var browser = await SpanishBrowserAsync(Portal, administrator);

        var users = await browser.GetOkAsync("/admin/users?q=" + Uri.EscapeDataString(email));
        await browser.SubmitAsync(users, $"tr[data-user='{owner}'] form[action*='handler=Lock']", new Dictionary<string, string>());

        var mail = await Smtp.WaitForAsync(email);
        Assert.Equal("Se bloqueó su cuenta del Portal SSC", mail.Subject);
        Assert.Contains("Un administrador del Portal SSC bloqueó su cuenta", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Un administrador del Portal SSC bloqueó su cuenta", HtmlText(mail), StringComparison.Ordinal);
        Assert.DoesNotContain("http", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await OutboxAsync(Portal, email), m => m.Kind == MailKinds.AccountLocked);
    }

    [Fact]
    public async Task Sent_mail_is_deleted_once_its_keeping_time_is_over_and_recent_or_waiting_mail_stays()
    {
        var (old, recent, waiting) = (NewAddress(), NewAddress(), NewAddress());
        var now = DateTime.UtcNow;
        OutboxMessage Message(string to, OutboxStatus status, DateTime? sentAt) => new()
        {
            To = to, Subject = "Kept?", HtmlBody = "<p>Kept?</p>", TextBody = "Kept?", Kind = MailKinds.EmailConfirmation,
            CreatedAt = now.AddDays(-40), NextAttemptAt = now.AddDays(1), Status = status, SentAt = sentAt,
        };
        await Portal.WithDatabaseAsync(async db =>
        {
            db.OutboxMessages.AddRange(Message(old, OutboxStatus.Sent, now.AddDays(-31)), Message(recent, OutboxStatus.Sent, now.AddDays(-2)),
                Message(waiting, OutboxStatus.Pending, null));
            return await db.SaveChangesAsync();
        });

        // A sender that starts now forgets what is past its keeping time on its first round.
        var second = await fixture.StartPortalAsync(fixture.ConnectionString, Smtp.Port);
        await second.Services.GetRequiredService<MailSender>().SendDueAsync(TestContext.Current.CancellationToken);
        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await OutboxAsync(Portal, old)).Count > 0) await Task.Delay(50, waited.Token);

        Assert.Empty(await OutboxAsync(Portal, old));
        Assert.Single(await OutboxAsync(Portal, recent));
        Assert.Single(await OutboxAsync(Portal, waiting));
    }

    [Fact]
    public async Task Registering_mails_a_confirmation_in_the_readers_language_whose_link_activates_the_account()
    {
        using var browser = Portal.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var email = NewAddress();

        await RegisterAsync(Portal, browser, email);
        var mail = await Smtp.WaitForAsync(email);

        Assert.Equal(email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("portal@example.org", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Confirmez votre adresse électronique sur le Portail SSC", mail.Subject);
        Assert.Equal("fr", mail.Body?.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Pour l’activer", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Pour l’activer", HtmlText(mail), StringComparison.Ordinal);
        // The link is absolute, from Portal:PublicUrl, not from the address the request was sent to (https://localhost).
        var link = LinkIn(mail);
        Assert.StartsWith(MailFixture.PublicUrl + "/account/confirm-email?", link, StringComparison.Ordinal);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", mail.HtmlBody, StringComparison.Ordinal);
        // Outside a test of the on-screen option, only the mail carries it: this portal has a mail server.
        // The server has the mail a moment before the sender records it as sent.
        await Eventually.TrueAsync(async () => (await OutboxAsync(Portal, email)).Single().Status == OutboxStatus.Sent, "the message marked sent");
        var row = Assert.Single(await OutboxAsync(Portal, email));
        Assert.Equal((OutboxStatus.Sent, 1, MailKinds.EmailConfirmation, "fr"), (row.Status, row.Attempts, row.Kind, row.Language));
        Assert.NotNull(row.SentAt);

        var opened = await browser.GetOkAsync(new Uri(link).PathAndQuery);
        await browser.SubmitAsync(opened, "main form", new Dictionary<string, string>());
        var signedIn = await browser.SignInAsync(email, Password);
        Assert.True(signedIn.IsSignedIn, signedIn.Text);
    }

    [Fact]
    public async Task A_password_reset_is_mailed_in_the_readers_language_and_its_link_sets_the_new_password()
    {
        var email = await Portal.UserAsync(Password);
        using var browser = Portal.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pt-BR,pt;q=0.9");

        var form = await browser.GetOkAsync("/account/forgot-password");
        await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Email"] = email });
        var mail = await Smtp.WaitForAsync(email);

        Assert.Equal("Redefina sua senha do Portal SSC", mail.Subject);
        Assert.Equal("pt", mail.Body?.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("escolher uma nova senha", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("escolher uma nova senha", HtmlText(mail), StringComparison.Ordinal);
        var link = LinkIn(mail);
        Assert.StartsWith(MailFixture.PublicUrl + "/account/reset-password?", link, StringComparison.Ordinal);

        const string newPassword = "four other unrelated words";
        var reset = await browser.GetOkAsync(new Uri(link).PathAndQuery);
        await browser.SubmitAsync(reset, "main form", new Dictionary<string, string> { ["Input.Password"] = newPassword });
        Assert.True((await browser.SignInAsync(email, newPassword)).IsSignedIn);
    }

    [Fact]
    public async Task With_the_mail_server_down_registration_still_succeeds_and_the_mail_is_delivered_once_when_it_is_back()
    {
        await Smtp.StopAsync();
        var email = NewAddress();
        var normalized = email.ToUpperInvariant();
        try
        {
            using var browser = Portal.CreateBrowser();
            await RegisterAsync(Portal, browser, email);
            Assert.True(await Portal.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == normalized)), "the account is saved");

            // Tried and retried while the server is away; the reason is recorded.
            await Eventually.TrueAsync(async () => (await OutboxAsync(Portal, email)).Single().Attempts >= 2, "two failed attempts");
            var waiting = Assert.Single(await OutboxAsync(Portal, email));
            Assert.Equal(OutboxStatus.Pending, waiting.Status);
            Assert.Contains("could not be reached", waiting.LastError, StringComparison.Ordinal);
        }
        finally
        {
            Smtp.Start();
        }

        await Smtp.WaitForAsync(email);
        await Eventually.TrueAsync(async () => (await OutboxAsync(Portal, email)).Single().Status == OutboxStatus.Sent, "the message marked sent");
        Assert.Single(Smtp.To(email));
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_and_the_message_delivered_once()
    {
        var email = NewAddress();
        Smtp.Plan(email, 451, 421);
        using var browser = Portal.CreateBrowser();

        await RegisterAsync(Portal, browser, email);
        await Smtp.WaitForAsync(email);

        await Eventually.TrueAsync(async () => (await OutboxAsync(Portal, email)).Single().Status == OutboxStatus.Sent, "the message marked sent");
        var row = Assert.Single(await OutboxAsync(Portal, email));
        Assert.Equal(3, row.Attempts);
        Assert.Single(Smtp.To(email));
    }

    [Fact]
    public async Task A_permanent_refusal_is_recorded_as_failed_with_the_reason_and_blocks_nothing_else()
    {
        var refused = NewAddress();
        var other = NewAddress();
        Smtp.Plan(refused, 550);
        using var browser = Portal.CreateBrowser();

        await RegisterAsync(Portal, browser, refused);
        await RegisterAsync(Portal, Portal.CreateBrowser(), other);

        await Smtp.WaitForAsync(other);
        await Eventually.TrueAsync(async () => (await OutboxAsync(Portal, refused)).Single().Status == OutboxStatus.Failed, "the refused message marked failed");
        var row = Assert.Single(await OutboxAsync(Portal, refused));
        Assert.Equal(1, row.Attempts);
        Assert.Contains("550", row.LastError, StringComparison.Ordinal);
        Assert.Empty(Smtp.To(refused));

        // An administrator sees it at /admin/mail with the server's reason, and sends it again; this time it is accepted.
        using var admin = Portal.CreateBrowser();
        Assert.True((await admin.SignInAsync("admin@example.org", SscPortal.Web.Data.Seed.DemoDataSeeder.Password)).IsSignedIn);
        var page = await admin.GetOkAsync("/admin/mail");
        var shown = page.Document.QuerySelector($"#mail-unsent tr[data-message='{row.Id}']")!;
        Assert.Contains("550", shown.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Failed", shown.QuerySelector(".status")!.TextContent.Trim());
        var retried = await admin.SubmitAsync(page, $"#mail-unsent tr[data-message='{row.Id}'] form", new Dictionary<string, string>());
        Assert.Contains("The message will be sent again shortly.", retried.Text, StringComparison.Ordinal);
        // Who sent it again is in the audit log.
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Type == SscPortal.Domain.AuditEventType.MailRetried && e.TargetType == "mail" && e.TargetId == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Smtp.WaitForAsync(refused);
        await Eventually.TrueAsync(async () => (await OutboxAsync(Portal, refused)).Single().Status == OutboxStatus.Sent, "the retried message marked sent");
    }

    [Fact]
    public async Task Messages_queued_when_the_portal_stopped_are_delivered_after_it_starts_again()
    {
        var database = await fixture.NewDatabaseAsync();
        var email = NewAddress();
        var crashed = NewAddress();
        // The first portal cannot reach any mail server: registration is saved, the mail waits.
        var first = await fixture.StartPortalAsync(database, TestSmtpServer.FreePort());
        using (var browser = first.CreateBrowser())
            await RegisterAsync(first, browser, email);
        await Eventually.TrueAsync(async () => (await OutboxAsync(first, email)).Single().Attempts >= 1, "a failed attempt");
        // And a message claimed by a sender that died mid-batch (its claim has run out).
        await first.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var message = services.GetRequiredService<Outbox>().Add(crashed, MailKinds.PasswordReset, "en", "Subject", "<p>Body</p>", "Body");
            message.ClaimedBy = "a-sender-that-died";
            message.ClaimedUntil = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        await first.DisposeAsync();

        await using var second = await fixture.StartPortalAsync(database, Smtp.Port);
        await Smtp.WaitForAsync(email);
        await Smtp.WaitForAsync(crashed);
        await Eventually.TrueAsync(async () => (await OutboxAsync(second, crashed)).Single().Status == OutboxStatus.Sent, "the message marked sent");
    }

    [Fact]
    public async Task Several_senders_on_one_database_deliver_every_message_exactly_once()
    {
        var recipients = Enumerable.Range(0, 60).Select(_ => NewAddress()).ToList();
        await Portal.WithServicesAsync(async services =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            foreach (var to in recipients) outbox.Add(to, MailKinds.EmailConfirmation, "en", "Subject", "<p>Body</p>", "Body");
            await services.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });

        // Two more senders beside the portal's own, each with its own name, racing for the same rows.
        var senders = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<MailSender>(Portal.Services)).ToList();
        var rounds = 0;
        while (rounds++ < 200 && recipients.Any(r => Smtp.To(r).Count == 0))
            await Task.WhenAll(senders.Select(s => s.SendDueAsync(TestContext.Current.CancellationToken)));

        foreach (var to in recipients) await Smtp.WaitForAsync(to);
        Assert.All(recipients, to => Assert.Single(Smtp.To(to)));
        // The portal's own sender may have sent the last one and be recording it.
        Task<List<OutboxMessage>> Rows() => Portal.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => recipients.Contains(m.To)).ToListAsync());
        await Eventually.TrueAsync(async () => (await Rows()).All(r => r.Status == OutboxStatus.Sent), "every message marked sent");
        var rows = await Rows();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, 1, (string?)null), (r.Status, r.Attempts, r.ClaimedBy)));
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteMailSuite : ICollectionFixture<SqliteMailFixture>
{
    public const string Name = "Mail on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresMailSuite : ICollectionFixture<PostgresMailFixture>
{
    public const string Name = "Mail on PostgreSQL";
}

[Collection(SqliteMailSuite.Name)]
public sealed class MailOnSqlite(SqliteMailFixture fixture) : MailTests(fixture);

[Collection(PostgresMailSuite.Name)]
public sealed class MailOnPostgres(PostgresMailFixture fixture) : MailTests(fixture);
