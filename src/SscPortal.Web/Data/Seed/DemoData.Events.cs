using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

public static partial class DemoData
{
    /// <summary>
    /// A speaker as the programme shows them: a named person only where the name is public (a public office); otherwise the
    /// part they had and their organisation (the demonstration data holds no private names).
    /// </summary>
    public sealed record SpeakerSeed(string Name, string Organisation, bool NameShown = false);

    /// <summary>A session, its local start and end (hours from the event's local midnight), topic and speakers.</summary>
    public sealed record SessionSeed(double From, double To, string Title, string? Topic, IReadOnlyList<SpeakerSeed> Speakers);

    /// <summary>
    /// An event: a past one at <paramref name="Date"/> (local), an upcoming one <paramref name="InDays"/> days after the seeding
    /// day; its start and end as hours from local midnight (an end above 24 runs into later days). Past events have anonymous
    /// participation counts only (<paramref name="Participants"/>), never registrations.
    /// </summary>
    public sealed record EventSeed(
        string Key, string OwnerKey, IReadOnlyList<string> CoOrganiserKeys, EventKind Kind, string Title, string Description, string Language,
        IReadOnlyList<(string Language, string Title, string Description)> Translations,
        DateOnly? Date, int InDays, double From, double To, string TimeZone,
        EventFormat Format, string? Venue, string? Address, string? City, string? Country, int? Capacity, string? OnlineLink,
        IReadOnlyList<string> Languages, IReadOnlyList<string> Interpretation,
        IReadOnlyList<ThematicArea> Themes, IReadOnlyList<int> Sdgs, IReadOnlyList<string> Principles, string? ParentKey,
        IReadOnlyList<string> InitiativeTitles, IReadOnlyList<SessionSeed> Sessions, IReadOnlyList<(string Label, bool Required)> Questions,
        string? ReportSummary = null, string? ReportOutcomes = null, IReadOnlyList<(string Dimension, string Key, int Count)>? Participants = null);

    public static readonly EventSeed[] Events =
    [
        new("bapa40", "unossc", [], EventKind.Seminar,
            "BAPA+40: Second High-level United Nations Conference on South-South Cooperation",
            "Forty years after the Buenos Aires Plan of Action, Member States, UN agencies, civil society and the private sector met in Buenos Aires "
            + "to review South-South and triangular cooperation. Its outcome document recognises the role of civil society and of all stakeholders.",
            "en", [("es", "PABA+40: Segunda Conferencia de Alto Nivel de las Naciones Unidas sobre la Cooperación Sur-Sur",
                "Cuarenta años después del Plan de Acción de Buenos Aires, Estados miembros, agencias de la ONU, la sociedad civil y el sector privado se reunieron en Buenos Aires para examinar la cooperación Sur-Sur y triangular.")],
            new DateOnly(2019, 3, 20), 0, 9, 24 * 2 + 18, "America/Argentina/Buenos_Aires",
            EventFormat.InPerson, "Centro Cultural Kirchner", "Sarmiento 151", "Buenos Aires", "AR", null, null,
            ["en", "es", "fr", "ar", "zh", "ru"], [], [ThematicArea.Governance], [17], ["mutual-accountability", "multi-stakeholder"], null, [], [], []),

        new("bapa-cso", "southerncso", ["ibon", "realityofaid", "cpde"], EventKind.SideEvent,
            "A people-centred approach to South-South cooperation: CSO side event at BAPA+40",
            "Civil society organisations engaged governments, intergovernmental bodies and other development actors in a discussion to foster the "
            + "understanding, promotion and application of a people-centred approach to South-South cooperation: to promote a people-centred approach "
            + "to monitoring and evaluating South-South development cooperation, and to gather insights and gain champions and allies among state actors.",
            "en", [("es", "Un enfoque centrado en las personas para la cooperación Sur-Sur: evento paralelo de la sociedad civil en PABA+40",
                "Organizaciones de la sociedad civil dialogaron con gobiernos, organismos intergubernamentales y otros actores sobre un enfoque de la cooperación Sur-Sur centrado en las personas.")],
            new DateOnly(2019, 3, 21), 0, 9, 11.5, "America/Argentina/Buenos_Aires",
            EventFormat.InPerson, "Centro Cultural Kirchner", "Sarmiento 151", "Buenos Aires", "AR", null, null,
            ["en", "es"], ["en", "es"], [ThematicArea.Governance], [16, 17], ["people-centred", "mutual-accountability", "horizontality"], "bapa40",
            ["Peru–Indonesia peer exchange on institutionalising civil society participation in South-South cooperation"],
            [
                new(9, 9.17, "Welcome remarks: the local context of BAPA's adoption and what it means for Argentine CSOs today", null,
                    [new("Welcome speaker", "Confederación General del Trabajo Internacional – Argentina")]),
                new(9.17, 9.33, "Side event background, rationale, objectives and expected outcomes", null, [new("Convener", "IBON International")]),
                new(9.33, 9.5, "What is a people-centred approach?", null, [new("Speaker", "CSO Partnership for Development Effectiveness (CPDE)")]),
                new(9.5, 9.67, "A people-centred framework for South-South development cooperation", "How it strengthens the institutional framework for SSC",
                    [new("Speaker", "Reality of Aid Africa")]),
                new(9.67, 10.67, "How can state and non-state actors cooperate in applying people-centred approaches?",
                    "Efforts, challenges and opportunities: the perspectives of provider, recipient and dual-role countries, triangular partners and CSOs",
                    [new("Panellist", "UNDP Seoul Policy Center"), new("Panellist", "Agencia Peruana de Cooperación Internacional (APCI)"),
                     new("Panellist", "UNOSSC Asia Pacific"), new("Panellist", "LAC Regional Observatory"), new("Panellist", "Pacific Islands Association of NGOs (PIANGO)")]),
                new(10.67, 11.33, "Questions and interactive discussion", null, [new("Moderator", "Southern CSO Alliance on South-South Cooperation")]),
                new(11.33, 11.5, "Synthesis and concluding remarks: ways forward", null, [new("Moderator", "The Reality of Aid Network")]),
            ], [],
            ReportSummary: "The side event was well attended, with around 30 participants from Latin America (Argentina, Ecuador, Mexico, Brazil, Peru, "
                + "El Salvador), Asia, the Pacific and Africa. It was multi-stakeholder, with two intergovernmental organisations (UNDP and UNOSSC Asia "
                + "Pacific) and one government agency (APCI, Peru). The discussion shed light on the people-centred approach to SSC and participants, "
                + "finding the time for discussion and interpretation too short, asked for a more thorough follow-up. The side event launched the "
                + "Reality of Aid–CPDE policy research on operationalising people-oriented South-South development cooperation.",
            ReportOutcomes: "Everyone expressed interest in continued engagement in SSC. Ways forward proposed by the Southern CSO Alliance:\n"
                + "- strengthen the Alliance and how it operates, and engage in focused partnerships (with Peru, Indonesia, UNDP and UNOSSC) on policy and projects;\n"
                + "- real people-to-people cooperation, such as a youth exchange programme;\n"
                + "- a focused partnership with the Peruvian and Indonesian governments as pilots for institutionalising CSO participation in a policy framework;\n"
                + "- research and mapping of models of effective partnership and engagement, with a repository of how CSOs engage governments;\n"
                + "- engagement at the Financing for Development Forum and the Development Cooperation Forum;\n"
                + "- more awareness raising on people-centred SSC, and follow-up work at country level.",
            Participants: [(EventTally.All, EventTally.All, 30)]),

        new("bapa-peace", "unossc", ["bricspc"], EventKind.Panel,
            "BAPA+40 side event: South-South cooperation on peace and development",
            "A panel discussion on how South-South cooperation contributes to sustaining peace and inclusive development, convened by the BRICS "
            + "Policy Center with the United Nations Office for South-South Cooperation.",
            "en", [("es", "Evento paralelo de PABA+40: cooperación Sur-Sur para la paz y el desarrollo",
                "Un panel sobre cómo la cooperación Sur-Sur contribuye a sostener la paz y a un desarrollo inclusivo.")],
            new DateOnly(2019, 3, 19), 0, 8.75, 10.5, "America/Argentina/Buenos_Aires",
            EventFormat.InPerson, "Salón Auditorio del Archivo General de la Nación", "Leandro N. Alem 246", "Buenos Aires", "AR", 120, null,
            ["en", "es"], [], [ThematicArea.ConflictPrevention, ThematicArea.PeaceNegotiationAndCrisisManagement], [16, 17],
            ["national-sovereignty", "non-interference", "solidarity"], "bapa40",
            ["Southern Solidarity for Sustainable Peace and Development in Small States"],
            [new(8.75, 10.5, "South-South cooperation on peace and development", "Panel discussion",
                [new("Convener", "BRICS Policy Center"), new("Panellist", "United Nations Office for South-South Cooperation")])], []),

        new("mercociudades-seminar", "mercociudades", ["estebanecheverria"], EventKind.Seminar,
            "Seminario Cooperación Internacional: la cooperación Sur-Sur y sus aliados",
            "En el marco de la Cumbre de Mercociudades, el seminario «Las distintas miradas de la cooperación Sur-Sur» reúne a representantes de "
            + "gobiernos locales y de organismos regionales e internacionales. Las instituciones del sistema de cooperación internacional presentan "
            + "su mirada y sus estrategias de trabajo con los gobiernos locales; las ciudades presentan sus ideas de proyectos, necesidades y saberes, "
            + "y proyectos seleccionados en el Programa de Cooperación Sur-Sur de Mercociudades cuentan su experiencia.",
            "es", [("en", "International cooperation seminar: South-South cooperation and its allies",
                    "At the Mercociudades summit, the seminar \"The different views of South-South cooperation\" brings together local governments and regional and international organisations: institutions present how they work with local governments, cities present their project ideas, needs and knowledge, and projects selected by the Mercociudades South-South Cooperation Programme share their experience."),
                   ("pt", "Seminário Cooperação Internacional: a cooperação Sul-Sul e seus aliados",
                    "No marco da Cúpula de Mercocidades, o seminário reúne governos locais e organismos regionais e internacionais para debater a cooperação Sul-Sul.")],
            null, 21, 17.25, 18.75, "America/Argentina/Buenos_Aires",
            EventFormat.Hybrid, "Sede de la Cumbre de Mercociudades", null, "Esteban Echeverría", "AR", 80, "https://meet.example.org/mercociudades-seminario",
            ["es", "pt"], ["es", "pt"], [ThematicArea.Governance], [11, 17], ["horizontality", "mutual-benefit", "multi-stakeholder"], null,
            [],
            [
                new(17.25, 17.5, "Presentación del Programa de Cooperación Sur-Sur de Mercociudades", "Video y presentación", [new("Secretaría Técnica", "Red de Mercociudades")]),
                new(17.5, 18, "Experiencias de ciudades con apoyo del Programa", "Al menos dos proyectos en ejecución", [new("Representante", "Intendencia de Montevideo"), new("Representante", "Municipalidad de Rosario")]),
                new(18, 18.75, "Las instituciones de la cooperación internacional y los gobiernos locales", "Líneas, programas y espacios de participación para los gobiernos locales",
                    [new("Representante", "Programa Iberoamericano para el Fortalecimiento de la Cooperación Sur-Sur (PIFCSS)"), new("Representante", "United Nations Office for South-South Cooperation")]),
            ],
            [("¿Qué gobierno local o institución representa?", true), ("¿Quiere presentar una idea de proyecto? Descríbala brevemente.", false)]),
    ];
}
