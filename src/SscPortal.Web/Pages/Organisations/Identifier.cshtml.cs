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
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Organisations;

/// <summary>
/// An organisation's registered IATI organisation identifier, recorded by its organisation admins (or by a moderator
/// or administrator, who verify organisations). Once recorded, the organisation reports its own initiatives in the
/// IATI file under it (OpenData/IatiActivities.cs). Checked for the form {agency}-{number} (Domain/IatiOrganisationIdentifier.cs)
/// and for not being another organisation's.
/// </summary>
[Authorize]
public class IdentifierModel(AppDbContext db, Rights rights, AuditLog audit, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public int OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public string? Current { get; private set; }

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? IatiIdentifier { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L, Func<string, bool> isCountry)
        {
            RuleFor(i => i.IatiIdentifier)
                .Must(id => string.IsNullOrWhiteSpace(id) || IatiOrganisationIdentifier.IsValid(id.Trim(), isCountry))
                .WithMessage(L["Enter an IATI organisation identifier: the registration agency's code, a hyphen and your number in its register, such as XM-DAC-41114 or GB-COH-09506232 (no spaces, nor / & | ?)."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        Input.IatiIdentifier = Current;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id) is { } refused) return refused;
        var names = await referenceData.GetAsync(cancellationToken);
        ModelState.AddErrors(await new InputValidator(L, names.Countries.ContainsKey).ValidateAsync(Input, cancellationToken));
        var identifier = string.IsNullOrWhiteSpace(Input.IatiIdentifier) ? null : Input.IatiIdentifier.Trim();
        if (ModelState.IsValid && identifier is not null
            && await db.Actors.AnyAsync(a => a.Id != id && a.IatiIdentifier == identifier, cancellationToken))
            ModelState.AddModelError("Input.IatiIdentifier", L["Another organisation on the portal has already recorded this identifier. If it is yours, ask a moderator to correct the other record."]);
        if (!ModelState.IsValid) return Page();

        var previous = await db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => a.IatiIdentifier).SingleAsync(cancellationToken);
        if (previous == identifier)
        {
            TempData[PageMessages.Message] = L["Nothing to change."].Value;
            return RedirectToPage(new { id });
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Changed only from the value this request read: of several requests at once, one changes it and is audited;
            // the others find it changed and say so.
            var changed = await db.Actors.Where(a => a.Id == id && a.IatiIdentifier == previous)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.IatiIdentifier, identifier), cancellationToken);
            if (changed == 0)
            {
                TempData[PageMessages.Message] = L["The identifier was changed a moment ago by someone else: the page shows it as it is now."].Value;
                return RedirectToPage(new { id });
            }
            audit.Add(AuditEventType.OrganisationIdentifierChanged, AuditTargets.Organisation, id, $"{previous ?? "—"} → {identifier ?? "—"}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another organisation recorded the same identifier at the same moment (the database keeps one of each).
            ModelState.AddModelError("Input.IatiIdentifier", L["Another organisation on the portal has already recorded this identifier. If it is yours, ask a moderator to correct the other record."]);
            return Page();
        }
        TempData[PageMessages.Message] = identifier is null
            ? L["The IATI organisation identifier was removed: the portal's publisher reports your initiatives in the IATI file."].Value
            : L["Saved. Your published initiatives are reported in the IATI file under {0}.", identifier].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Who may record the identifier: the access table's row for it (organisation admins, moderators, administrators).</summary>
    private async Task<IActionResult?> AuthorizeAsync(int id)
    {
        var organisation = await db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Name, a.IatiIdentifier }).SingleOrDefaultAsync();
        if (organisation is null)
        {
            await rights.RefuseAsync(AuditTargets.Organisation, id, Operations.SetIdentifier);
            return NotFound();
        }
        OrganisationId = id;
        OrganisationName = organisation.Name;
        Current = organisation.IatiIdentifier;
        if (await rights.MayAsync(new OrganisationResource(id), Operations.SetIdentifier)) return null;
        await rights.RefuseAsync(AuditTargets.Organisation, id, Operations.SetIdentifier);
        return Forbid();
    }
}
