using SscPortal.Domain;

namespace SscPortal.Web.Catalogue;

/// <summary>What the public may read, and the small views of an initiative that lists show.</summary>
public static class InitiativeQueries
{
    /// <summary>Only published records are public; drafts and unpublished records are invisible, even by id.</summary>
    public static IQueryable<Initiative> Published(this IQueryable<Initiative> initiatives) =>
        initiatives.Where(i => i.Publication == PublicationState.Published);

    /// <summary>Cards in the reader's language where a translation exists, in the original otherwise.</summary>
    public static IQueryable<InitiativeCard> ToCards(this IQueryable<Initiative> initiatives, string language) => initiatives.Select(Card(language));

    /// <summary>What a list shows of an initiative, as a query expression (to be written into a larger query).</summary>
    public static System.Linq.Expressions.Expression<Func<Initiative, InitiativeCard>> Card(string language) =>
        i => new InitiativeCard(
            i.Id, i.Title, i.Summary, i.Language, i.Modality, i.Status, i.PublishedAt!.Value, i.Owner!.Name, i.Owner.Type,
            i.Countries.OrderBy(c => c.Role).ThenBy(c => c.CountryCode).Select(c => new CountryWithRole(c.CountryCode, c.Role)).ToList(),
            // A list of at most one (the key is the initiative and the language): a plain join, where FirstOrDefault would
            // make the database number every translation of that language first.
            i.Translations.Where(t => t.Language == language).Select(t => new TextInLanguage(t.Language, t.Title, t.Summary)).ToList(),
            i.UpdatedAt, i.OwnerId);
}

public sealed record CountryWithRole(string Code, CountryRole Role);

public sealed record InitiativeCard(
    int Id, string Title, string Summary, string Language, Modality Modality, ActivityStatus Status,
    DateTime PublishedAt, string OwnerName, ActorType OwnerType, IReadOnlyList<CountryWithRole> Countries, IReadOnlyList<TextInLanguage> Translations,
    DateTime UpdatedAt, int OwnerId)
{
    public TextInLanguage? Translation => Translations.Count > 0 ? Translations[0] : null;
    public string RecordKindLabel => RecordKinds.Label(OwnerType);
    public TextInLanguage Shown => Translation ?? new TextInLanguage(Language, Title, Summary);
}

/// <summary>A title and summary, and the language they are in.</summary>
public sealed record TextInLanguage(string Language, string Title, string Summary);

/// <summary>
/// Whose voice a record is: an official record is owned by a party to the initiative (an agency or IGO taking part in it,
/// which the rules guarantee for any owner); a civil-society record is registered by a CSO that runs or monitors it.
/// </summary>
public static class RecordKinds
{
    public static string Label(ActorType ownerType) => AccessTable.KindOf(ownerType) switch
    {
        OrganisationKind.Official => "Official record",
        OrganisationKind.CivilSociety => "Civil-society record",
        _ => "Record",
    };

    public static IEnumerable<string> All() => ["Official record", "Civil-society record", "Record"];
}
