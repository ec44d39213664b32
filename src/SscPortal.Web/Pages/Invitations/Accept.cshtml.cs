using SscPortal.Web.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Invitations;

/// <summary>
/// The link from an invitation mail. Opening it changes nothing (mail scanners open links too): it says which organisation
/// invites whom, and the invited person accepts with a button, signed in with the invited address. Someone not signed in is
/// offered to sign in or to create an account (with the invitation, so the account joins at once: see the Register page).
/// An expired, withdrawn, used or altered link gets a page saying so.
/// </summary>
[AllowAnonymous]
public class AcceptModel(OrganisationInvitations invitations, UserManager<ApplicationUser> users, AuditLog audit, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>What the page shows.</summary>
    public enum View
    {
        /// <summary>No invitation has this token (never mailed, or altered).</summary>
        Unknown,
        Expired,
        Revoked,
        Used,
        /// <summary>Open, and nobody is signed in: sign in or create an account.</summary>
        SignIn,
        /// <summary>Open, and the signed-in account has another address.</summary>
        OtherAddress,
        /// <summary>Open, and the signed-in account is the invited one: the Accept button.</summary>
        Accept,
    }

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public View Shows { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public MembershipRole Role { get; private set; }
    public string InvitedAddress { get; private set; } = "";
    public string? SignedInAddress { get; private set; }
    public string ReturnUrl => "/invitations/accept?token=" + Uri.EscapeDataString(Token ?? "");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await ReadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true) return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        var (invitation, user) = await ReadAsync(cancellationToken);
        if (Shows == View.OtherAddress)
        {
            await audit.RecordRefusalAsync(AuditTargets.Organisation, invitation!.ActorId, AuditDetails.AcceptForAnotherAddress(invitation.Id));
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        if (Shows != View.Accept) return Page();
        switch (await invitations.AcceptAsync(invitation!, user!, cancellationToken))
        {
            case OrganisationInvitations.Acceptance.Joined:
                TempData[PageMessages.Message] = L["Welcome: you are now a member of {0}.", OrganisationName].Value;
                return RedirectToPage("/Account/Organisations");
            case OrganisationInvitations.Acceptance.AlreadyMember:
                TempData[PageMessages.Message] = L["You already belong to {0}.", OrganisationName].Value;
                return RedirectToPage("/Account/Organisations");
            default:
                // Accepted or withdrawn by another request a moment ago: show it as it is now.
                Shows = View.Used;
                return Page();
        }
    }

    private async Task<(Invitation? Invitation, ApplicationUser? User)> ReadAsync(CancellationToken cancellationToken)
    {
        var invitation = await invitations.FindAsync(Token, cancellationToken);
        if (invitation is null)
        {
            Shows = View.Unknown;
            return (null, null);
        }
        (OrganisationName, Role, InvitedAddress) = (invitation.Actor!.Name, invitation.Role, invitation.Email);
        var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        SignedInAddress = user?.Email;
        Shows = invitation.StateAt(invitations.Now) switch
        {
            InvitationState.Expired => View.Expired,
            InvitationState.Revoked => View.Revoked,
            InvitationState.Accepted => View.Used,
            _ when user is null => View.SignIn,
            _ when user.NormalizedEmail != invitation.NormalizedEmail => View.OtherAddress,
            _ => View.Accept,
        };
        return (invitation, user);
    }
}
