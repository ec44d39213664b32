using SscPortal.Domain;
using SscPortal.Web.OpenData;

namespace SscPortal.Web.Import;

/// <summary>
/// What importing an activity does to an initiative: it sets what the activity says and leaves what it does not say (a null
/// member of <see cref="ImportedActivity"/>) as the portal holds it, so a re-upload whose file leaves a field out never wipes
/// it. Pure (no database): the import pages find or make the organisations (<c>actorIdOf</c>: by ref = Actor.IatiIdentifier,
/// else by name) and save.
/// <para>Rules:</para>
/// <list type="bullet">
/// <item>Texts: title, summary, description ("" in the activity: said empty, cleared), objectives; translations are added or
/// replaced per language (a language the file does not carry is kept); the language is the activity's.</item>
/// <item>Participants replace the record's organisations: IATI role 1 funding → Funding, 2 accountable → Lead, 3 extending →
/// Facilitating, 4 implementing → Implementing (the inverse of <see cref="IatiActivities.RoleCode"/>; the portal's
/// "participating" is written as 4 and comes back as Implementing). The reporting organisation (a participant with its ref)
/// is the owner. The owner is not added when the file does not list it: a secondary reporter is not a party.</item>
/// <item>Countries: the recipient countries replace the record's recipients (a country that was a provider becomes Both);
/// providers are kept. When the record has no provider country yet, the countries of the funding, accountable and
/// extending organisations (from <c>countryOfActor</c>) that are not recipients are added as providers (not in a
/// triangular record, whose first and second providers the file cannot tell).</item>
/// <item>Sectors, SDG goals (a goal kept keeps its "primary" mark) and targets replace the record's when the file has any.</item>
/// <item>Money contributions are replaced by the activity's (in-kind ones kept); one without a provider is the owner's.</item>
/// <item>Links replace the record's when the file has documents; locations below country level replace the record's
/// (country-level ones, which the export does not write, are kept); a location without a country is left out.</item>
/// <item>Collaboration type 8 makes the record triangular; otherwise its modality is kept (a new record: bilateral).</item>
/// </list>
/// </summary>
public static class ImportedActivityMerge
{
    /// <summary>An initiative for an activity imported for the first time: a draft project of the owner, bilateral unless the file says triangular.</summary>
    public static Initiative NewInitiative(ImportedActivity activity, int ownerId, DateTime utcNow) => new()
    {
        Title = activity.Title ?? activity.Identifier,
        Summary = activity.Summary ?? "",
        OwnerId = ownerId,
        Instrument = Instrument.Project,
        Modality = activity.Modality ?? Modality.Bilateral,
        Status = activity.Status ?? ActivityStatus.Implementation,
        Language = activity.Language,
        CreatedAt = utcNow,
        UpdatedAt = utcNow,
    };

    public static void ApplyTo(Initiative target, ImportedActivity activity, Func<ImportedOrganisation, int> actorIdOf, Func<int, string?>? countryOfActor = null)
    {
        target.IatiIdentifier = activity.Identifier;
        var reportingRef = activity.ReportingOrganisation?.Ref;
        int ActorOf(ImportedOrganisation? organisation) =>
            organisation is null || (reportingRef is not null && organisation.Ref == reportingRef) ? target.OwnerId : actorIdOf(organisation);

        if (activity.Title is { } title)
        {
            target.Title = title;
            target.Language = activity.Language;
        }
        // A blank description (the schema asks for the element, so files without one leave it empty) says nothing: it never
        // wipes what the portal holds. A general description with text is the summary and, after its first paragraph, the
        // description (so a one-paragraph text leaves no description).
        if (!string.IsNullOrWhiteSpace(activity.Summary))
        {
            target.Summary = activity.Summary;
            if (activity.Description is { } description) target.Description = string.IsNullOrWhiteSpace(description) ? null : description;
        }
        if (!string.IsNullOrWhiteSpace(activity.Objectives)) target.Objectives = activity.Objectives;
        foreach (var translation in activity.Translations ?? [])
        {
            if (translation.Language == target.Language) continue;
            var existing = target.Translations.FirstOrDefault(t => t.Language == translation.Language);
            var translatedTitle = translation.Title ?? existing?.Title;
            var translatedSummary = translation.Summary ?? existing?.Summary;
            if (translatedTitle is null || translatedSummary is null) continue;
            if (existing is null) target.Translations.Add(new InitiativeTranslation { Language = translation.Language, Title = translatedTitle, Summary = translatedSummary });
            else (existing.Title, existing.Summary) = (translatedTitle, translatedSummary);
        }
        target.Translations.RemoveAll(t => t.Language == target.Language);

        if (activity.Status is { } status) target.Status = status;
        if (activity.PlannedStart is { } plannedStart) target.PlannedStart = plannedStart;
        if (activity.ActualStart is { } actualStart) target.ActualStart = actualStart;
        if (activity.PlannedEnd is { } plannedEnd) target.PlannedEnd = plannedEnd;
        if (activity.ActualEnd is { } actualEnd) target.ActualEnd = actualEnd;
        if (activity.Modality is { } modality) target.Modality = modality;

        if (activity.Participants is { } participants)
        {
            var wanted = participants.Select(p => (ActorId: ActorOf(p.Organisation), Role: RoleOf(p.Role))).Distinct().ToList();
            target.Actors.RemoveAll(a => !wanted.Contains((a.ActorId, a.Role)));
            foreach (var (actorId, role) in wanted.Where(w => !target.Actors.Any(a => a.ActorId == w.ActorId && a.Role == w.Role)))
                target.Actors.Add(new InitiativeActor { ActorId = actorId, Role = role });
        }
        if (activity.RecipientCountries is { } recipients) SetRecipients(target, recipients);
        if (countryOfActor is not null && activity.Participants is { } parties && target.Modality != Modality.Triangular
            && !target.Countries.Any(c => c.Role is CountryRole.Provider or CountryRole.Both or CountryRole.FirstProvider or CountryRole.SecondProvider))
        {
            var providers = parties.Where(p => p.Role is 1 or 2 or 3).Select(p => countryOfActor(ActorOf(p.Organisation))).OfType<string>().Distinct();
            foreach (var code in providers.Where(code => target.Countries.All(c => c.CountryCode != code)))
                target.Countries.Add(new InitiativeCountry { CountryCode = code, Role = CountryRole.Provider });
        }

        if (activity.Sectors is { } sectors)
        {
            target.Sectors.RemoveAll(s => !sectors.Contains(s.SectorCode));
            foreach (var code in sectors.Where(code => target.Sectors.All(s => s.SectorCode != code)))
                target.Sectors.Add(new InitiativeSector { SectorCode = code });
        }
        if (activity.SdgGoals is { } goals)
        {
            target.Sdgs.RemoveAll(s => !goals.Contains(s.GoalCode));
            foreach (var goal in goals.Where(goal => target.Sdgs.All(s => s.GoalCode != goal)))
                target.Sdgs.Add(new InitiativeSdg { GoalCode = goal });
        }
        if (activity.SdgTargets is { } targets)
        {
            target.SdgTargets.RemoveAll(t => !targets.Contains(t.TargetCode));
            foreach (var code in targets.Where(code => target.SdgTargets.All(t => t.TargetCode != code)))
                target.SdgTargets.Add(new InitiativeSdgTarget { TargetCode = code });
        }

        if (activity.Contributions is { } contributions)
        {
            target.Contributions.RemoveAll(c => c.Kind == ContributionKind.Money);
            foreach (var contribution in contributions)
                target.Contributions.Add(new InitiativeContribution
                {
                    ActorId = ActorOf(contribution.Provider), Kind = ContributionKind.Money, Amount = contribution.Amount, Currency = contribution.Currency,
                });
        }
        if (activity.Links is { } links)
        {
            target.Links.Clear();
            foreach (var link in links)
                target.Links.Add(new InitiativeLink
                {
                    Url = link.Url, Title = link.Title ?? link.Url,
                    Category = InitiativeLink.IsActivityDocumentCategory(link.Category) ? link.Category : null,
                    Format = InitiativeLink.IsMediaType(link.Format) ? link.Format : null,
                });
        }
        if (activity.Locations is { } locations)
        {
            target.Locations.RemoveAll(l => l.Precision != LocationPrecision.Country);
            foreach (var location in locations.Where(l => l.CountryCode is not null))
                target.Locations.Add(new InitiativeLocation
                {
                    CountryCode = location.CountryCode!, Precision = location.Precision, Region = location.Region, Place = location.Place,
                    Latitude = location.Latitude, Longitude = location.Longitude,
                });
        }
    }

    /// <summary>The portal's way of taking part for an IATI OrganisationRole (the inverse of <see cref="IatiActivities.RoleCode"/>).</summary>
    public static ActorRole RoleOf(int iatiRole) => iatiRole switch
    {
        1 => ActorRole.Funding,
        2 => ActorRole.Lead,
        3 => ActorRole.Facilitating,
        _ => ActorRole.Implementing,
    };

    private static void SetRecipients(Initiative target, List<string> recipients)
    {
        foreach (var country in target.Countries.ToList())
        {
            var listed = recipients.Contains(country.CountryCode);
            switch (country.Role)
            {
                case CountryRole.Recipient when !listed: target.Countries.Remove(country); break;
                case CountryRole.Both when !listed: country.Role = CountryRole.Provider; break;
                case CountryRole.Provider when listed: country.Role = CountryRole.Both; break;
            }
        }
        foreach (var code in recipients.Where(code => target.Countries.All(c => c.CountryCode != code)))
            target.Countries.Add(new InitiativeCountry { CountryCode = code, Role = CountryRole.Recipient });
    }
}
