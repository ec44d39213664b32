using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Records;

/// <summary>A record with every part it is saved, compared and checked with: what an edit, a publication or a conflict reads.</summary>
public static class RecordQueries
{
    /// <summary>An initiative with all its repeating parts (countries, actors, goals and targets, sectors, contributions…), in split queries.</summary>
    public static IQueryable<Initiative> WithEverything(this IQueryable<Initiative> initiatives) =>
        initiatives.Include(i => i.Countries).Include(i => i.Actors).Include(i => i.Sdgs).Include(i => i.SdgTargets).Include(i => i.Principles)
            .Include(i => i.Sectors).Include(i => i.Contributions).Include(i => i.RightsHolders).Include(i => i.Locations).Include(i => i.Links)
            .Include(i => i.Results).Include(i => i.Translations).AsSplitQuery();

    /// <summary>A partnership with its signatories and initiatives.</summary>
    public static IQueryable<Partnership> WithEverything(this IQueryable<Partnership> partnerships) =>
        partnerships.Include(p => p.Signatories).Include(p => p.Initiatives).AsSplitQuery();

    /// <summary>An offer or need with its countries, regions, sectors, goals, translations and initiatives.</summary>
    public static IQueryable<Listing> WithEverything(this IQueryable<Listing> listings) =>
        listings.Include(l => l.Countries).Include(l => l.Regions).Include(l => l.Sectors).Include(l => l.Sdgs).Include(l => l.Translations)
            .Include(l => l.Initiatives).AsSplitQuery();

    /// <summary>A call with its translations, questions and criteria.</summary>
    public static IQueryable<CooperationCall> WithEverything(this IQueryable<CooperationCall> calls) =>
        calls.Include(c => c.Translations).Include(c => c.Questions).Include(c => c.Criteria).AsSplitQuery();

    /// <summary>An event with its translations, programme (sessions and speakers), questions, initiatives and co-organisers.</summary>
    public static IQueryable<CooperationEvent> WithEverything(this IQueryable<CooperationEvent> events) =>
        events.Include(e => e.Translations).Include(e => e.Sessions).ThenInclude(s => s.Speakers).Include(e => e.Questions)
            .Include(e => e.Initiatives).Include(e => e.CoOrganisers).AsSplitQuery();

    /// <summary>An application with its answers and partners.</summary>
    public static IQueryable<CallApplication> WithEverything(this IQueryable<CallApplication> applications) =>
        applications.Include(a => a.Answers).Include(a => a.Partners).AsSplitQuery();

    /// <summary>An assessment with its answers, evidence and consultations.</summary>
    public static IQueryable<Assessment> WithEverything(this IQueryable<Assessment> assessments) =>
        assessments.Include(a => a.Answers).Include(a => a.Evidence).Include(a => a.Consultations)
            .Include(a => a.RecommendationItems).ThenInclude(r => r.Principles).AsSplitQuery();
}
