using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;

namespace SscPortal.Web.Evidence;

/// <summary>A testimony as pages show it: only what its giver consented to, to whom they consented.</summary>
public sealed record TestimonyView(int Id, int AssessmentId, string? IndicatorCode, string? Text, string? Attribution, TestimonyAttribution AttributionKind,
    ConsentMethod ConsentMethod, DateOnly ConsentGivenOn, DateOnly? ConsentUntil, bool MayQuote, bool MayShowPublicly, bool MayShareWithParties,
    int? AudioFileId, DateTime? WithdrawnAt, TestimonyWithdrawal? Withdrawal, bool InFull);

/// <summary>
/// Who may read a testimony follows from its giver's consent, decided here for pages, downloads and open data alike: nobody once
/// it is withdrawn or its consent ran out (even before the daily sweep deletes it); its words to everyone who may read the
/// assessment when they agreed to be quoted or shown publicly (its recording only when shown publicly); in full to the
/// initiative's official parties when they agreed to share it with them; otherwise to the assessor's organisation alone.
/// </summary>
public sealed class Testimonies(AppDbContext db, Rights rights, OfficialParties officialParties, TimeProvider clock)
{
    public sealed record Shelf(IReadOnlyList<TestimonyView> Readable, int Restricted, int Withdrawn, bool MayRecord, bool MayWithdraw, int AssessorId);

    private readonly Dictionary<int, IReadOnlyDictionary<string, Shelf>?> _read = [];

    /// <summary>The shelf of a section with no testimony yet (whether the reader may record one).</summary>
    public const string EmptyKey = "*";

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>What the public may see of any testimony, in any query: showable today and consented to be shown publicly.</summary>
    public static IQueryable<Testimony> Public(IQueryable<Testimony> testimonies, DateOnly today) =>
        testimonies.Where(t => t.WithdrawnAt == null && (t.ConsentUntil == null || t.ConsentUntil >= today) && t.MayShowPublicly && t.Text != null);

    /// <summary>The rights resource of a testimony (or, with <paramref name="forAudio"/>, of its recording); null when nobody may read it.</summary>
    public static EvidenceResource? ResourceOf(Testimony t, int assessorId, int assessmentId, IReadOnlyList<int> parties, DateOnly today, bool forAudio)
    {
        if (!t.IsShowableOn(today)) return null;
        if (t.MayShowPublicly || (t.MayQuote && !forAudio)) return new EvidenceResource(assessorId, EvidenceVisibility.Public, AssessmentId: assessmentId);
        if (t.MayShareWithParties) return new EvidenceResource(assessorId, EvidenceVisibility.Parties, parties, assessmentId, PartiesAlways: true);
        return new EvidenceResource(assessorId, EvidenceVisibility.Organisation, AssessmentId: assessmentId);
    }

    /// <summary>An assessment's testimonies by indicator ("" for the whole assessment), read once per request.</summary>
    public async Task<IReadOnlyDictionary<string, Shelf>?> ForAsync(int assessmentId, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue(assessmentId, out var known)) return known;
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == assessmentId)
            .Select(a => new { a.AssessorId, a.InitiativeId, a.Publication, InitiativePublished = a.Initiative!.Publication == PublicationState.Published })
            .SingleOrDefaultAsync(cancellationToken);
        if (assessment is null) return _read[assessmentId] = null;
        var record = new AssessmentResource(assessment.AssessorId, assessment.InitiativeId, assessment.Publication, assessment.InitiativePublished, assessmentId);
        var all = await db.Testimonies.AsNoTracking().Where(t => t.AssessmentId == assessmentId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var parties = all.Any(t => t.MayShareWithParties)
            ? (await officialParties.OfInitiativeAsync(assessment.InitiativeId, cancellationToken)).Select(p => p.Id).Where(p => p != assessment.AssessorId).ToList()
            : [];
        var mayRecord = await rights.MayAsync(record, Operations.Edit) && await rights.MayAsync(new EvidenceResource(assessment.AssessorId), Operations.AddEvidence);
        var mayWithdraw = await rights.MayAsync(new EvidenceResource(assessment.AssessorId), Operations.ManageEvidence);
        var today = Today;
        var shelves = new Dictionary<string, Shelf>();
        shelves[EmptyKey] = new Shelf([], 0, 0, mayRecord, mayWithdraw, assessment.AssessorId);
        foreach (var group in all.GroupBy(t => t.IndicatorCode ?? ""))
        {
            var readable = new List<TestimonyView>();
            int restricted = 0, withdrawn = 0;
            foreach (var t in group)
            {
                if (!t.IsShowableOn(today)) { withdrawn++; continue; }
                var resource = ResourceOf(t, assessment.AssessorId, assessmentId, parties, today, forAudio: false)!;
                if (!await rights.MayAsync(resource, Operations.See)) { restricted++; continue; }
                // In full (consent details, the recording) to whoever consent lets have it all: the public when shown publicly,
                // the parties when shared with them, the assessor always; a quote alone to everyone else.
                var inFull = await rights.MayAsync(ResourceOf(t, assessment.AssessorId, assessmentId, parties, today, forAudio: true)!, Operations.See);
                readable.Add(new TestimonyView(t.Id, t.AssessmentId, t.IndicatorCode, t.Text, t.ShownAttribution, t.Attribution, t.ConsentMethod, t.ConsentGivenOn, t.ConsentUntil,
                    t.MayQuote, t.MayShowPublicly, t.MayShareWithParties, inFull ? t.AudioFileId : null, t.WithdrawnAt, t.Withdrawal, inFull));
            }
            shelves[group.Key] = new Shelf(readable, restricted, withdrawn, mayRecord, mayWithdraw, assessment.AssessorId);
        }
        return _read[assessmentId] = shelves;
    }

    /// <summary>The resource of a testimony's recording, for the download page; null when nobody may hear it.</summary>
    public static async Task<EvidenceResource?> AudioResourceAsync(AppDbContext db, OfficialParties officialParties, int testimonyId, DateOnly today, CancellationToken cancellationToken)
    {
        var facts = await db.Testimonies.AsNoTracking().Where(t => t.Id == testimonyId)
            .Join(db.Assessments, t => t.AssessmentId, a => a.Id, (t, a) => new { Testimony = t, a.AssessorId, a.InitiativeId }).SingleOrDefaultAsync(cancellationToken);
        if (facts is null) return null;
        var parties = facts.Testimony.MayShareWithParties
            ? (await officialParties.OfInitiativeAsync(facts.InitiativeId, cancellationToken)).Select(p => p.Id).ToList()
            : [];
        return ResourceOf(facts.Testimony, facts.AssessorId, facts.Testimony.AssessmentId, parties, today, forAudio: true);
    }
}

/// <summary>An assessment's testimonies for one indicator (or the whole assessment), on its page.</summary>
public sealed class TestimoniesViewComponent(Testimonies testimonies) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int assessmentId, string? indicator)
    {
        var shelves = await testimonies.ForAsync(assessmentId, HttpContext.RequestAborted);
        if (shelves is null) return Content("");
        var shelf = shelves.TryGetValue(indicator ?? "", out var found) ? found : shelves[Testimonies.EmptyKey];
        ViewData["AssessmentId"] = assessmentId;
        ViewData["Indicator"] = indicator;
        return View(shelf);
    }
}
