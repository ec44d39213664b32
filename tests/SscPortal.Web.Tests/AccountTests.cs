using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Registering, confirming, signing in and out, and lockout, through the pages, on each database provider.</summary>
public abstract class AccountTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;



    public static TheoryData<string> DemoAccounts() => new(DemoDataSeeder.Accounts.Select(a => a.Email));

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Each_demonstration_account_can_sign_in(string email)
    {
        using var browser = Portal.CreateBrowser();

        var page = await browser.SignInAsync(email, DemoDataSeeder.Password);

        Assert.True(page.IsSignedIn, page.Text);
        Assert.Contains(email, page.Document.QuerySelector(".signed-in-as")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demonstration_accounts_have_the_roles_and_memberships_the_readme_promises()
    {
        await Portal.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var db = services.GetRequiredService<AppDbContext>();
            Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("admin@example.org"))!, PlatformRoles.Administrator));
            Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("moderator@example.org"))!, PlatformRoles.Moderator));

            string? OrganisationOf(string email)
            {
                var user = users.FindByEmailAsync(email).GetAwaiter().GetResult()!;
                return db.Memberships.Where(m => m.UserId == user.Id && m.Status == SscPortal.Domain.MembershipStatus.Active)
                    .Select(m => m.Actor!.Name).SingleOrDefault();
            }
            Assert.Equal("IBON International", OrganisationOf("cso.editor@example.org"));
            Assert.StartsWith("Agencia Peruana de Cooperación Internacional", OrganisationOf("agency.officer@example.org"));
            Assert.Null(OrganisationOf("no.organisation@example.org"));
        });
    }

    [Fact]
    public async Task A_person_registers_confirms_their_address_signs_in_and_signs_out()
    {
        using var browser = Portal.CreateBrowser();
        var email = $"{Guid.NewGuid():N}@new.example.org";
        const string password = "three unrelated words";

        var form = await browser.GetOkAsync("/account/register");
        var confirmation = await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Contains("/account/register-confirmation", confirmation.Address.AbsolutePath, StringComparison.Ordinal);

        // Not confirmed yet: signing in is refused with a clear reason.
        var refused = await browser.SignInAsync(email, password);
        Assert.False(refused.IsSignedIn);
        Assert.Contains("Confirm your e-mail address", refused.Text, StringComparison.Ordinal);

        var link = confirmation.Document.QuerySelector("#confirmation-link")!.GetAttribute("href")!;
        var opened = await browser.GetOkAsync(new Uri(link).PathAndQuery);
        var normalizedEmail = email.ToUpperInvariant();
        Assert.False(await Portal.WithDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Users, u => u.NormalizedEmail == normalizedEmail && u.EmailConfirmed)), "opening the link alone changes nothing");
        var confirmed = await browser.SubmitAsync(opened, "main form", new Dictionary<string, string>());
        Assert.Contains("Your account is active", confirmed.Text, StringComparison.Ordinal);

        var signedIn = await browser.SignInAsync(email, password);
        Assert.True(signedIn.IsSignedIn);

        var signedOut = await browser.SubmitAsync(signedIn, ".account-nav form", new Dictionary<string, string>());
        Assert.False(signedOut.IsSignedIn);
        Assert.Contains("Sign in", signedOut.Document.QuerySelector(".account-nav")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "long enough password", "Enter your e-mail address.")]
    [InlineData("not-an-address", "long enough password", "Enter a valid e-mail address.")]
    [InlineData("someone@example.org", "short", "Use at least 12 characters.")]
    public async Task Registration_with_bad_input_explains_next_to_the_field_and_keeps_what_was_typed(string email, string password, string message)
    {
        using var browser = Portal.CreateBrowser();
        var form = await browser.GetOkAsync("/account/register");

        var page = await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var errors = string.Join(" ", page.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent));
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.Equal(email, page.Document.QuerySelector("#Input_Email")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task A_password_of_128_characters_is_accepted_and_one_too_long_is_refused()
    {
        using var browser = Portal.CreateBrowser();
        var form = await browser.GetOkAsync("/account/register");
        var accepted = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = $"{Guid.NewGuid():N}@long.example.org", ["Input.Password"] = new string('x', 64) + new string('y', 64),
        });
        Assert.Contains("/account/register-confirmation", accepted.Address.AbsolutePath, StringComparison.Ordinal);

        form = await browser.GetOkAsync("/account/register");
        var refused = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = $"{Guid.NewGuid():N}@long.example.org", ["Input.Password"] = new string('z', AccountSetup.MaximumPasswordLength + 1),
        });
        Assert.Contains($"Use at most {AccountSetup.MaximumPasswordLength} characters.", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_are_hashed_with_pbkdf2_at_210000_iterations_or_more()
    {
        var email = await Portal.UserAsync("a sufficiently long password");
        var hash = await Portal.WithServicesAsync(services =>
            services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));

        // Identity v3 format: 0x01 | PRF | iterations | salt length | salt | subkey (big-endian ints).
        var bytes = Convert.FromBase64String(hash!.PasswordHash!);
        Assert.Equal(0x01, bytes[0]);
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        const string password = "the right password for once";
        var email = await Portal.UserAsync(password);
        using var browser = Portal.CreateBrowser();

        for (var attempt = 0; attempt < AccountSetup.MaxFailedSignIns; attempt++)
        {
            var failed = await browser.SignInAsync(email, "a wrong password entirely");
            Assert.False(failed.IsSignedIn);
        }
        var locked = await browser.SignInAsync(email, password);

        Assert.False(locked.IsSignedIn);
        // Locked: even the right password is refused, with the same answer as a wrong one (so guessing reveals nothing).
        Assert.Contains("The e-mail address or password is not right.", locked.Text, StringComparison.Ordinal);
        var normalizedEmail = email.ToUpperInvariant();
        var lockoutEnd = await Portal.WithDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users, u => u.NormalizedEmail == normalizedEmail));
        Assert.True(lockoutEnd.LockoutEnd > DateTimeOffset.UtcNow, "the account is locked");
        var events = await Portal.WithDatabaseAsync(db => Task.FromResult(db.AuditEvents.Where(e => e.UserEmail == email).Select(e => e.Type).ToList()));
        Assert.Contains(SscPortal.Domain.AuditEventType.LockedOut, events);
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_saying_which_part_was_wrong()
    {
        using var browser = Portal.CreateBrowser();

        var page = await browser.SignInAsync($"{Guid.NewGuid():N}@nobody.example.org", "whatever password here");

        Assert.Contains("The e-mail address or password is not right.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_link_that_was_tampered_with_is_refused()
    {
        var email = await Portal.UserAsync("some long password here");
        var id = (await Portal.WithServicesAsync(s => s.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email)))!.Id;
        using var browser = Portal.CreateBrowser();

        var page = await browser.SubmitAsync(await browser.GetOkAsync($"/account/confirm-email?userId={id}&code=AAAA"), "main form", new Dictionary<string, string>());

        Assert.Contains("This link is invalid or has expired.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_only_works_as_a_form_post_with_its_antiforgery_token()
    {
        using var browser = Portal.CreateBrowser(followRedirects: false);

        var forged = await browser.Http.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AccountsOnSqlite(SqlitePortalFixture fixture) : AccountTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AccountsOnPostgres(PostgresPortalFixture fixture) : AccountTests(fixture);
