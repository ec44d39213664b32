using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

/// <summary>Demonstration data drawn from the seed documents: real organisations, invented but plausible initiatives.</summary>
public static partial class DemoData
{
    /// <param name="IatiIdentifier">A registered IATI organisation identifier, where the organisation (or the body it belongs to) has a public one.</param>
    public sealed record ActorSeed(string Key, string Name, string? Acronym, ActorType Type, string? CountryCode, string? Scope, string? Website, string Description, bool Verified,
        string? IatiIdentifier = null);

    public sealed record CountrySeed(string Code, CountryRole Role);
    public sealed record ActorRoleSeed(string ActorKey, ActorRole Role);

    public sealed record InitiativeSeed(
        string Title, string Summary, string Language, Modality Modality, Instrument Instrument, ActivityStatus Status,
        string OwnerKey, CountrySeed[] Countries, ActorRoleSeed[] Actors,
        int[] Sdgs, string[] Sectors,
        DateOnly? Approval, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd,
        PublicationState Publication = PublicationState.Published, string? Description = null, string? UnpublishedReason = null,
        ThematicArea[]? ThematicAreas = null, SettingSensitivity Sensitivity = SettingSensitivity.NotStated, LocationSeed[]? Locations = null);

    /// <summary>A location as precise as its owner records it (the public may see less: <see cref="SafeLocations"/>).</summary>
    public sealed record LocationSeed(string CountryCode, LocationPrecision Precision, string? Region = null, string? Place = null, double? Latitude = null, double? Longitude = null);

    public static readonly ActorSeed[] Actors =
    [
        // National cooperation agencies and ministries
        new("apci", "Agencia Peruana de Cooperación Internacional", "APCI", ActorType.Government, "PE", null,
            "https://www.gob.pe/apci",
            "Peru's national agency for international cooperation. It coordinates the technical cooperation Peru offers and receives, including South-South and triangular cooperation.",
            true),
        new("apccol", "Agencia Presidencial de Cooperación Internacional de Colombia", "APC-Colombia", ActorType.Government, "CO", null,
            "https://www.apccolombia.gov.co",
            "Colombia's presidential agency for international cooperation. It shares Colombian experience, including on peace-building, with other countries of the South.",
            true),
        new("amexcid", "Agencia Mexicana de Cooperación Internacional para el Desarrollo", "AMEXCID", ActorType.Government, "MX", null,
            "https://www.gob.mx/amexcid",
            "Mexico's agency for international development cooperation, attached to the Ministry of Foreign Affairs. Central America and the Caribbean are its main partners.",
            true),
        new("abc", "Agência Brasileira de Cooperação", "ABC", ActorType.Government, "BR", null,
            "https://www.gov.br/abc",
            "Brazil's cooperation agency within the Ministry of Foreign Affairs. It coordinates Brazilian technical cooperation with Latin America, Africa and Asia.",
            true),
        new("magpy", "Ministerio de Agricultura y Ganadería del Paraguay", "MAG", ActorType.Government, "PY", null,
            "https://www.mag.gov.py",
            "Paraguay's ministry of agriculture and livestock. It runs the public extension services for family farmers.",
            true),
        new("segeplan", "Secretaría de Planificación y Programación de la Presidencia de Guatemala", "SEGEPLAN", ActorType.Government, "GT", null,
            "https://www.segeplan.gob.gt",
            "Guatemala's planning secretariat, which also coordinates the international cooperation the country receives and offers.",
            true),
        new("giz", "Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", ActorType.OtherPublicSector, "DE", null,
            "https://www.giz.de",
            "Germany's federal enterprise for international cooperation. It supports triangular cooperation with Latin American partners on behalf of the German government.",
            true),

        // Intergovernmental organisations
        new("unossc", "United Nations Office for South-South Cooperation", "UNOSSC", ActorType.Intergovernmental, null, "Global",
            "https://unsouthsouth.org",
            "The UN office that promotes and coordinates South-South and triangular cooperation across the United Nations system. Its peace and development programme works on conflict prevention, peace negotiation and conflict transformation.",
            true),
        new("undpseoul", "UNDP Seoul Policy Center", null, ActorType.Intergovernmental, "KR", null,
            "https://www.undp.org/policy-centre/seoul",
            "A UNDP global policy centre in Seoul that supports knowledge exchange through SDG partnerships, including South-South and triangular cooperation.",
            true, IatiIdentifier: "XM-DAC-41114"),
        new("segib", "Secretaría General Iberoamericana", "SEGIB", ActorType.Intergovernmental, "ES", "Ibero-America",
            "https://www.segib.org",
            "The permanent secretariat of the Ibero-American Conference. It publishes the annual report on South-South cooperation in Ibero-America.",
            true),
        new("pifcss", "Programa Iberoamericano para el Fortalecimiento de la Cooperación Sur-Sur", "PIFCSS", ActorType.Intergovernmental, null, "Ibero-America",
            "https://cooperacionsursur.org",
            "An Ibero-American programme that strengthens the institutions managing South-South cooperation in its member countries.",
            true),
        new("g7plus", "g7+", null, ActorType.Intergovernmental, null, "Global (conflict-affected countries)",
            "https://www.g7plus.org",
            "An intergovernmental organisation of countries affected by conflict and fragility. It promotes fragile-to-fragile cooperation among its members.",
            true),
        new("comsec", "Commonwealth Secretariat", "COMSEC", ActorType.Intergovernmental, "GB", "Commonwealth",
            "https://thecommonwealth.org",
            "The intergovernmental secretariat of the Commonwealth of Nations. With UNOSSC it co-manages an initiative on peace and development in small states.",
            true),

        // Local governments and their network
        new("mercociudades", "Red de Mercociudades", "Mercociudades", ActorType.LocalGovernment, null, "South America",
            "https://mercociudades.org",
            "A network of more than 300 local governments in South America. Its South-South Cooperation Programme funds exchanges between member cities.",
            true),
        new("montevideo", "Intendencia de Montevideo", null, ActorType.LocalGovernment, "UY", null,
            "https://montevideo.gub.uy",
            "The departmental government of Montevideo, a founding member of Mercociudades.",
            true),
        new("rosario", "Municipalidad de Rosario", null, ActorType.LocalGovernment, "AR", null,
            "https://www.rosario.gob.ar",
            "The city government of Rosario, Argentina, known for its urban agriculture and participatory budgeting programmes.",
            true),
        new("belohorizonte", "Prefeitura de Belo Horizonte", null, ActorType.LocalGovernment, "BR", null,
            "https://prefeitura.pbh.gov.br",
            "The city government of Belo Horizonte, Brazil, whose municipal food security policy is widely shared with other cities.",
            true),
        new("quito", "Municipio del Distrito Metropolitano de Quito", null, ActorType.LocalGovernment, "EC", null,
            "https://www.quito.gob.ec",
            "The metropolitan government of Quito, Ecuador, a member city of Mercociudades.",
            true),
        new("estebanecheverria", "Municipalidad de Esteban Echeverría", null, ActorType.LocalGovernment, "AR", null,
            "https://www.estebanecheverria.gob.ar",
            "The municipal government of Esteban Echeverría, in the Buenos Aires metropolitan area, a member city of Mercociudades and host of its 26th summit.",
            true),

        // Civil society
        new("ibon", "IBON International", null, ActorType.InternationalCso, "PH", "Global",
            "https://iboninternational.org",
            "An international CSO based in the Philippines that works on people-centred development. It is one of the founders of the Southern CSO Alliance on South-South Cooperation.",
            true),
        new("cpde", "CSO Partnership for Development Effectiveness", "CPDE", ActorType.InternationalCso, null, "Global",
            "https://csopartnership.org",
            "A global platform of civil society organisations working on development effectiveness. It runs regional observatories on South-South cooperation.",
            true),
        new("realityofaid", "The Reality of Aid Network", "RoA", ActorType.InternationalCso, "PH", "Global",
            "https://realityofaid.org",
            "A global network of CSOs that monitors aid and development cooperation, including South-South cooperation, from a people-centred perspective.",
            true),
        new("roaafrica", "Reality of Aid Africa", "RoA-Africa", ActorType.RegionalCso, "KE", "Africa",
            null,
            "The African section of the Reality of Aid Network, based in Nairobi. It developed a human-rights-based framework for monitoring South-South development cooperation.",
            true),
        new("piango", "Pacific Islands Association of Non-Governmental Organisations", "PIANGO", ActorType.RegionalCso, "FJ", "Pacific",
            null,
            "A regional network of national NGO umbrella bodies in the Pacific Islands, based in Suva.",
            true),
        new("ituc", "International Trade Union Confederation", "ITUC", ActorType.InternationalCso, "BE", "Global",
            "https://www.ituc-csi.org",
            "The global confederation of national trade union centres. It works for decent work and labour rights in development cooperation.",
            true),
        new("cut", "Central Única dos Trabalhadores", "CUT", ActorType.NationalCso, "BR", null,
            "https://www.cut.org.br",
            "Brazil's largest national trade union centre. It takes part in trade union cooperation with unions in Africa and Latin America.",
            true),
        new("asul", "Articulação SUL", "ASUL", ActorType.NationalCso, "BR", null,
            null,
            "A Brazilian civil society organisation that researches and monitors Brazil's South-South cooperation.",
            true),
        new("coprofam", "Confederación de Organizaciones de Productores Familiares del Mercosur Ampliado", "COPROFAM", ActorType.RegionalCso, null, "Mercosur",
            null,
            "A confederation of family farmers' organisations from the countries of the enlarged Mercosur.",
            false),
        new("ipmsdl", "Indigenous Peoples Movement for Self-Determination and Liberation", "IPMSDL", ActorType.InternationalCso, "PH", "Global",
            null,
            "A global movement of indigenous peoples' organisations that defends land rights and free, prior and informed consent.",
            false),
        new("southerncso", "Southern CSO Alliance on South-South Cooperation", null, ActorType.InternationalCso, null, "Global South",
            null,
            "A young and loose coalition of civil society organisations from Asia, the Pacific, Africa and Latin America that seeks people-to-people South-South cooperation, such as youth exchanges, and a say for CSOs in its policy.",
            true),

        // Academia and think tanks
        new("bricspc", "BRICS Policy Center", null, ActorType.Academia, "BR", null,
            "https://bricspolicycenter.org",
            "A research centre in Rio de Janeiro that studies the BRICS countries and South-South cooperation, including on peace and development.",
            true),
        new("aipr", "Auschwitz Institute for Peace and Reconciliation", "AIPR", ActorType.InternationalCso, "US", "Global",
            "https://www.auschwitzinstitute.org",
            "An international NGO that trains public officials in the prevention of genocide and mass atrocities. Its Africa and Latin America programmes facilitate exchanges between officials of both regions.",
            true),
    ];

    public static readonly InitiativeSeed[] Initiatives =
    [
        // ---------------------------------------------------------------- Triangular
        new(
            Title: "Cooperación triangular Perú–Alemania–Paraguay para el fortalecimiento de la agricultura familiar",
            Summary: "El Perú comparte con el Paraguay su experiencia en extensión rural, asociatividad y acceso a mercados de la agricultura familiar, con apoyo técnico y financiero de Alemania.",
            Language: "es", Modality: Modality.Triangular, Instrument: Instrument.Programme, Status: ActivityStatus.Implementation,
            OwnerKey: "apci",
            Countries: [new("PE", CountryRole.FirstProvider), new("DE", CountryRole.SecondProvider), new("PY", CountryRole.Recipient)],
            Actors: [new("apci", ActorRole.Lead), new("giz", ActorRole.Funding), new("giz", ActorRole.Implementing), new("magpy", ActorRole.Implementing), new("coprofam", ActorRole.Participating)],
            Sdgs: [2, 1, 5], Sectors: ["31120", "31166", "31194"],
            Approval: new DateOnly(2023, 9, 14), PlannedStart: new DateOnly(2024, 2, 1), PlannedEnd: new DateOnly(2027, 6, 30),
            ActualStart: new DateOnly(2024, 3, 11), ActualEnd: null,
            Description: "Técnicos del Ministerio de Agricultura y Ganadería del Paraguay realizan pasantías en regiones andinas y amazónicas del Perú y reciben a especialistas peruanos en departamentos de la región oriental. El programa trabaja con organizaciones de productores familiares en la comercialización asociativa y en las compras públicas de alimentos. La GIZ aporta asesoría metodológica y cofinancia los intercambios."),

        new(
            Title: "Mexico–Germany–Guatemala triangular project on integrated municipal solid waste management",
            Summary: "Mexican municipal waste experts and German technical advisers helped three Guatemalan municipalities design integrated solid waste plans and close open dumps.",
            Language: "en", Modality: Modality.Triangular, Instrument: Instrument.Project, Status: ActivityStatus.Closed,
            OwnerKey: "amexcid",
            Countries: [new("MX", CountryRole.FirstProvider), new("DE", CountryRole.SecondProvider), new("GT", CountryRole.Recipient)],
            Actors: [new("amexcid", ActorRole.Lead), new("giz", ActorRole.Funding), new("segeplan", ActorRole.Facilitating)],
            Sdgs: [11, 12, 6], Sectors: ["14050", "43030"],
            Approval: new DateOnly(2015, 11, 20), PlannedStart: new DateOnly(2016, 3, 1), PlannedEnd: new DateOnly(2018, 12, 31),
            ActualStart: new DateOnly(2016, 4, 18), ActualEnd: new DateOnly(2019, 3, 29),
            Description: "The project combined Mexico's experience with inter-municipal waste management bodies and German expertise in landfill engineering. Each municipality adopted a waste plan, and two of them opened sanitary cells to replace open dumps. A final joint evaluation was carried out with SEGEPLAN."),

        new(
            Title: "Brazil–Germany–Peru triangular cooperation on protected-area management in the Amazon",
            Summary: "Planned exchange on participatory management plans for Amazonian protected areas. It was cancelled before implementation when the partners reprioritised their budgets during the COVID-19 pandemic.",
            Language: "en", Modality: Modality.Triangular, Instrument: Instrument.Project, Status: ActivityStatus.Cancelled,
            OwnerKey: "abc",
            Countries: [new("BR", CountryRole.FirstProvider), new("DE", CountryRole.SecondProvider), new("PE", CountryRole.Recipient)],
            Actors: [new("abc", ActorRole.Lead), new("giz", ActorRole.Funding), new("apci", ActorRole.Facilitating)],
            Sdgs: [15, 13], Sectors: ["41030", "41020"],
            Approval: new DateOnly(2019, 8, 5), PlannedStart: new DateOnly(2020, 3, 1), PlannedEnd: new DateOnly(2022, 12, 31),
            ActualStart: null, ActualEnd: null),

        new(
            Title: "Cooperación triangular Perú–Alemania–Bolivia en gestión del riesgo de desastres en municipios andinos",
            Summary: "Especialistas peruanos en gestión del riesgo acompañan a municipios bolivianos del altiplano en sus planes de prevención ante heladas, sequías e inundaciones, con asesoría técnica de Alemania.",
            Language: "es", Modality: Modality.Triangular, Instrument: Instrument.Project, Status: ActivityStatus.Finalisation,
            OwnerKey: "apci",
            Countries: [new("PE", CountryRole.FirstProvider), new("DE", CountryRole.SecondProvider), new("BO", CountryRole.Recipient)],
            Actors: [new("apci", ActorRole.Lead), new("giz", ActorRole.Funding), new("giz", ActorRole.Implementing)],
            Sdgs: [11, 13, 1], Sectors: ["43060", "74020"],
            Approval: new DateOnly(2022, 10, 5), PlannedStart: new DateOnly(2023, 1, 16), PlannedEnd: new DateOnly(2025, 6, 30),
            ActualStart: new DateOnly(2023, 2, 6), ActualEnd: null,
            Description: "Los municipios participantes elaboraron mapas comunitarios de riesgo y sistemas de alerta temprana con organizaciones campesinas. El proyecto está en cierre: falta el informe final, y con él la fecha real de finalización."),

        new(
            Title: "Colombia–Korea–El Salvador exchange on open and transparent public procurement",
            Summary: "Colombia shares its electronic public procurement and open contracting practice with El Salvador, with support from the Republic of Korea through the UNDP Seoul Policy Center.",
            Language: "en", Modality: Modality.Triangular, Instrument: Instrument.Project, Status: ActivityStatus.Finalisation,
            OwnerKey: "apccol",
            Countries: [new("CO", CountryRole.FirstProvider), new("KR", CountryRole.SecondProvider), new("SV", CountryRole.Recipient)],
            Actors: [new("apccol", ActorRole.Lead), new("undpseoul", ActorRole.Facilitating), new("undpseoul", ActorRole.Funding)],
            Sdgs: [16, 17], Sectors: ["15125", "15113"],
            Approval: new DateOnly(2022, 5, 10), PlannedStart: new DateOnly(2022, 9, 1), PlannedEnd: new DateOnly(2026, 12, 15),
            ActualStart: new DateOnly(2022, 10, 3), ActualEnd: null,
            Description: "Salvadoran procurement officials took part in study visits to Bogotá and in online courses on open contracting data standards. Korean experts contributed lessons from Korea's e-procurement system. The final phase documents the results and hands the training materials over to the Salvadoran institutions."),

        new(
            Title: "Indonesia–Korea–Timor-Leste knowledge exchange on community-driven village development",
            Summary: "Proposed exchange in which Indonesian village development practitioners work with Timorese local authorities, with Korean support channelled through the UNDP Seoul Policy Center.",
            Language: "en", Modality: Modality.Triangular, Instrument: Instrument.Project, Status: ActivityStatus.Pipeline,
            OwnerKey: "undpseoul",
            Countries: [new("ID", CountryRole.FirstProvider), new("KR", CountryRole.SecondProvider), new("TL", CountryRole.Recipient)],
            Actors: [new("undpseoul", ActorRole.Lead), new("g7plus", ActorRole.Participating)],
            Sdgs: [1, 16, 17], Sectors: ["43042", "15112"],
            Approval: null, PlannedStart: new DateOnly(2027, 3, 1), PlannedEnd: new DateOnly(2029, 2, 28),
            ActualStart: null, ActualEnd: null,
            Publication: PublicationState.Draft),

        new(
            Title: "Brazil–Germany–Mozambique vocational training in agro-processing",
            Summary: "Brazilian vocational training institutions and German advisers trained Mozambican instructors in fruit and cassava processing for small agro-industries.",
            Language: "en", Modality: Modality.Triangular, Instrument: Instrument.Project, Status: ActivityStatus.Closed,
            OwnerKey: "abc",
            Countries: [new("BR", CountryRole.FirstProvider), new("DE", CountryRole.SecondProvider), new("MZ", CountryRole.Recipient)],
            Actors: [new("abc", ActorRole.Lead), new("giz", ActorRole.Funding)],
            Sdgs: [8, 4, 2], Sectors: ["11330", "32161"],
            Approval: new DateOnly(2016, 6, 1), PlannedStart: new DateOnly(2016, 9, 1), PlannedEnd: new DateOnly(2019, 8, 31),
            ActualStart: new DateOnly(2016, 10, 10), ActualEnd: new DateOnly(2019, 12, 20),
            Publication: PublicationState.Unpublished, UnpublishedReason: "Duplicate of another record; merged."),

        // ---------------------------------------------------------------- Bilateral
        new(
            Title: "Colombia–Guatemala: transferencia de experiencias en desarrollo alternativo y sustitución de cultivos de uso ilícito",
            Summary: "Colombia compartió con Guatemala su experiencia en programas de desarrollo alternativo que ofrecen a comunidades rurales opciones productivas lícitas y sostenibles.",
            Language: "es", Modality: Modality.Bilateral, Instrument: Instrument.Project, Status: ActivityStatus.Closed,
            OwnerKey: "apccol",
            Countries: [new("CO", CountryRole.Provider), new("GT", CountryRole.Recipient)],
            Actors: [new("apccol", ActorRole.Lead), new("segeplan", ActorRole.Facilitating)],
            Sdgs: [1, 16, 15], Sectors: ["31165", "43050"],
            Approval: new DateOnly(2016, 2, 22), PlannedStart: new DateOnly(2016, 5, 1), PlannedEnd: new DateOnly(2018, 4, 30),
            ActualStart: new DateOnly(2016, 6, 6), ActualEnd: new DateOnly(2018, 7, 31),
            Description: "Funcionarios guatemaltecos visitaron proyectos colombianos de cacao, café y apicultura impulsados por familias que abandonaron los cultivos de uso ilícito. Expertos colombianos acompañaron después el diseño de dos proyectos piloto en el norte de Guatemala. La evaluación final destacó la participación de las organizaciones comunitarias en la selección de las cadenas productivas."),

        new(
            Title: "Sistema comunitario de alerta temprana ante huracanes e inundaciones en Honduras",
            Summary: "México apoya a Honduras en la instalación de redes comunitarias de monitoreo hidrometeorológico y en la capacitación de comités locales de emergencia.",
            Language: "es", Modality: Modality.Bilateral, Instrument: Instrument.Project, Status: ActivityStatus.Implementation,
            OwnerKey: "amexcid",
            Countries: [new("MX", CountryRole.Provider), new("HN", CountryRole.Recipient)],
            Actors: [new("amexcid", ActorRole.Lead)],
            Sdgs: [13, 11], Sectors: ["43060", "74020"],
            Approval: new DateOnly(2023, 4, 17), PlannedStart: new DateOnly(2023, 8, 1), PlannedEnd: new DateOnly(2027, 7, 31),
            ActualStart: new DateOnly(2023, 9, 4), ActualEnd: null),

        new(
            Title: "Apoio à implantação de bancos de leite humano em Moçambique",
            Summary: "O Brasil transfere a Moçambique a sua tecnologia de bancos de leite humano, com formação de profissionais de saúde e apoio à primeira unidade de referência.",
            Language: "pt", Modality: Modality.Bilateral, Instrument: Instrument.Project, Status: ActivityStatus.Finalisation,
            OwnerKey: "abc",
            Countries: [new("BR", CountryRole.Provider), new("MZ", CountryRole.Recipient)],
            Actors: [new("abc", ActorRole.Lead)],
            Sdgs: [3, 2], Sectors: ["12220", "12240"],
            Approval: new DateOnly(2021, 3, 15), PlannedStart: new DateOnly(2021, 7, 1), PlannedEnd: new DateOnly(2026, 12, 31),
            ActualStart: new DateOnly(2021, 9, 20), ActualEnd: null,
            Description: "Equipas moçambicanas de pediatria e nutrição receberam formação em recolha, processamento e controlo de qualidade do leite humano. O projeto equipou um banco de leite num hospital de referência em Maputo e apoia a elaboração de normas nacionais. Na fase final, prepara-se a expansão para outras províncias com recursos nacionais."),

        new(
            Title: "Intercambio Perú–Bolivia en manejo sostenible de camélidos sudamericanos y fibra de alpaca",
            Summary: "Especialistas peruanos capacitaron a productores y técnicos bolivianos en sanidad, mejoramiento genético y clasificación de fibra de alpaca.",
            Language: "es", Modality: Modality.Bilateral, Instrument: Instrument.Project, Status: ActivityStatus.Closed,
            OwnerKey: "apci",
            Countries: [new("PE", CountryRole.Provider), new("BO", CountryRole.Recipient)],
            Actors: [new("apci", ActorRole.Lead)],
            Sdgs: [2, 1, 8], Sectors: ["31163", "31195"],
            Approval: new DateOnly(2017, 5, 3), PlannedStart: new DateOnly(2017, 8, 1), PlannedEnd: new DateOnly(2018, 12, 31),
            ActualStart: new DateOnly(2017, 9, 11), ActualEnd: new DateOnly(2019, 2, 28)),

        new(
            Title: "Peru–Indonesia peer exchange on institutionalising civil society participation in South-South cooperation",
            Summary: "A proposed exchange between the Peruvian and Indonesian cooperation authorities on policy frameworks for involving civil society in South-South and triangular cooperation.",
            Language: "en", Modality: Modality.Bilateral, Instrument: Instrument.Action, Status: ActivityStatus.Pipeline,
            OwnerKey: "apci",
            Countries: [new("PE", CountryRole.Both), new("ID", CountryRole.Both)],
            Actors: [new("apci", ActorRole.Lead), new("ibon", ActorRole.Participating), new("cpde", ActorRole.Participating)],
            Sdgs: [17, 16], Sectors: ["15150", "15123"],
            Approval: null, PlannedStart: new DateOnly(2027, 2, 1), PlannedEnd: new DateOnly(2027, 12, 31),
            ActualStart: null, ActualEnd: null,
            Publication: PublicationState.Draft,
            Description: "Civil society proposed Peru and Indonesia as pilots for institutionalising CSO participation in South-South cooperation. The exchange would compare coordination mechanisms between public bodies and CSOs, especially at regional and local level. CSO networks would take part in both study visits."),

        new(
            Title: "Apprenticeship-based youth employment scheme in El Salvador",
            Summary: "Mexico supports El Salvador in placing young people who are neither studying nor working in paid workplace apprenticeships. Suspended pending a review of the joint financing arrangement.",
            Language: "en", Modality: Modality.Bilateral, Instrument: Instrument.Programme, Status: ActivityStatus.Suspended,
            OwnerKey: "amexcid",
            Countries: [new("MX", CountryRole.Provider), new("SV", CountryRole.Recipient)],
            Actors: [new("amexcid", ActorRole.Lead)],
            Sdgs: [8, 4, 10], Sectors: ["16020", "11330"],
            Approval: new DateOnly(2019, 10, 2), PlannedStart: new DateOnly(2020, 1, 15), PlannedEnd: new DateOnly(2022, 12, 31),
            ActualStart: new DateOnly(2020, 2, 3), ActualEnd: null),

        new(
            Title: "Colombia–Honduras specialty coffee quality and cooperative marketing",
            Summary: "Exchange on coffee quality control and cooperative marketing for Honduran smallholders. It was cancelled after the first technical mission when both governments reprioritised their joint programme.",
            Language: "en", Modality: Modality.Bilateral, Instrument: Instrument.Project, Status: ActivityStatus.Cancelled,
            OwnerKey: "apccol",
            Countries: [new("CO", CountryRole.Provider), new("HN", CountryRole.Recipient)],
            Actors: [new("apccol", ActorRole.Lead)],
            Sdgs: [8, 2], Sectors: ["31162", "31194"],
            Approval: new DateOnly(2018, 3, 12), PlannedStart: new DateOnly(2018, 6, 1), PlannedEnd: new DateOnly(2020, 5, 31),
            ActualStart: new DateOnly(2018, 7, 16), ActualEnd: null),

        // ---------------------------------------------------------------- Regional
        new(
            Title: "Southern Solidarity for Sustainable Peace and Development in Small States",
            Summary: "A joint Commonwealth Secretariat and UNOSSC initiative under the conflict prevention pillar, helping small states share their own responses to climate-related crises, crime and gun violence.",
            Language: "en", Modality: Modality.Regional, Instrument: Instrument.Programme, Status: ActivityStatus.Closed,
            OwnerKey: "comsec",
            Countries: [new("JM", CountryRole.Both), new("TT", CountryRole.Both), new("BZ", CountryRole.Both), new("GY", CountryRole.Both), new("FJ", CountryRole.Both), new("SB", CountryRole.Both), new("SC", CountryRole.Both)],
            Actors: [new("comsec", ActorRole.Lead), new("unossc", ActorRole.Lead)],
            Sdgs: [16, 13, 17], Sectors: ["15220", "43060"],
            Approval: new DateOnly(2019, 1, 24), PlannedStart: new DateOnly(2019, 3, 1), PlannedEnd: new DateOnly(2021, 12, 31),
            ActualStart: new DateOnly(2019, 4, 1), ActualEnd: new DateOnly(2022, 6, 30),
            Description: "Representatives of Commonwealth small states identified vulnerabilities derived from climate change, high crime rates, gun violence and the illicit drug trade as key peace and development challenges. The initiative mapped effective local prevention policies and organised peer exchanges among Caribbean, Pacific and Indian Ocean states. It was co-designed and managed by the Commonwealth Secretariat and UNOSSC."),

        new(
            Title: "Fragile-to-Fragile cooperation on peace negotiation and crisis management",
            Summary: "Under the UNOSSC pillar on peace negotiation and crisis management, g7+ member countries share their experience of mediation, dialogue and crisis response with each other.",
            Language: "en", Modality: Modality.Regional, Instrument: Instrument.Programme, Status: ActivityStatus.Implementation,
            OwnerKey: "g7plus",
            Countries: [new("TL", CountryRole.Provider), new("SL", CountryRole.Provider), new("LR", CountryRole.Both), new("GW", CountryRole.Recipient), new("SB", CountryRole.Recipient), new("CF", CountryRole.Recipient)],
            Actors: [new("g7plus", ActorRole.Lead), new("unossc", ActorRole.Facilitating), new("unossc", ActorRole.Funding)],
            Sdgs: [16, 5, 17], Sectors: ["15220", "15170"],
            Approval: new DateOnly(2018, 8, 24), PlannedStart: new DateOnly(2019, 1, 1), PlannedEnd: new DateOnly(2027, 12, 31),
            ActualStart: new DateOnly(2019, 2, 11), ActualEnd: null,
            Description: "Timor-Leste and Sierra Leone, which have moved out of conflict, host delegations from other g7+ members to share how they negotiated peace agreements and managed electoral crises. The programme gives particular attention to the role of women, youth and customary mediators. UNOSSC facilitates the exchanges and manages a small fund for follow-up missions."),

        new(
            Title: "Colombia comparte su experiencia en construcción de paz y reincorporación con países de Centroamérica",
            Summary: "En el marco del pilar de transformación de conflictos de UNOSSC, Colombia comparte con Guatemala, Honduras y El Salvador sus políticas de reincorporación, justicia transicional y desarrollo territorial.",
            Language: "es", Modality: Modality.Regional, Instrument: Instrument.Programme, Status: ActivityStatus.Finalisation,
            OwnerKey: "apccol",
            Countries: [new("CO", CountryRole.Provider), new("GT", CountryRole.Recipient), new("HN", CountryRole.Recipient), new("SV", CountryRole.Recipient)],
            Actors: [new("apccol", ActorRole.Lead), new("unossc", ActorRole.Facilitating)],
            Sdgs: [16, 10, 8], Sectors: ["15220", "15240"],
            Approval: new DateOnly(2018, 9, 20), PlannedStart: new DateOnly(2019, 2, 1), PlannedEnd: new DateOnly(2026, 12, 31),
            ActualStart: new DateOnly(2019, 3, 18), ActualEnd: null,
            Description: "La alianza entre APC-Colombia y UNOSSC busca compartir conocimiento sobre políticas y programas de paz con otros países del Sur Global. Delegaciones centroamericanas conocieron programas de reincorporación de excombatientes y de prevención de la violencia juvenil. La fase final sistematiza las lecciones aprendidas en una caja de herramientas en español.",
            // Under a peace-and-development pillar: the public sees "Colombia: Meta", its owner the point where the visits took place.
            ThematicAreas: [ThematicArea.ConflictTransformation, ThematicArea.Governance],
            Locations: [new("CO", LocationPrecision.Point, "Meta", "Mesetas", 3.3822, -74.0447), new("GT", LocationPrecision.Region, "Huehuetenango")]),

        new(
            Title: "Pacific civil society knowledge exchange on community-led climate resilience",
            Summary: "National NGO platforms from five Pacific Island countries exchange practices on community-led adaptation, early warning and relocation planning.",
            Language: "en", Modality: Modality.Regional, Instrument: Instrument.Project, Status: ActivityStatus.Implementation,
            OwnerKey: "piango",
            Countries: [new("FJ", CountryRole.Both), new("VU", CountryRole.Both), new("SB", CountryRole.Both), new("TO", CountryRole.Both), new("WS", CountryRole.Both)],
            Actors: [new("piango", ActorRole.Lead), new("unossc", ActorRole.Funding)],
            Sdgs: [13, 14, 5], Sectors: ["43060", "41010"],
            Approval: new DateOnly(2022, 11, 8), PlannedStart: new DateOnly(2023, 2, 1), PlannedEnd: new DateOnly(2027, 1, 31),
            ActualStart: new DateOnly(2023, 3, 6), ActualEnd: null),

        new(
            Title: "Andean exchange on high-mountain water management and glacier retreat",
            Summary: "A planned regional exchange among Andean countries on monitoring glacier retreat and managing water for high-mountain communities.",
            Language: "en", Modality: Modality.Regional, Instrument: Instrument.Project, Status: ActivityStatus.Pipeline,
            OwnerKey: "apci",
            Countries: [new("PE", CountryRole.Both), new("BO", CountryRole.Both), new("EC", CountryRole.Both), new("CO", CountryRole.Both)],
            Actors: [new("apci", ActorRole.Lead)],
            Sdgs: [6, 13, 15], Sectors: ["14015", "41010"],
            Approval: new DateOnly(2026, 9, 30), PlannedStart: new DateOnly(2027, 4, 1), PlannedEnd: new DateOnly(2029, 3, 31),
            ActualStart: null, ActualEnd: null),

        new(
            Title: "Sistema integrado de datos de la cooperación Sur-Sur y triangular en Iberoamérica",
            Summary: "Los países iberoamericanos registran en un sistema común sus iniciativas de cooperación Sur-Sur y triangular, base del informe anual de la SEGIB.",
            Language: "es", Modality: Modality.Regional, Instrument: Instrument.Programme, Status: ActivityStatus.Implementation,
            OwnerKey: "segib",
            Countries: [new("AR", CountryRole.Both), new("BR", CountryRole.Both), new("CL", CountryRole.Both), new("CO", CountryRole.Both), new("MX", CountryRole.Both), new("PE", CountryRole.Both), new("UY", CountryRole.Both)],
            Actors: [new("segib", ActorRole.Lead), new("pifcss", ActorRole.Implementing), new("apci", ActorRole.Participating), new("apccol", ActorRole.Participating), new("amexcid", ActorRole.Participating)],
            Sdgs: [17, 16], Sectors: ["15196", "16062"],
            Approval: new DateOnly(2015, 10, 29), PlannedStart: new DateOnly(2016, 1, 1), PlannedEnd: new DateOnly(2027, 12, 31),
            ActualStart: new DateOnly(2016, 2, 15), ActualEnd: null,
            Description: "Las agencias y direcciones de cooperación de cada país cargan sus datos con criterios y clasificaciones acordados entre todos. El PIFCSS capacita a los equipos nacionales en el registro y la calidad de la información. Los datos alimentan el Informe de la Cooperación Sur-Sur y Triangular en Iberoamérica."),

        new(
            Title: "Solar-powered water points for agropastoral communities in the Sahel",
            Summary: "Senegalese engineers support communities in Mali, Niger, Burkina Faso and Chad in installing and maintaining solar-powered boreholes. Field activities were suspended in 2022 when insecurity prevented missions.",
            Language: "en", Modality: Modality.Regional, Instrument: Instrument.Project, Status: ActivityStatus.Suspended,
            OwnerKey: "unossc",
            Countries: [new("SN", CountryRole.Provider), new("ML", CountryRole.Recipient), new("NE", CountryRole.Recipient), new("BF", CountryRole.Recipient), new("TD", CountryRole.Recipient)],
            Actors: [new("unossc", ActorRole.Lead)],
            Sdgs: [6, 7, 2], Sectors: ["14031", "23231"],
            Approval: new DateOnly(2020, 6, 1), PlannedStart: new DateOnly(2020, 10, 1), PlannedEnd: new DateOnly(2023, 9, 30),
            ActualStart: new DateOnly(2020, 11, 16), ActualEnd: null,
            Description: "Twenty-two water points were completed in the first two years, each managed by a local water committee with women in half of the seats. Field missions stopped in 2022 because of the security situation in several of the target areas. The partners are reviewing whether remote technical support can allow the project to resume."),

        new(
            Title: "Africa–Latin America exchange of public officials on the prevention of atrocity crimes",
            Summary: "Public officials from African and Latin American countries shared experience of national mechanisms for the prevention of genocide and mass atrocities, a contribution to the conflict prevention pillar.",
            Language: "en", Modality: Modality.Regional, Instrument: Instrument.Programme, Status: ActivityStatus.Closed,
            OwnerKey: "aipr",
            Countries: [new("AR", CountryRole.Both), new("BR", CountryRole.Both), new("GT", CountryRole.Both), new("KE", CountryRole.Both), new("UG", CountryRole.Both), new("TZ", CountryRole.Both)],
            Actors: [new("aipr", ActorRole.Lead), new("unossc", ActorRole.Participating)],
            Sdgs: [16], Sectors: ["15220", "15160"],
            Approval: new DateOnly(2016, 12, 5), PlannedStart: new DateOnly(2017, 3, 1), PlannedEnd: new DateOnly(2019, 12, 31),
            ActualStart: new DateOnly(2017, 4, 24), ActualEnd: new DateOnly(2019, 11, 29)),

        // ---------------------------------------------------------------- Decentralised (city-to-city)
        new(
            Title: "Montevideo–Rosario: gestión integral de residuos con inclusión social de clasificadores",
            Summary: "Montevideo compartió con Rosario su experiencia en plantas de clasificación gestionadas por cooperativas de clasificadores y en la recolección selectiva de residuos.",
            Language: "es", Modality: Modality.Decentralised, Instrument: Instrument.Project, Status: ActivityStatus.Closed,
            OwnerKey: "montevideo",
            Countries: [new("UY", CountryRole.Provider), new("AR", CountryRole.Recipient)],
            Actors: [new("montevideo", ActorRole.Lead), new("rosario", ActorRole.Implementing), new("mercociudades", ActorRole.Facilitating)],
            Sdgs: [11, 8, 12], Sectors: ["14050", "43030"],
            Approval: new DateOnly(2017, 11, 30), PlannedStart: new DateOnly(2018, 3, 1), PlannedEnd: new DateOnly(2019, 6, 30),
            ActualStart: new DateOnly(2018, 3, 19), ActualEnd: new DateOnly(2019, 8, 30),
            Description: "Equipos técnicos de ambas ciudades y representantes de cooperativas de clasificadores participaron en visitas recíprocas. Rosario adaptó el modelo de convenio entre el gobierno local y las cooperativas. El intercambio se realizó en el marco de la red de Mercociudades."),

        new(
            Title: "Intercâmbio Belo Horizonte–Quito sobre segurança alimentar urbana e restaurantes populares",
            Summary: "Belo Horizonte partilha com Quito a sua política municipal de segurança alimentar, incluindo restaurantes populares, feiras de agricultores e compras públicas locais.",
            Language: "pt", Modality: Modality.Decentralised, Instrument: Instrument.Project, Status: ActivityStatus.Finalisation,
            OwnerKey: "belohorizonte",
            Countries: [new("BR", CountryRole.Provider), new("EC", CountryRole.Recipient)],
            Actors: [new("belohorizonte", ActorRole.Lead), new("quito", ActorRole.Implementing), new("mercociudades", ActorRole.Facilitating)],
            Sdgs: [2, 11, 12], Sectors: ["43072", "43030"],
            Approval: new DateOnly(2022, 6, 20), PlannedStart: new DateOnly(2022, 10, 1), PlannedEnd: new DateOnly(2026, 12, 31),
            ActualStart: new DateOnly(2022, 11, 7), ActualEnd: null,
            Description: "Técnicos de Quito conheceram os restaurantes populares e os programas de abastecimento de Belo Horizonte. Com apoio de especialistas mineiros, Quito desenhou um piloto de restaurante comunitário num bairro do sul da cidade. A fase final avalia o piloto com as organizações de moradores."),

        new(
            Title: "Programa de Cooperación Sur-Sur de Mercociudades: convocatoria de proyectos entre gobiernos locales",
            Summary: "El programa promueve, visibiliza y financia acciones de cooperación e intercambio entre gobiernos locales de la red, con participación de organizaciones del territorio y universidades públicas.",
            Language: "es", Modality: Modality.Decentralised, Instrument: Instrument.Programme, Status: ActivityStatus.Implementation,
            OwnerKey: "mercociudades",
            Countries: [new("AR", CountryRole.Both), new("BR", CountryRole.Both), new("UY", CountryRole.Both), new("EC", CountryRole.Both), new("PY", CountryRole.Both)],
            Actors: [new("mercociudades", ActorRole.Lead), new("montevideo", ActorRole.Participating), new("rosario", ActorRole.Participating), new("belohorizonte", ActorRole.Participating), new("quito", ActorRole.Participating)],
            Sdgs: [17, 11], Sectors: ["15112", "43030"],
            Approval: new DateOnly(2020, 12, 3), PlannedStart: new DateOnly(2021, 3, 1), PlannedEnd: new DateOnly(2027, 12, 31),
            ActualStart: new DateOnly(2021, 4, 12), ActualEnd: null,
            Description: "Cada año el programa abre una convocatoria a la que se presentan proyectos formulados conjuntamente por al menos dos ciudades de la red. Los proyectos seleccionados reciben financiamiento y acompañamiento técnico. El programa busca posicionar a Mercociudades como un actor de la cooperación internacional y sistematizar las experiencias de cooperación entre ciudades."),

        new(
            Title: "Rosario–Quito peer exchange on urban agriculture and short food supply chains",
            Summary: "Urban agriculture teams from Rosario and Quito exchanged methods for community gardens, agro-ecological certification and neighbourhood markets.",
            Language: "en", Modality: Modality.Decentralised, Instrument: Instrument.Action, Status: ActivityStatus.Closed,
            OwnerKey: "rosario",
            Countries: [new("AR", CountryRole.Provider), new("EC", CountryRole.Recipient)],
            Actors: [new("rosario", ActorRole.Lead), new("quito", ActorRole.Implementing)],
            Sdgs: [2, 11], Sectors: ["31161", "43072"],
            Approval: new DateOnly(2015, 4, 14), PlannedStart: new DateOnly(2015, 6, 1), PlannedEnd: new DateOnly(2015, 12, 31),
            ActualStart: new DateOnly(2015, 6, 22), ActualEnd: new DateOnly(2016, 2, 26)),

        new(
            Title: "Quito–Montevideo cooperation on climate-resilient neighbourhoods and urban flood risk",
            Summary: "A planned exchange between the two cities on flood risk mapping, drainage in informal settlements and community preparedness.",
            Language: "en", Modality: Modality.Decentralised, Instrument: Instrument.Project, Status: ActivityStatus.Pipeline,
            OwnerKey: "quito",
            Countries: [new("EC", CountryRole.Both), new("UY", CountryRole.Both)],
            Actors: [new("quito", ActorRole.Lead), new("montevideo", ActorRole.Implementing)],
            Sdgs: [11, 13], Sectors: ["43060", "43030"],
            Approval: new DateOnly(2026, 8, 17), PlannedStart: new DateOnly(2027, 3, 1), PlannedEnd: new DateOnly(2028, 12, 31),
            ActualStart: null, ActualEnd: null),

        new(
            Title: "Montevideo–Belo Horizonte twinning on digital public services for residents",
            Summary: "Planned exchange on online municipal services and open data portals. It was cancelled before it started because of the COVID-19 pandemic.",
            Language: "en", Modality: Modality.Decentralised, Instrument: Instrument.Project, Status: ActivityStatus.Cancelled,
            OwnerKey: "montevideo",
            Countries: [new("UY", CountryRole.Provider), new("BR", CountryRole.Recipient)],
            Actors: [new("montevideo", ActorRole.Lead), new("belohorizonte", ActorRole.Implementing)],
            Sdgs: [16, 11, 9], Sectors: ["15185"],
            Approval: new DateOnly(2019, 11, 11), PlannedStart: new DateOnly(2020, 4, 1), PlannedEnd: new DateOnly(2021, 9, 30),
            ActualStart: null, ActualEnd: null),

        // ---------------------------------------------------------------- People-to-people (CSO-to-CSO)
        new(
            Title: "People-centred monitoring of South-South development cooperation: CSO pilot assessments",
            Summary: "CSOs in Asia, Africa and Latin America tested a human-rights-based framework to assess ownership, accountability and sustainability in South-South cooperation initiatives.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Programme, Status: ActivityStatus.Closed,
            OwnerKey: "ibon",
            Countries: [new("PH", CountryRole.Both), new("KE", CountryRole.Both), new("PE", CountryRole.Both), new("ID", CountryRole.Both)],
            Actors: [new("ibon", ActorRole.Lead), new("roaafrica", ActorRole.Implementing), new("cpde", ActorRole.Implementing), new("realityofaid", ActorRole.Participating), new("undpseoul", ActorRole.Facilitating)],
            Sdgs: [17, 16, 10], Sectors: ["15150", "15127"],
            Approval: new DateOnly(2018, 6, 15), PlannedStart: new DateOnly(2018, 9, 1), PlannedEnd: new DateOnly(2021, 8, 31),
            ActualStart: new DateOnly(2018, 10, 1), ActualEnd: new DateOnly(2021, 12, 17),
            Description: "The programme followed up the BAPA+40 side event on people-centred South-South cooperation. Partner CSOs assessed selected initiatives in four countries with rights-holders, treating governments as duty-bearers. The results fed a policy research report and a revised assessment instrument."),

        new(
            Title: "Africa–Asia CSO peer learning on community peace-building practice",
            Summary: "African and Asian civil society organisations exchange practice in community dialogue, peace education and the protection of human rights defenders in conflict-affected areas.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Project, Status: ActivityStatus.Implementation,
            OwnerKey: "roaafrica",
            Countries: [new("KE", CountryRole.Both), new("UG", CountryRole.Both), new("PH", CountryRole.Both), new("NP", CountryRole.Both)],
            Actors: [new("roaafrica", ActorRole.Lead), new("ibon", ActorRole.Implementing), new("realityofaid", ActorRole.Participating)],
            Sdgs: [16, 5], Sectors: ["15220", "15150"],
            Approval: new DateOnly(2023, 10, 2), PlannedStart: new DateOnly(2024, 1, 15), PlannedEnd: new DateOnly(2027, 6, 30),
            ActualStart: new DateOnly(2024, 2, 19), ActualEnd: null,
            Description: "Community peace-builders from Kenya, Uganda, the Philippines and Nepal take part in reciprocal visits and a shared online learning space. The project documents local practice in a series of case studies written with the communities concerned. Women and young people make up most of the participants."),

        new(
            Title: "Pacific–Asia youth exchange on holding South-South cooperation to account",
            Summary: "A proposed exchange that trains young civil society leaders from the Pacific and South-East Asia to monitor South-South cooperation projects in their communities.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Action, Status: ActivityStatus.Pipeline,
            OwnerKey: "ibon",
            Countries: [new("FJ", CountryRole.Both), new("PH", CountryRole.Both), new("PG", CountryRole.Both)],
            Actors: [new("ibon", ActorRole.Lead), new("piango", ActorRole.Lead)],
            Sdgs: [16, 17, 4], Sectors: ["15150"],
            Approval: null, PlannedStart: new DateOnly(2027, 5, 1), PlannedEnd: new DateOnly(2027, 11, 30),
            ActualStart: null, ActualEnd: null,
            Publication: PublicationState.Draft),

        new(
            Title: "CPDE Latin America and Caribbean observatory on South-South cooperation and civic space",
            Summary: "A regional civil society observatory that collects information on South-South and triangular cooperation in Latin America and on how far CSOs take part in it.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Project, Status: ActivityStatus.Finalisation,
            OwnerKey: "cpde",
            Countries: [new("EC", CountryRole.Both), new("PE", CountryRole.Both), new("AR", CountryRole.Both), new("MX", CountryRole.Both), new("SV", CountryRole.Both)],
            Actors: [new("cpde", ActorRole.Lead)],
            Sdgs: [17, 16], Sectors: ["15150", "15196"],
            Approval: new DateOnly(2021, 5, 11), PlannedStart: new DateOnly(2021, 9, 1), PlannedEnd: new DateOnly(2026, 12, 31),
            ActualStart: new DateOnly(2021, 10, 4), ActualEnd: null),

        new(
            Title: "Trade union South-South exchange on decent work in Lusophone Africa",
            Summary: "Brazilian trade unionists and unions in Mozambique and Angola exchanged experience on collective bargaining, social dialogue and organising informal workers.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Project, Status: ActivityStatus.Closed,
            OwnerKey: "ituc",
            Countries: [new("BR", CountryRole.Provider), new("MZ", CountryRole.Recipient), new("AO", CountryRole.Recipient)],
            Actors: [new("ituc", ActorRole.Lead), new("cut", ActorRole.Implementing)],
            Sdgs: [8, 5, 10], Sectors: ["16070", "16080"],
            Approval: new DateOnly(2016, 8, 30), PlannedStart: new DateOnly(2017, 1, 1), PlannedEnd: new DateOnly(2019, 12, 31),
            ActualStart: new DateOnly(2017, 2, 6), ActualEnd: new DateOnly(2019, 12, 13),
            Description: "The exchange paired union educators from Brazil with national union centres in Mozambique and Angola. Joint training covered social dialogue, occupational safety and the organisation of informal and domestic workers. Portuguese as a shared language made direct peer-to-peer learning possible without intermediaries."),

        new(
            Title: "South-South Peace and Development Thinkers community of practice",
            Summary: "A community of researchers and practitioners from the South that maps and shares Southern knowledge on the peace, development and security nexus.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Action, Status: ActivityStatus.Implementation,
            OwnerKey: "bricspc",
            Countries: [new("BR", CountryRole.Both), new("ZA", CountryRole.Both), new("IN", CountryRole.Both), new("CO", CountryRole.Both)],
            Actors: [new("bricspc", ActorRole.Lead), new("unossc", ActorRole.Funding)],
            Sdgs: [16, 17], Sectors: ["15220", "43082"],
            Approval: new DateOnly(2018, 10, 25), PlannedStart: new DateOnly(2018, 11, 1), PlannedEnd: new DateOnly(2027, 12, 31),
            ActualStart: new DateOnly(2018, 11, 1), ActualEnd: null),

        new(
            Title: "Indigenous peoples' monitoring of free, prior and informed consent in South-South financed infrastructure",
            Summary: "Indigenous peoples' organisations document whether affected communities gave free, prior and informed consent to infrastructure projects financed through South-South cooperation. Suspended while partners review safety protocols for community monitors.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Project, Status: ActivityStatus.Suspended,
            OwnerKey: "ibon",
            Countries: [new("PH", CountryRole.Both), new("NP", CountryRole.Both), new("PE", CountryRole.Both)],
            Actors: [new("ipmsdl", ActorRole.Lead), new("ibon", ActorRole.Implementing)],
            Sdgs: [16, 10, 15], Sectors: ["15160", "15150"],
            Approval: new DateOnly(2021, 2, 1), PlannedStart: new DateOnly(2021, 6, 1), PlannedEnd: new DateOnly(2024, 5, 31),
            ActualStart: new DateOnly(2021, 7, 5), ActualEnd: null,
            Description: "Community monitors trained by the partner organisations gathered testimony and documents on consultation processes at three project sites. Their findings were shared with the agencies involved and with national human rights institutions. Activities were suspended in 2023 to strengthen protection measures for the monitors.",
            // Marked sensitive by its owner: IBON's members see the municipality, the public the region only.
            ThematicAreas: [ThematicArea.Infrastructure], Sensitivity: SettingSensitivity.Sensitive,
            Locations: [new("PH", LocationPrecision.Municipality, "Cordillera Administrative Region", "Tabuk"), new("PE", LocationPrecision.Region, "Loreto")]),

        new(
            Title: "Brazil–Mozambique civil society dialogue on Brazilian agricultural cooperation",
            Summary: "Brazilian and Mozambican CSOs and farmers' unions met to discuss the effects of Brazilian agricultural cooperation on Mozambican peasant communities.",
            Language: "en", Modality: Modality.PeopleToPeople, Instrument: Instrument.Action, Status: ActivityStatus.Closed,
            OwnerKey: "asul",
            Countries: [new("BR", CountryRole.Both), new("MZ", CountryRole.Both)],
            Actors: [new("asul", ActorRole.Lead), new("cut", ActorRole.Participating)],
            Sdgs: [2, 17], Sectors: ["15150", "31110"],
            Approval: new DateOnly(2015, 2, 10), PlannedStart: new DateOnly(2015, 5, 1), PlannedEnd: new DateOnly(2016, 4, 30),
            ActualStart: new DateOnly(2015, 5, 18), ActualEnd: new DateOnly(2016, 6, 24)),
    ];

    /// <summary>
    /// A partnership for the demonstration: an agreement between organisations (by key), owned by one of its signatories,
    /// with a link to its text or announcement and the initiatives carried out under it (by the start of their titles).
    /// No person is named: signatories are organisations.
    /// </summary>
    public sealed record PartnershipSeed(
        string Title, PartnershipType Type, string OwnerKey, string[] SignatoryKeys, string Scope,
        DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn, string DocumentUrl, string[] InitiativeTitles);

    public static readonly PartnershipSeed[] Partnerships =
    [
        new("Acuerdo de cooperación triangular APCI–GIZ con terceros países de América Latina", PartnershipType.FrameworkAgreement, "apci", ["apci", "giz"],
            "Marco bajo el cual el Perú y Alemania ofrecen juntos la experiencia peruana a terceros países de la región: cada proyecto triangular se acuerda con el país receptor, con costos compartidos y un comité de seguimiento conjunto.",
            new DateOnly(2022, 6, 20), new DateOnly(2022, 7, 1), new DateOnly(2027, 12, 31), "https://www.gob.pe/apci",
            ["Cooperación triangular Perú–Alemania–Paraguay", "Cooperación triangular Perú–Alemania–Bolivia", "Brazil–Germany–Peru triangular cooperation"]),
        new("Hermanamiento Montevideo–Rosario en la Red de Mercociudades", PartnershipType.Twinning, "montevideo", ["montevideo", "rosario"],
            "Hermanamiento entre dos ciudades de la red de Mercociudades para intercambiar experiencias de gestión urbana: residuos con inclusión social, espacio público y participación vecinal.",
            new DateOnly(2017, 9, 7), new DateOnly(2017, 10, 1), null, "https://mercociudades.org",
            ["Montevideo–Rosario: gestión integral de residuos"]),
        new("UNOSSC–Commonwealth Secretariat partnership on peace and development in small states", PartnershipType.MemorandumOfUnderstanding, "comsec", ["comsec", "unossc"],
            "The Commonwealth Secretariat and UNOSSC co-design and manage South-South exchanges that help small states share their own responses to the peace and development challenges they face: climate-related crises, crime, gun violence and the illicit drug trade.",
            new DateOnly(2018, 9, 20), new DateOnly(2018, 10, 1), new DateOnly(2022, 12, 31), "https://thecommonwealth.org",
            ["Southern Solidarity for Sustainable Peace and Development in Small States"]),
        new("UNOSSC–g7+ partnership on Fragile-to-Fragile and South-South cooperation for peace and development", PartnershipType.MemorandumOfUnderstanding, "g7plus", ["g7plus", "unossc"],
            "UNOSSC and the g7+ join forces so that countries affected by conflict and fragility lead their own peace processes and learn from each other's experience of dialogue, mediation and crisis response.",
            new DateOnly(2018, 8, 24), new DateOnly(2018, 9, 1), null, "https://www.g7plus.org",
            ["Fragile-to-Fragile cooperation on peace negotiation and crisis management"]),
    ];

    /// <summary>
    /// An assessment for the demonstration: the initiative (by the start of its title), the assessor, and one score per
    /// dimension of the first framework (null: "insufficient information" throughout the dimension); every indicator of a
    /// dimension gets that score, one step lower for its last indicator, so that averages read like real ones.
    /// </summary>
    public sealed record AssessmentSeed(
        string InitiativeTitle, string AssessorKey, AssessorRelationship Relationship, int?[] DimensionScores, AssessmentMethod[] Methods,
        string Findings, string Recommendations, string Evidence, string? Response = null, string? ResponderKey = null, bool Published = true);

    public static readonly AssessmentSeed[] Assessments =
    [
        new("Cooperación triangular Perú–Alemania–Paraguay", "ibon", AssessorRelationship.Independent, [2, 3, 1, 2, 2, 2, 3],
            [AssessmentMethod.DocumentReview, AssessmentMethod.Interviews, AssessmentMethod.FocusGroups],
            "Producer organisations in Caaguazú value the exchanges, but they were consulted only after the work plan was agreed between the two ministries. Budgets and results are reported to the agencies, not to the communities.",
            "Publish the work plan and budget in Spanish and Guaraní; give producer organisations a seat in the annual review; report results back to the communities visited.",
            "Focus group with family farmers' committees, Caaguazú (March 2025)",
            "APCI welcomes the assessment. The 2026 work plan will be published on our portal, and producer organisations will be invited to the annual review in Asunción.", "apci"),
        new("Cooperación triangular Perú–Alemania–Paraguay", "apci", AssessorRelationship.Party, [3, 3, 3, 3, 2, 3, 3],
            [AssessmentMethod.SelfAssessment, AssessmentMethod.DocumentReview],
            "The programme follows Paraguay's national family farming plan, with costs shared among the three partners and joint monitoring meetings every semester.",
            "Strengthen the participation of producer organisations in monitoring; publish the mid-term review.",
            "Minutes of the joint monitoring committee (2024–2025)"),
        new("Mexico–Germany–Guatemala triangular project", "cpde", AssessorRelationship.Independent, [3, 2, 2, 1, null, 2, 3],
            [AssessmentMethod.DocumentReview, AssessmentMethod.Interviews],
            "Municipal waste plans were adopted, but waste pickers were not consulted and lost income when dumps closed. The final evaluation is not public.",
            "Publish the final evaluation; include waste pickers' associations in the design of any follow-up phase.",
            "Interviews with municipal officials and waste pickers' association, Quetzaltenango"),
        new("Brazil–Mozambique civil society dialogue", "cut", AssessorRelationship.Affected, [1, 2, 2, 1, 1, 2, null],
            [AssessmentMethod.Interviews, AssessmentMethod.SiteVisits],
            "Draft: notes from the first field visit.", "", "Field notes, Nampula province", Published: false),
    ];
}
