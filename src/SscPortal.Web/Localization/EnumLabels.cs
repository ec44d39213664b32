using SscPortal.Domain;

namespace SscPortal.Web.Localization;

/// <summary>The English label of each code, used as its key in the resource files.</summary>
public static class EnumLabels
{
    public static string For(Modality value) => value switch
    {
        Modality.Bilateral => "Bilateral South-South cooperation",
        Modality.Triangular => "Triangular cooperation",
        Modality.Regional => "Regional South-South cooperation",
        Modality.Decentralised => "Decentralised (city-to-city) cooperation",
        Modality.PeopleToPeople => "People-to-people (CSO-to-CSO) cooperation",
        _ => value.ToString(),
    };

    public static string For(Instrument value) => value switch
    {
        Instrument.Programme => "Programme",
        Instrument.Project => "Project",
        Instrument.Action => "Action",
        _ => value.ToString(),
    };

    public static string For(ActivityStatus value) => value switch
    {
        ActivityStatus.Pipeline => "Pipeline or identification",
        ActivityStatus.Implementation => "Implementation",
        ActivityStatus.Finalisation => "Finalisation",
        ActivityStatus.Closed => "Closed",
        ActivityStatus.Cancelled => "Cancelled",
        ActivityStatus.Suspended => "Suspended",
        _ => value.ToString(),
    };

    public static string For(CountryRole value) => value switch
    {
        CountryRole.Provider => "Provider",
        CountryRole.Recipient => "Recipient",
        CountryRole.Both => "Provider and recipient",
        CountryRole.FirstProvider => "First provider",
        CountryRole.SecondProvider => "Second provider",
        _ => value.ToString(),
    };

    public static string For(ActorRole value) => value switch
    {
        ActorRole.Lead => "Lead",
        ActorRole.Implementing => "Implementing",
        ActorRole.Funding => "Funding",
        ActorRole.Facilitating => "Facilitating",
        ActorRole.Participating => "Participating",
        _ => value.ToString(),
    };

    public static string For(ActorType value) => value switch
    {
        ActorType.Government => "National government or agency",
        ActorType.LocalGovernment => "Local government",
        ActorType.OtherPublicSector => "Other public sector",
        ActorType.InternationalCso => "International civil society organisation",
        ActorType.NationalCso => "National civil society organisation",
        ActorType.RegionalCso => "Regional civil society organisation",
        ActorType.Intergovernmental => "Intergovernmental organisation",
        ActorType.Foundation => "Foundation",
        ActorType.PrivateSector => "Private sector",
        ActorType.Academia => "Academia or think tank",
        _ => value.ToString(),
    };

    public static string LanguageName(string code) => code switch
    {
        "en" => "English",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "fr" => "French",
        _ => code,
    };

    /// <summary>Every label, so a test can prove each one is translated.</summary>
    public static IEnumerable<string> All() =>
        Enum.GetValues<Modality>().Select(For)
            .Concat(Enum.GetValues<Instrument>().Select(For))
            .Concat(Enum.GetValues<ActivityStatus>().Select(For))
            .Concat(Enum.GetValues<CountryRole>().Select(For))
            .Concat(Enum.GetValues<ActorRole>().Select(For))
            .Concat(Enum.GetValues<ActorType>().Select(For))
            .Concat(PortalLanguages.Content.Select(LanguageName));
}
