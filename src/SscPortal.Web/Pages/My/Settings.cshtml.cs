using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Notifications;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// My account settings: the language of my mail (and of the interface), and for each kind of notification whether it comes
/// by mail at once, in a daily digest, or only in the portal.
/// </summary>
[Authorize]
public class SettingsModel(AppDbContext db, Access access, IStringLocalizer<SharedResource> L) : PageModel
{
    public static readonly NotificationKind[] Kinds = Enum.GetValues<NotificationKind>();

    [BindProperty]
    public string? Language { get; set; }

    /// <summary>The chosen delivery of each kind, by the kind's name.</summary>
    [BindProperty]
    public Dictionary<string, NotificationDelivery> Deliveries { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == access.UserId, cancellationToken);
        if (user is null) return NotFound();
        Language = user.Language;
        Deliveries = await ChosenAsync(cancellationToken);
        return Page();
    }

    private async Task<Dictionary<string, NotificationDelivery>> ChosenAsync(CancellationToken cancellationToken)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == access.UserId).ToDictionaryAsync(p => p.Kind, p => p.Delivery, cancellationToken);
        return Kinds.ToDictionary(k => k.ToString(), k => chosen.TryGetValue(k, out var d) ? d : NotificationPreference.Default(k));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!PortalCultures.IsSupported(Language)) ModelState.AddModelError(nameof(Language), L["Choose one of the languages listed."]);
        foreach (var (key, delivery) in Deliveries)
        {
            // A kind the form never offers has no field to stand beside: it is said above the form.
            if (!Kinds.Any(k => k.ToString() == key)) ModelState.AddModelError(string.Empty, L["Choose one of the options listed."]);
            else if (!Enum.IsDefined(delivery)) ModelState.AddModelError($"{nameof(Deliveries)}[{key}]", L["Choose one of the options listed."]);
        }
        if (!ModelState.IsValid)
        {
            var saved = await ChosenAsync(cancellationToken);
            foreach (var kind in saved.Keys.Where(k => !Deliveries.ContainsKey(k)).ToList()) Deliveries[kind] = saved[kind];
            return Page();
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == access.UserId, cancellationToken);
        if (user is null) return NotFound();
        user.Language = Language!;
        var existing = await db.NotificationPreferences.Where(p => p.UserId == user.Id).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var (key, delivery) in Deliveries)
        {
            var kind = Enum.Parse<NotificationKind>(key);
            if (existing.TryGetValue(kind, out var preference)) preference.Delivery = delivery;
            else db.NotificationPreferences.Add(new NotificationPreference { UserId = user.Id, Kind = kind, Delivery = delivery });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form sent twice at once: the database keeps one choice per kind; the other request's save stands.
            db.ChangeTracker.Clear();
            if (!await db.NotificationPreferences.AnyAsync(p => p.UserId == user.Id, cancellationToken)) throw;
        }
        // The interface follows the language chosen for mail.
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Language!)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        using (PortalCultures.Use(Language))
            TempData[PageMessages.Message] = L["Your settings are saved."].Value;
        return RedirectToPage();
    }
}
