using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;

namespace SscPortal.Web.Pages.Account;

/// <summary>
/// Creating an account: an e-mail address to confirm and a long password, nothing else. An address that already has an account
/// gets the same answer as a new one, so the form does not tell anyone who is registered.
/// Opened from an invitation (<c>?invitation=</c>, the token of the mailed link), an account of the invited address is created
/// confirmed, signed in and joined to the organisation at once: the token came by mail to that address, so following it proves
/// the address exactly as the confirmation link would, and a second mail to click would only be in the way.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class RegisterModel(
    UserManager<ApplicationUser> users,
    IPasswordHasher<ApplicationUser> passwordHasher,
    AppDbContext db,
    AccountMail accountMail,
    OrganisationInvitations invitations,
    SignInManager<ApplicationUser> signIn,
    ILogger<RegisterModel> logger,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    /// <summary>The token of the invitation the person came from, if any.</summary>
    [BindProperty(SupportsGet = true)] public string? Invitation { get; set; }

    /// <summary>The organisation of an open invitation the person came from (shown above the form).</summary>
    public string? InvitedTo { get; private set; }

    public sealed class InputModel
    {
        // Nullable: the binder turns an empty field into null.
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(i => i.Email).IsNewEmailAddress(L);
            RuleFor(i => i.Password).IsNewPassword(L);
        }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await OpenInvitationAsync(cancellationToken) is { } invitation) Input.Email ??= invitation.Email;
    }

    /// <summary>The open invitation of <see cref="Invitation"/>, or null (a closed or unknown one is registered without).</summary>
    private async Task<Domain.Invitation?> OpenInvitationAsync(CancellationToken cancellationToken)
    {
        var invitation = await invitations.FindAsync(Invitation, cancellationToken);
        if (invitation is null || invitation.StateAt(invitations.Now) != Domain.InvitationState.Open) return null;
        InvitedTo = invitation.Actor!.Name;
        return invitation;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Email = Input.Email?.Trim();
        var invitation = await OpenInvitationAsync(cancellationToken);
        ModelState.AddErrors(await new InputValidator(L).ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid) return Page();
        // The invitation proves the address it was mailed to, and no other.
        if (invitation is not null && users.NormalizeEmail(Input.Email) != invitation.NormalizedEmail) invitation = null;

        if (await users.FindByEmailAsync(Input.Email!) is { } existing)
        {
            // The invitation's holder reads the address's mail, so saying that it has an account tells them nothing new.
            if (invitation is not null)
                return RedirectToPage("/Account/Login", new { returnUrl = AcceptAddress() });
            // Spend the time that hashing a new account's password takes, so the answer's timing does not tell either.
            passwordHasher.HashPassword(existing, Input.Password!);
            return AlreadyRegistered(existing.Id);
        }

        var user = new ApplicationUser { UserName = Input.Email, Email = Input.Email, Language = PortalCultures.Current, CreatedAt = clock.GetUtcNow().UtcDateTime, EmailConfirmed = invitation is not null };
        // The account and its confirmation mail are saved together or not at all; the mail is sent afterwards, so an
        // unreachable mail server never stops a registration (the message waits in the outbox).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            // Someone registered the same address a moment ago.
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                return AlreadyRegistered(null);
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            return Page();
        }

        if (invitation is not null)
        {
            // The account, its membership and the closed invitation are saved together.
            var accepted = await invitations.AcceptAsync(invitation, user, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Account {UserId} created from invitation {InvitationId}: {Outcome}", user.Id, invitation.Id, accepted);
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "invitation");
            if (accepted == OrganisationInvitations.Acceptance.Closed) return LocalRedirect(AcceptAddress());
            TempData[PageMessages.Message] = L["Welcome: you are now a member of {0}.", invitation.Actor!.Name].Value;
            return RedirectToPage("/Account/Organisations");
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = accountMail.LinkTo(Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { userId = user.Id, code = token })!);
        if (link is not null) accountMail.EmailConfirmation(user, link);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (link is not null && accountMail.ShowsLinksOnScreen) TempData[PageMessages.ConfirmationLink] = link;
        return RedirectToPage("/Account/RegisterConfirmation");
    }

    private string AcceptAddress() => "/invitations/accept?token=" + Uri.EscapeDataString(Invitation ?? "");

    /// <summary>The answer to a new registration, having created nothing.</summary>
    private RedirectToPageResult AlreadyRegistered(string? userId)
    {
        logger.LogWarning("Registration with the address of existing account {UserId}: nothing created", userId);
        return RedirectToPage("/Account/RegisterConfirmation");
    }
}
