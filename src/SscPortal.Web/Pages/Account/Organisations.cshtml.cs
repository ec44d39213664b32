using SscPortal.Web.Notifications;
using SscPortal.Web.Reference;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Account;

/// <summary>
/// My organisations: memberships and pending claims, each organisation's records, claiming membership of an
/// existing organisation, and proposing a new one (unverified until a moderator verifies it).
/// </summary>
[Authorize]
public class OrganisationsModel(AppDbContext db, Access access, Rights rights, AuditLog audit, Notices notices, ReferenceData referenceData, SubmitOnce once, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record MembershipRow(int ActorId, string ActorName, ActorType ActorType, bool ActorVerified, MembershipRole Role, MembershipStatus Status, string? IatiIdentifier = null);
    public sealed record SearchResult(int Id, string Name, string? Acronym, ActorType Type, bool IsVerified);

    public IReadOnlyList<MembershipRow> Memberships { get; private set; } = [];
    /// <summary>Whether "Register an initiative" leads anywhere: the rule /initiatives/new applies (a membership with editing rights).</summary>
    public bool CanRegisterInitiatives { get; private set; }
    public IReadOnlyList<SearchResult> Found { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public ProposalInput Proposal { get; set; } = new();

    /// <summary>A new organisation's details: proposed here, or added verified by an administrator at /admin/start.</summary>
    public sealed class ProposalInput
    {
        public string? Name { get; set; }
        public string? Acronym { get; set; }
        public ActorType Type { get; set; } = ActorType.NationalCso;
        public string? CountryCode { get; set; }
        public string? Website { get; set; }
        public string? IatiIdentifier { get; set; }

        /// <summary>Checks the details (messages next to the fields, under <paramref name="prefix"/>), and that no other organisation has the identifier.</summary>
        public async Task ValidateAsync(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string prefix, AppDbContext db,
            IStringLocalizer<SharedResource> L, ReferenceData.Snapshot names, CancellationToken cancellationToken)
        {
            modelState.AddErrors(await new ProposalValidator(L, names).ValidateAsync(this, cancellationToken), prefix);
            var identifier = Blank(IatiIdentifier);
            if (modelState.IsValid && identifier is not null && await db.Actors.AnyAsync(a => a.IatiIdentifier == identifier, cancellationToken))
                modelState.AddModelError($"{prefix}.{nameof(IatiIdentifier)}", L["Another organisation on the portal has already recorded this identifier. If it is yours, ask a moderator to correct the other record."]);
        }

        /// <summary>The organisation these details describe (checked with <see cref="ValidateAsync"/>).</summary>
        public Actor ToActor(DateTime now, bool verified) => new()
        {
            Name = Name!.Trim(), Acronym = Blank(Acronym), Type = Type,
            CountryCode = Blank(CountryCode)?.ToUpperInvariant(), Website = Blank(Website), IatiIdentifier = Blank(IatiIdentifier),
            IsVerified = verified, CreatedAt = now,
        };
    }

    public sealed class ProposalValidator : AbstractValidator<ProposalInput>
    {
        public ProposalValidator(IStringLocalizer<SharedResource> L, ReferenceData.Snapshot names)
        {
            RuleFor(p => p.Name).NotEmpty().WithMessage(L["Enter the organisation's name."])
                .MaximumLength(200).WithMessage(L["Use at most {0} characters.", 200]);
            RuleFor(p => p.Acronym).MaximumLength(30).WithMessage(L["Use at most {0} characters.", 30]);
            RuleFor(p => p.Type).IsInEnum().WithMessage(L["Choose one of the listed options."]);
            RuleFor(p => p.CountryCode).Must(code => string.IsNullOrWhiteSpace(code) || names.Countries.ContainsKey(code.Trim().ToUpperInvariant()))
                .WithMessage(L["Enter a two-letter ISO country code, such as PE for Peru."]);
            RuleFor(p => p.Website).MaximumLength(300).WithMessage(L["Use at most {0} characters.", 300])
                .Must(url => string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                .WithMessage(L["Enter a full web address starting with https://"]);
            RuleFor(p => p.IatiIdentifier)
                .Must(id => string.IsNullOrWhiteSpace(id) || IatiOrganisationIdentifier.IsValid(id.Trim(), names.Countries.ContainsKey))
                .WithMessage(L["Enter an IATI organisation identifier: the registration agency's code, a hyphen and your number in its register, such as XM-DAC-41114 or GB-COH-09506232 (no spaces, nor / & | ?)."]);
        }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Asks to join an organisation: nothing changes until its admin (or a moderator) approves.</summary>
    public async Task<IActionResult> OnPostClaimAsync(int actorId, CancellationToken cancellationToken)
    {
        var userId = access.UserId!;
        if (!await db.Actors.AnyAsync(a => a.Id == actorId, cancellationToken)) return NotFound();
        var already = L["You already belong to this organisation or have asked to."].Value;
        if (await db.Memberships.AnyAsync(m => m.UserId == userId && m.ActorId == actorId, cancellationToken))
        {
            TempData[PageMessages.Message] = already;
            return RedirectToPage();
        }
        db.Memberships.Add(new OrganisationMembership
        {
            UserId = userId, ActorId = actorId, Role = MembershipRole.Member, Status = MembershipStatus.Pending, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        audit.Add(AuditEventType.MembershipClaimed, AuditTargets.Organisation, actorId);
        await notices.MembershipClaimedAsync(actorId, User.Identity?.Name ?? "", cancellationToken);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // The same claim sent twice at once: the database keeps one membership per person and organisation.
            db.ChangeTracker.Clear();
            if (!await db.Memberships.AnyAsync(m => m.UserId == userId && m.ActorId == actorId, cancellationToken)) throw;
            TempData[PageMessages.Message] = already;
            return RedirectToPage();
        }
        TempData[PageMessages.Message] = L["Your request was sent. You will have editing rights once it is approved."].Value;
        return RedirectToPage();
    }

    /// <summary>Proposes an organisation that is not listed yet; the proposer becomes its admin once a moderator verifies it.</summary>
    public Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken) =>
        once.CreateAsync(() => ProposeAsync(cancellationToken), cancellationToken);

    private async Task<IActionResult> ProposeAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        await Proposal.ValidateAsync(ModelState, nameof(Proposal), db, L, Names, cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = Proposal.ToActor(now, verified: false);
        actor.Memberships.Add(new OrganisationMembership
        {
            UserId = access.UserId!, Role = MembershipRole.OrganisationAdmin, Status = MembershipStatus.Pending, CreatedAt = now,
        });
        db.Actors.Add(actor);
        // The organisation, its record in the audit log and the form's key are saved together: a proposal sent twice makes one organisation.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(AuditEventType.OrganisationProposed, AuditTargets.Organisation, actor.Id, actor.Name);
            await notices.OrganisationProposedAsync(actor.Name, cancellationToken);
            once.Record("/account/organisations");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        TempData[PageMessages.Message] = L["Thank you. A moderator will verify the organisation; until then it is marked as not verified."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Names ??= await referenceData.GetAsync(cancellationToken);
        var userId = access.UserId!;
        Memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Actor!.Name)
            .Select(m => new MembershipRow(m.ActorId, m.Actor!.Name, m.Actor.Type, m.Actor.IsVerified, m.Role, m.Status, m.Actor.IatiIdentifier))
            .ToListAsync(cancellationToken);
        CanRegisterInitiatives = (await rights.OrganisationsForAsync(id => new InitiativeResource(id), Operations.Edit)).Count > 0;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            if (term.Length > 100) term = term[..100];
            var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var upper = pattern.ToUpperInvariant();
            // Case-insensitive on both databases: compare upper-cased text (SQL UPPER, not a .NET culture).
#pragma warning disable CA1304, CA1311
            Found = await db.Actors.AsNoTracking()
                .Where(a => EF.Functions.Like(a.Name.ToUpper(), upper, "\\") || (a.Acronym != null && EF.Functions.Like(a.Acronym.ToUpper(), upper, "\\")))
                .OrderBy(a => a.Name).ThenBy(a => a.Id).Take(20)
                .Select(a => new SearchResult(a.Id, a.Name, a.Acronym, a.Type, a.IsVerified))
                .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
