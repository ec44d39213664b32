using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Exchange;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Conversations;

/// <summary>
/// A private conversation about an offer or need, between the organisation that published it and an interested one: read and
/// written by the members of both and nobody else (moderators read it, without writing, once a side reported it). Either
/// side ends it (agreed, declined, withdrawn); an agreed one starts an initiative.
/// </summary>
[Authorize]
public class DetailsModel(AppDbContext db, Rights rights, ExchangeConversations conversations, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>Which of the reader's organisations a form speaks for: a choice when they belong to both sides, otherwise fixed.</summary>
    public sealed record SidePicker(IReadOnlyList<(int Id, string Name)> Sides, int Selected, string Suffix);

    public sealed record Line(int OrganisationId, string Organisation, string Text, DateTime SentAt);

    public sealed record View(
        int Id, int ListingId, string ListingTitle, ListingKind ListingKind, int ListingOwnerId, string ListingOwner, int InterestedId, string Interested,
        int? CounterpartId, string? CounterpartTitle, ConversationState State, DateTime StartedAt, DateTime? ClosedAt, int? ClosedById, string? DeclineReason,
        DateTime? ReportedAt, string? ReportReason, int? InitiativeId);

    public View Conversation { get; private set; } = null!;
    public IReadOnlyList<Line> Messages { get; private set; } = [];
    /// <summary>The reader's side(s) of the conversation: the organisations they may write for.</summary>
    public IReadOnlyList<(int Id, string Name)> MySides { get; private set; } = [];
    public bool ReadsAsModerator { get; private set; }
    public bool CanStartInitiative { get; private set; }

    [BindProperty] public int OrganisationId { get; set; }
    [BindProperty] public string? Message { get; set; }
    [BindProperty] public ConversationState Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } refused ? refused : Page();

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var view = await db.Conversations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new View(c.Id, c.ListingId, c.Listing!.Title, c.Listing.Kind, c.ListingOwnerId, db.Actors.Where(a => a.Id == c.ListingOwnerId).Select(a => a.Name).First(),
                c.InterestedId, c.Interested!.Name, c.CounterpartListingId, c.CounterpartListing != null ? c.CounterpartListing.Title : null,
                c.State, c.StartedAt, c.ClosedAt, c.ClosedById, c.DeclineReason, c.ReportedAt, c.ReportReason, c.InitiativeId))
            .SingleOrDefaultAsync(cancellationToken);
        // Nobody outside the two organisations learns that a conversation exists: a guessed address is a 404.
        if (view is null || !await rights.MayAsync(RightsOf(view), Operations.See))
        {
            await rights.RefuseAsync(AuditTargets.Conversation, id, Operations.See);
            return NotFound();
        }
        Conversation = view;
        var sides = new List<(int, string)>();
        if (await MemberOfAsync(view.ListingOwnerId)) sides.Add((view.ListingOwnerId, view.ListingOwner));
        if (await MemberOfAsync(view.InterestedId)) sides.Add((view.InterestedId, view.Interested));
        MySides = sides;
        ReadsAsModerator = sides.Count == 0;
        Messages = await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == id).OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .Select(m => new Line(m.OrganisationId, m.OrganisationId == view.ListingOwnerId ? view.ListingOwner : view.Interested, m.Text, m.SentAt))
            .ToListAsync(cancellationToken);
        if (view.State == ConversationState.Agreed && view.InitiativeId is null)
            foreach (var (side, _) in sides)
                if (await rights.MayAsync(new InitiativeResource(side), Operations.Edit)) { CanStartInitiative = true; break; }
        if (OrganisationId == 0 && sides.Count > 0) OrganisationId = sides[0].Item1;
        return null;
    }

    /// <summary>Whether the reader speaks for this organisation here (an active membership that may take part in conversations).</summary>
    private Task<bool> MemberOfAsync(int organisationId) =>
        rights.MayAsync(new ConversationResource(organisationId, organisationId, false), Operations.Converse);

    private static ConversationResource RightsOf(View view) => new(view.ListingOwnerId, view.InterestedId, view.ReportedAt is not null);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public Task<IActionResult> OnPostMessageAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, "Message", () => conversations.PostAsync(id, OrganisationId, UserId, Message, cancellationToken),
            L["Your message was sent."], cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, "Reason", () => conversations.CloseAsync(id, OrganisationId, Outcome, Reason, cancellationToken),
            Outcome == ConversationState.Agreed ? L["The conversation is marked agreed. You can now start an initiative from it."] : L["The conversation has ended."],
            cancellationToken);

    public Task<IActionResult> OnPostReportAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, "Reason", () => conversations.ReportAsync(id, OrganisationId, Reason, cancellationToken),
            L["The conversation was reported: the moderators can now read it."], cancellationToken);

    public async Task<IActionResult> OnPostStartInitiativeAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } hidden) return hidden;
        if (!await SpeaksForAsync(id, OrganisationId)) return Forbid();
        if (!await rights.MayAsync(new InitiativeResource(OrganisationId), Operations.Edit))
        {
            await rights.RefuseAsync(AuditTargets.Conversation, id, Operations.Edit);
            return Forbid();
        }
        var (outcome, initiativeId) = await conversations.StartInitiativeAsync(id, OrganisationId, cancellationToken);
        switch (outcome)
        {
            case ConversationOutcome.Done:
                TempData[PageMessages.Message] = L["A draft initiative was started from the agreement, with both organisations, their countries, sectors, goals and themes. Complete it, then publish it."].Value;
                return Redirect($"/initiatives/{initiativeId}/edit");
            case ConversationOutcome.Exists when initiativeId is not null:
                TempData[PageMessages.Message] = L["An initiative was already started from this conversation."].Value;
                return Redirect($"/initiatives/{initiativeId}");
            case ConversationOutcome.Refused refused:
                TempData[PageMessages.Problem] = RuleMessages.For(refused.Violation.Code, L, RecordType.Listing);
                return RedirectToPage(new { id });
            default:
                TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
                return RedirectToPage(new { id });
        }
    }

    /// <summary>Whether the reader writes for <paramref name="organisationId"/>, one of the conversation's two sides; a refusal is recorded.</summary>
    private async Task<bool> SpeaksForAsync(int id, int organisationId)
    {
        if (MySides.Any(s => s.Id == organisationId)) return true;
        await rights.RefuseAsync(AuditTargets.Conversation, id, Operations.Converse);
        return false;
    }

    private async Task<IActionResult> ActAsync(int id, string field, Func<Task<ConversationOutcome>> act, string done, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } hidden) return hidden;
        // A moderator reading a reported conversation, or anyone choosing an organisation that is not a side, may not write in it.
        if (!await SpeaksForAsync(id, OrganisationId)) return Forbid();
        switch (await act())
        {
            case ConversationOutcome.Done:
                TempData[PageMessages.Message] = done;
                return RedirectToPage(new { id });
            case ConversationOutcome.Refused refused:
                foreach (var violation in refused.Violation.Violations)
                    ModelState.AddModelError(violation.Code == RuleCode.ConversationClosed ? "" : field, RuleMessages.For(violation.Code, L, RecordType.Listing));
                break;
            case ConversationOutcome.TooMany:
                ModelState.AddModelError(field, L["You have sent many messages in the last hour: wait a little before sending more."]);
                break;
            default:
                ModelState.AddModelError("", L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."]);
                break;
        }
        await LoadAsync(id, cancellationToken);
        return Page();
    }
}
