using SscPortal.Domain;

namespace SscPortal.Web.Import;

// TEMPORARY merge of the import-pages branch, so that the pages can be tested before the import-core helper's merge is
// merged: the lead REPLACES this file with import-core's ImportedActivityMerge (the pages call ApplyTo as below).

/// <summary>Writes what an imported activity says into an initiative; what the file leaves out (null) keeps the portal's value.</summary>
public static class ImportedActivityMerge
{
    public static void ApplyTo(Initiative target, ImportedActivity activity, Func<ImportedOrganisation, int> actorIdOf)
    {
        target.IatiIdentifier = activity.Identifier;
        if (activity.Title is { } title) target.Title = title;
        if (activity.Summary is { } summary) target.Summary = summary;
        if (activity.Description is { } description) target.Description = description;
        if (activity.Objectives is { } objectives) target.Objectives = objectives;
        // A new initiative is written in the activity's language; an existing one keeps its own.
        if (target.Id == 0) target.Language = activity.Language;
        if (activity.Status is { } status) target.Status = status;
        if (activity.PlannedStart is { } plannedStart) target.PlannedStart = plannedStart;
        if (activity.ActualStart is { } actualStart) target.ActualStart = actualStart;
        if (activity.PlannedEnd is { } plannedEnd) target.PlannedEnd = plannedEnd;
        if (activity.ActualEnd is { } actualEnd) target.ActualEnd = actualEnd;
        if (activity.Modality is { } modality) target.Modality = modality;
        if (activity.Translations is { } translations)
        {
            foreach (var translation in translations.Where(t => t.Language != target.Language && t.Title is not null))
            {
                var existing = target.Translations.FirstOrDefault(t => t.Language == translation.Language);
                if (existing is null) target.Translations.Add(new() { Language = translation.Language, Title = translation.Title!, Summary = translation.Summary ?? "" });
                else
                {
                    existing.Title = translation.Title!;
                    if (translation.Summary is { } s) existing.Summary = s;
                }
            }
        }
        if (activity.RecipientCountries is { } countries)
        {
            target.Countries.RemoveAll(c => c.Role == CountryRole.Recipient && !countries.Contains(c.CountryCode));
            foreach (var code in countries.Distinct().Where(code => target.Countries.All(c => c.CountryCode != code)))
                target.Countries.Add(new() { CountryCode = code, Role = CountryRole.Recipient });
        }
        if (activity.Sectors is { } sectors)
        {
            target.Sectors.RemoveAll(s => !sectors.Contains(s.SectorCode));
            foreach (var code in sectors.Distinct().Where(code => target.Sectors.All(s => s.SectorCode != code)))
                target.Sectors.Add(new() { SectorCode = code });
        }
        if (activity.SdgGoals is { } goals)
        {
            target.Sdgs.RemoveAll(g => !goals.Contains(g.GoalCode));
            foreach (var goal in goals.Distinct().Where(goal => target.Sdgs.All(g => g.GoalCode != goal)))
                target.Sdgs.Add(new() { GoalCode = goal, IsPrimary = target.Sdgs.Count == 0 });
        }
        if (activity.Participants is { } participants)
        {
            foreach (var participant in participants)
            {
                var actorId = actorIdOf(participant.Organisation);
                if (actorId == target.OwnerId || target.Actors.Any(a => a.ActorId == actorId)) continue;
                target.Actors.Add(new() { ActorId = actorId, Role = participant.Role switch { 1 => ActorRole.Funding, 3 => ActorRole.Facilitating, 4 => ActorRole.Implementing, _ => ActorRole.Participating } });
            }
        }
    }
}
