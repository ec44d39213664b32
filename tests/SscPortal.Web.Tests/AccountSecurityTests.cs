using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// What sign-in, registration and password reset tell a stranger (nothing about who has an account), password reset
/// end to end, sessions ending after a reset, cookies and antiforgery, through the pages, on each database provider.
/// </summary>
public abstract class AccountSecurityTests(PortalFixture fixture)
{
    private const string NotRight = "The e-mail address or password is not right.";
    private const string InvalidLink = "This link is invalid or has expired.";

    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task An_unknown_address_a_wrong_password_and_an_unconfirmed_or_locked_account_with_a_wrong_password_get_the_same_answer()
    {
        const string password = "the right password for once";
        var confirmed = await Portal.UserAsync(password);
        var unconfirmed = await UnconfirmedUserAsync(Portal, password);
        var locked = await Portal.UserAsync(password);
        await Portal.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(locked))!, DateTimeOffset.UtcNow.AddHours(1));
        });
        using var browser = Portal.CreateBrowser();

        var answers = new List<HtmlClient.Page>();
        foreach (var email in new[] { $"{Guid.NewGuid():N}@nobody.example.org", confirmed, unconfirmed, locked })
            answers.Add(await browser.SignInAsync(email, "a wrong password entirely"));

        Assert.All(answers, page =>
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.False(page.IsSignedIn);
            Assert.Equal(NotRight, page.Document.QuerySelector(".form-errors")!.TextContent.Trim());
        });
        Assert.Single(answers.Select(page => page.Document.QuerySelector("main")!.TextContent).Distinct());
    }

    [Fact]
    public async Task Failed_sign_ins_on_an_unconfirmed_account_count_towards_its_lockout()
    {
        const string password = "the right password for once";
        var email = await UnconfirmedUserAsync(Portal, password);
        using var browser = Portal.CreateBrowser();

        for (var attempt = 0; attempt < AccountSetup.MaxFailedSignIns; attempt++)
            await browser.SignInAsync(email, "a wrong password entirely");
        var locked = await browser.SignInAsync(email, password);

        // Locked: even the right password is refused, with the same answer as a wrong one (so guessing reveals nothing).
        Assert.Contains("The e-mail address or password is not right.", locked.Text, StringComparison.Ordinal);
        var normalizedEmail = email.ToUpperInvariant();
        var lockoutEnd = await Portal.WithDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users, u => u.NormalizedEmail == normalizedEmail));
        Assert.True(lockoutEnd.LockoutEnd > DateTimeOffset.UtcNow, "the account is locked");
    }

    [Fact]
    public async Task Registering_an_address_that_already_has_an_account_looks_like_success_and_creates_nothing()
    {
        const string password = "the original password";
        var email = await Portal.UserAsync(password);
        using var browser = Portal.CreateBrowser();

        var form = await browser.GetOkAsync("/account/register");
        var page = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email.ToUpperInvariant(), ["Input.Password"] = "a different password",
        });

        Assert.Equal("/account/register-confirmation", page.Address.AbsolutePath);
        Assert.Contains("We have sent a confirmation link", page.Text, StringComparison.Ordinal);
        // No link for an account that exists: it would confirm, or reveal, someone else's.
        Assert.Null(page.Document.QuerySelector("#confirmation-link"));
        var normalized = email.ToUpperInvariant();
        var accounts = await Portal.WithDatabaseAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalized));
        Assert.Equal(1, accounts);
        Assert.Equal(NotRight, (await browser.SignInAsync(email, "a different password")).Document.QuerySelector(".form-errors")!.TextContent.Trim());
        Assert.True((await browser.SignInAsync(email, password)).IsSignedIn);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link_and_the_old_password_stops_working()
    {
        const string oldPassword = "the password I forgot";
        const string newPassword = "a brand new passphrase";
        var email = await Portal.UserAsync(oldPassword);
        using var browser = Portal.CreateBrowser();

        var link = await AskForResetLinkAsync(browser, email);
        var form = await browser.GetOkAsync(link);
        var done = await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Password"] = newPassword });

        Assert.Equal("/account/reset-password-confirmation", done.Address.AbsolutePath);
        Assert.Contains("Your password has been changed", done.Text, StringComparison.Ordinal);
        Assert.Equal(NotRight, (await browser.SignInAsync(email, oldPassword)).Document.QuerySelector(".form-errors")!.TextContent.Trim());
        Assert.True((await browser.SignInAsync(email, newPassword)).IsSignedIn);
        // The link works once.
        var again = await browser.GetOkAsync(link);
        Assert.Contains(InvalidLink, again.Text, StringComparison.Ordinal);
        Assert.Null(again.Document.QuerySelector("main form"));
    }

    [Fact]
    public async Task Asking_for_a_reset_link_for_an_unknown_or_unconfirmed_address_gives_the_same_answer_and_sends_no_link()
    {
        var known = await Portal.UserAsync("some long password here");
        var unconfirmed = await UnconfirmedUserAsync(Portal, "some long password here");
        using var browser = Portal.CreateBrowser();

        var answers = new List<HtmlClient.Page>();
        foreach (var email in new[] { known, $"{Guid.NewGuid():N}@nobody.example.org", unconfirmed })
        {
            var form = await browser.GetOkAsync("/account/forgot-password");
            answers.Add(await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Email"] = email }));
        }

        Assert.All(answers, page => Assert.Equal("/account/forgot-password-confirmation", page.Address.AbsolutePath));
        Assert.Single(answers.Select(page => page.Document.QuerySelector("main p")!.TextContent).Distinct());
        Assert.NotNull(answers[0].Document.QuerySelector("#reset-link"));
        Assert.Null(answers[1].Document.QuerySelector("#reset-link"));
        Assert.Null(answers[2].Document.QuerySelector("#reset-link"));
    }

    [Fact]
    public async Task A_reset_link_with_a_tampered_code_is_refused_with_a_message_and_changes_nothing()
    {
        const string password = "the password that stays";
        var email = await Portal.UserAsync(password);
        using var browser = Portal.CreateBrowser();
        var link = await AskForResetLinkAsync(browser, email);
        var query = QueryHelpers.ParseQuery(link[link.IndexOf('?', StringComparison.Ordinal)..]);
        var code = query["code"].ToString();
        var tampered = code[..10] + (code[10] == 'A' ? 'B' : 'A') + code[11..];

        var opened = await browser.GetOkAsync($"/account/reset-password?userId={query["userId"]}&code={tampered}");
        Assert.Contains(InvalidLink, opened.Text, StringComparison.Ordinal);
        Assert.Null(opened.Document.QuerySelector("main form"));
        Assert.NotNull(opened.Document.QuerySelector("a[href='/account/forgot-password']"));

        // The same, crafted into the genuine link's form.
        var form = await browser.GetOkAsync(link);
        var posted = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = tampered, ["Input.Password"] = "an attacker's password",
        });
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Contains(InvalidLink, posted.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.True((await browser.SignInAsync(email, password)).IsSignedIn);
    }

    [Fact]
    public async Task A_new_password_from_a_reset_link_follows_the_registration_rules()
    {
        var email = await Portal.UserAsync("some long password here");
        using var browser = Portal.CreateBrowser();
        var form = await browser.GetOkAsync(await AskForResetLinkAsync(browser, email));

        var page = await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Password"] = "short" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Use at least 12 characters.", page.Document.QuerySelector("#password-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Document.QuerySelector("#Input_Password")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task After_a_password_reset_a_browser_signed_in_with_the_old_password_is_signed_out_on_its_next_request()
    {
        await using var portal = await OwnPortal.StartAsync(Portal.Provider, new Dictionary<string, string?> { ["Accounts:SessionCheckSeconds"] = "0" });
        const string oldPassword = "the password before the reset";
        var email = await portal.Factory.UserAsync(oldPassword);
        using var laptop = portal.Factory.CreateBrowser();
        using var phone = portal.Factory.CreateBrowser();
        Assert.True((await laptop.SignInAsync(email, oldPassword)).IsSignedIn);
        Assert.True((await laptop.GetOkAsync("/")).IsSignedIn, "the session survives a check while nothing changed");

        var form = await phone.GetOkAsync(await AskForResetLinkAsync(phone, email));
        await phone.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Password"] = "the password after the reset" });

        Assert.False((await laptop.GetOkAsync("/")).IsSignedIn);
    }

    [Fact]
    public async Task The_cookies_of_sign_in_registration_and_forms_are_host_only_secure_http_only_and_same_site()
    {
        const string password = "a password for cookies";
        var email = await Portal.UserAsync(password);
        using var browser = Portal.CreateBrowser(followRedirects: false);

        var login = await browser.GetOkAsync("/account/login");
        var signedIn = await browser.SubmitAsync(login, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        var register = await browser.GetOkAsync("/account/register");
        var registered = await browser.SubmitAsync(register, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = $"{Guid.NewGuid():N}@cookies.example.org", ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.Status);

        var cookies = new[] { login, signedIn, registered }
            .SelectMany(page => page.Response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .Select(header => (Name: header[..header.IndexOf('=', StringComparison.Ordinal)], Attributes: header))
            .ToList();

        Assert.Superset(new HashSet<string> { AccountSetup.AuthCookieName, AccountSetup.AntiforgeryCookieName, AccountSetup.TempDataCookieName },
            cookies.Select(c => c.Name).ToHashSet());
        Assert.All(cookies, cookie =>
        {
            Assert.StartsWith("__Host-", cookie.Name, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie.Attributes, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie.Attributes, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/;", cookie.Attributes + ";", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie.Attributes, StringComparison.OrdinalIgnoreCase);
            Assert.Matches(new Regex("; samesite=(lax|strict)", RegexOptions.IgnoreCase), cookie.Attributes);
        });
        Assert.Contains("; samesite=lax", cookies.First(c => c.Name == AccountSetup.AuthCookieName).Attributes, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password")]
    public async Task An_account_form_posted_without_its_antiforgery_token_is_refused(string address)
    {
        var email = await Portal.UserAsync("a password nobody forged");
        using var browser = Portal.CreateBrowser(followRedirects: false);
        await browser.GetOkAsync(address); // the antiforgery cookie alone is not enough

        var forged = await browser.Http.PostAsync(new Uri(address, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "a password nobody forged",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }



    /// <summary>Follows "Forgot your password?" from the sign-in page and returns the link shown on screen (Development).</summary>
    private static async Task<string> AskForResetLinkAsync(HtmlClient browser, string email)
    {
        var login = await browser.GetOkAsync("/account/login");
        var forgot = login.Document.QuerySelector("main a[href='/account/forgot-password']");
        Assert.NotNull(forgot);
        Assert.Equal("Forgot your password?", forgot.TextContent.Trim());
        var form = await browser.GetOkAsync(forgot.GetAttribute("href")!);
        var sent = await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal("/account/forgot-password-confirmation", sent.Address.AbsolutePath);
        var link = sent.Document.QuerySelector("#reset-link")?.GetAttribute("href");
        Assert.NotNull(link);
        return new Uri(link).PathAndQuery;
    }

    /// <summary>An account whose address was never confirmed, with the given password.</summary>
    private static async Task<string> UnconfirmedUserAsync(PortalFactory portal, string password)
    {
        var email = $"{Guid.NewGuid():N}@unconfirmed.example.org";
        await portal.WithServicesAsync(async services =>
        {
            var result = await services.GetRequiredService<UserManager<ApplicationUser>>()
                .CreateAsync(new ApplicationUser { UserName = email, Email = email, CreatedAt = DateTime.UtcNow }, password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        });
        return email;
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AccountSecurityOnSqlite(SqlitePortalFixture fixture) : AccountSecurityTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AccountSecurityOnPostgres(PostgresPortalFixture fixture) : AccountSecurityTests(fixture);

/// <summary>The rate limit on the account forms, on a portal of its own with a limit of three submissions a minute.</summary>
public sealed class AccountFormRateLimitTests
{
    [Fact]
    public async Task The_fourth_sign_in_within_a_minute_is_answered_429_and_so_is_a_password_reset_request()
    {
        await using var portal = await OwnPortal.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:AccountFormsPerMinute"] = "3" });
        using var browser = portal.Factory.CreateBrowser();
        var form = await browser.GetOkAsync("/account/login");
        var attempt = new Dictionary<string, string> { ["Input.Email"] = $"{Guid.NewGuid():N}@nobody.example.org", ["Input.Password"] = "guess number one" };

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync(form, "main form", attempt)).Status);
        var fourth = await browser.SubmitAsync(form, "main form", attempt);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.Status);
        Assert.Equal("60", fourth.Response.Headers.RetryAfter?.ToString());
        var forgot = await browser.GetOkAsync("/account/forgot-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.SubmitAsync(forgot, "main form", attempt)).Status);
    }
}

/// <summary>A portal of a test's own, for settings the shared one does not have, on a throwaway database of the given provider.</summary>
internal sealed class OwnPortal : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _database;
    private readonly string _connectionString;

    private OwnPortal(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string?> settings, string? folder, string? database, bool kestrel) =>
        (Factory, _connectionString, _folder, _database) = (new PortalFactory(provider, connectionString, settings, kestrel: kestrel), connectionString, folder, database);

    public PortalFactory Factory { get; }

    /// <param name="kestrel">Serve on a real TCP port (<see cref="PortalFactory.ServerAddress"/>) instead of in memory.</param>
    public static async Task<OwnPortal> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?> settings, bool kestrel = false)
    {
        OwnPortal portal;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "ssc-own-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            portal = new OwnPortal(provider, $"Data Source={Path.Combine(folder, "portal.db")}", settings, folder, null, kestrel);
        }
        else
        {
            var admin = TestSettings.PostgresAdminConnection ?? throw new InvalidOperationException("SSC_TEST_POSTGRES is not set.");
            var database = await PostgresDatabases.CreateAsync(admin);
            portal = new OwnPortal(provider, PostgresDatabases.ConnectionStringFor(admin, database), settings, null, database, kestrel);
        }
        try
        {
            // Starting the host migrates and seeds the database.
            using var client = portal.Factory.CreateClient();
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_folder is not null)
        {
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_connectionString))
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        }
        if (_database is not null && TestSettings.PostgresAdminConnection is { } admin)
            await PostgresDatabases.DropAsync(admin, _database);
    }
}
