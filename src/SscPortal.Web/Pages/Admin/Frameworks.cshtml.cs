using SscPortal.Web.Notifications;
using SscPortal.Web.Reference;
using System.Text.Json;
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

namespace SscPortal.Web.Pages.Admin;

/// <summary>
/// The assessment framework's versions. An administrator publishes a new version by editing the latest one's definition
/// (JSON: scale, dimensions, indicators and the principles they test); assessments already made keep their version.
/// </summary>
[Authorize(Policy = PlatformPermissions.PublishFrameworks)]
public class FrameworksModel(AppDbContext db, ReferenceData referenceData, AuditLog audit, Notices notices, Access access, SubmitOnce once, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int MaxLength = 200_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The part of a framework an administrator writes; the version and publication are the portal's.</summary>
    public sealed record Definition(LocalText Title, List<ScaleLevel> Scale, List<FrameworkDimension> Dimensions);

    public sealed record Version(int Number, string Title, DateTime PublishedAt, string? PublishedBy, int Assessments, int Indicators);

    public IReadOnlyList<Version> Versions { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];
    [BindProperty] public string? Text { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var latest = await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
        Text = JsonSerializer.Serialize(new Definition(latest.Title, latest.Scale, latest.Dimensions), Json);
    }

    /// <summary>
    /// Publishes a new version. The same form sent twice publishes once (its key); two administrators publishing at the
    /// same moment cannot both take the next number (a unique index): the second is told, and nothing of theirs is saved.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try { return await once.CreateAsync(() => PublishAsync(cancellationToken), cancellationToken); }
        catch (DbUpdateException) when (_attemptedVersion is { } version)
        {
            db.ChangeTracker.Clear();
            if (!await db.AssessmentFrameworks.AnyAsync(f => f.Version == version, cancellationToken)) throw;
            Problems = [L["Another version of the framework was published a moment ago, so yours was not: check it, then publish yours again."]];
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private int? _attemptedVersion;

    private async Task<IActionResult> PublishAsync(CancellationToken cancellationToken)
    {
        Definition? definition = null;
        if (string.IsNullOrWhiteSpace(Text) || Text.Length > MaxLength) Problems = [L["Paste the framework's definition (at most {0} characters).", MaxLength]];
        else
        {
            try { definition = JsonSerializer.Deserialize<Definition>(Text, Json); }
            catch (JsonException e) { Problems = [L["The definition is not valid JSON: {0}", e.Message]]; }
            if (definition is null && Problems.Count == 0) Problems = [L["The definition is empty."]];
        }
        var framework = definition is null ? null : new AssessmentFramework
        {
            Title = definition.Title ?? new LocalText(""), Scale = definition.Scale ?? [], Dimensions = definition.Dimensions ?? [],
        };
        if (framework is not null)
        {
            // JSON may leave out lists a record expects: treat them as empty rather than failing later.
            foreach (var dimension in framework.Dimensions.ToList())
                if (dimension?.Indicators is null || dimension.Name is null || dimension.Description is null || dimension.Indicators.Any(i => i?.Question is null || i.Principles is null))
                    Problems = [.. Problems, L["Every dimension needs a code, a name, a description and indicators, each with a code, a question and the principles it tests."]];
            if (framework.Scale.Any(l => l?.Label is null || l.Description is null))
                Problems = [.. Problems, L["Every level of the scale needs a score, a label and a description."]];
            if (Problems.Count == 0)
                Problems = framework.Problems((await referenceData.GetAsync(cancellationToken)).Principles.Select(p => p.Code).ToHashSet());
        }
        if (framework is null || Problems.Count > 0)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        framework.Version = await db.AssessmentFrameworks.MaxAsync(f => f.Version, cancellationToken) + 1;
        _attemptedVersion = framework.Version;
        framework.PublishedAt = clock.GetUtcNow().UtcDateTime;
        framework.PublishedBy = User.Identity?.Name;
        db.AssessmentFrameworks.Add(framework);
        audit.Add(AuditEventType.FrameworkPublished, AuditTargets.Framework, framework.Version, access.UserId);
        once.Record("/admin/frameworks");
        await notices.FrameworkPublishedAsync(framework.Version, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData[PageMessages.Message] = L["Version {0} of the framework is published: new assessments use it; those already made keep theirs.", framework.Version].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Assessments.AsNoTracking().GroupBy(a => a.FrameworkId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Versions = (await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).ToListAsync(cancellationToken))
            .Select(f => new Version(f.Version, f.Title.En, f.PublishedAt, f.PublishedBy, counts.GetValueOrDefault(f.Id), f.Indicators.Count())).ToList();
    }
}
