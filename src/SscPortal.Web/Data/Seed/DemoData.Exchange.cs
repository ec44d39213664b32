using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

/// <summary>The exchange's demonstration offers and needs, and the conversations about them (drawn from the seed documents).</summary>
public static partial class DemoData
{
    public sealed record TranslationSeed(string Language, string Title, string Description);

    /// <summary>
    /// An offer or need for the demonstration, owned by a demonstration organisation (by key). <paramref name="OpenForDays"/> counts
    /// from the seeding day: a negative number is an offer or need whose open-until date has passed since it was published.
    /// <paramref name="InitiativeTitles"/> are the starts of the titles of the published demonstration initiatives it draws on.
    /// </summary>
    public sealed record ListingSeed(
        string Key, string OwnerKey, ListingKind Kind, CooperationForm Form, string Language, string Title, string Description,
        ThematicArea[] Themes, int[] Sdgs, string[] Sectors, string[] Countries, string[] Regions, string[] WorkingLanguages,
        string? InKind, decimal? Amount, string? Currency, int? DurationMonths, int OpenForDays, string Contact,
        TranslationSeed[]? Translations = null, string[]? InitiativeTitles = null, bool Draft = false);

    /// <summary>A message, said for the organisation of the demonstration account that writes it.</summary>
    public sealed record MessageSeed(string Email, string Text);

    /// <summary>
    /// The initiative an agreed conversation started, pre-filled as the portal does from the offer and the need (countries of
    /// both organisations as provider and recipient, their sectors, SDGs and themes); owned by the organisation that closed
    /// the conversation as agreed. What the form would leave for people to write is given here.
    /// </summary>
    public sealed record StartedInitiativeSeed(string Title, string Summary, string Description, string Language, Modality Modality, Instrument Instrument);

    /// <summary>
    /// A conversation about an offer or need (by key), started by the interested organisation's first message; the listing
    /// owner's organisation and the interested one are those of the demonstration accounts that write. <paramref name="ClosedBy"/>
    /// is the account that closes it (for <see cref="ConversationState.Agreed"/> or <see cref="ConversationState.Declined"/>).
    /// </summary>
    public sealed record ConversationSeed(
        string ListingKey, string InterestedKey, string? CounterpartKey, MessageSeed[] Messages,
        ConversationState Outcome = ConversationState.Open, string? ClosedBy = null, string? Reason = null, StartedInitiativeSeed? Initiative = null);

    public static readonly ListingSeed[] Listings =
    [
        // ------------------------------------------------------------------ Mercociudades and its member cities
        new("mercociudades-fund", "mercociudades", ListingKind.Offer, CooperationForm.Funding, "es",
            "Programa de Cooperación Sur-Sur de Mercociudades: cofinanciamiento de proyectos entre gobiernos locales",
            "El Programa de Cooperación Sur-Sur de Mercociudades promueve, visibiliza, formaliza y sistematiza acciones de cooperación e intercambio entre gobiernos locales de la red, con la participación de organizaciones del territorio y de las universidades públicas. Cofinanciamos proyectos formulados por al menos dos ciudades miembro de distintos países: pasajes, estadías y materiales de los intercambios técnicos. Las ciudades presentan sus ideas de proyecto, sus necesidades y sus saberes; el comité del programa selecciona los proyectos en cada convocatoria.",
            [ThematicArea.Governance], [17, 11], ["15112", "43030"], ["AR", "BR", "UY", "PY", "CL", "BO", "PE", "EC"], ["lac"], ["es", "pt"],
            "Acompañamiento de la Secretaría Técnica Permanente en la formulación de los proyectos y en su sistematización.", 8000m, "USD", 12, 120,
            "cooperacion@mercociudades.example.org",
            [new("pt", "Programa de Cooperação Sul-Sul de Mercocidades: cofinanciamento de projetos entre governos locais",
                "O Programa de Cooperação Sul-Sul de Mercocidades cofinancia projetos formulados por pelo menos duas cidades membro de países diferentes: passagens, estadias e materiais dos intercâmbios técnicos, com a participação de organizações do território e de universidades públicas."),
             new("en", "Mercociudades South-South Cooperation Programme: co-financing for projects between local governments",
                "The Mercociudades South-South Cooperation Programme co-finances projects designed by at least two member cities of different countries: travel, stays and materials for technical exchanges, with local organisations and public universities taking part.")],
            ["Programa de Cooperación Sur-Sur de Mercociudades"]),

        new("montevideo-waste", "montevideo", ListingKind.Offer, CooperationForm.TechnicalAssistance, "es",
            "Ofrecemos: gestión integral de residuos con inclusión social de clasificadores",
            "La Intendencia de Montevideo comparte lo aprendido con Rosario en la gestión de residuos con inclusión social: plantas de clasificación gestionadas con cooperativas de clasificadores, contratos municipales con esas cooperativas y campañas de separación en origen por barrio. Ofrecemos asistencia técnica a gobiernos locales de la red que estén diseñando o revisando su plan de residuos.",
            [ThematicArea.Environment, ThematicArea.DecentWork], [11, 12, 8], ["14050", "16020"], ["UY"], ["lac"], ["es", "pt"],
            "Dos técnicas del Departamento de Desarrollo Ambiental por una semana de trabajo en la ciudad socia y seguimiento virtual durante seis meses.", null, null, 6, 150,
            "relaciones.internacionales@montevideo.example.org",
            [new("pt", "Oferecemos: gestão integral de resíduos com inclusão social de catadores",
                "A Intendência de Montevidéu compartilha o que aprendeu com Rosário: usinas de triagem geridas com cooperativas de catadores, contratos municipais com elas e campanhas de separação na origem.")],
            ["Montevideo–Rosario: gestión integral de residuos"]),

        new("montevideo-gender-mobility", "montevideo", ListingKind.Need, CooperationForm.PeerLearning, "es",
            "Buscamos: ciudades con experiencia en movilidad urbana con perspectiva de género",
            "Montevideo revisa su plan de movilidad y quiere aprender de otras ciudades del Sur que hayan incorporado la perspectiva de género: recorridos de cuidado, paradas seguras, participación de mujeres usuarias en el diseño de líneas. Proponemos un ciclo de intercambio entre pares, con sesiones virtuales y una visita cruzada.",
            [ThematicArea.GenderEquality, ThematicArea.Infrastructure], [5, 11], ["15180", "21020"], ["UY"], ["lac"], ["es", "pt", "en"],
            "Organizamos y acogemos la visita en Montevideo: traslados locales, salas y equipos municipales.", null, null, 9, 200,
            "relaciones.internacionales@montevideo.example.org"),

        new("rosario-participatory-budget", "rosario", ListingKind.Offer, CooperationForm.StudyVisit, "es",
            "Visita de estudio: presupuesto participativo y descentralización municipal en Rosario",
            "Rosario recibe a equipos de gobiernos locales de Mercociudades para conocer su presupuesto participativo por distritos: los consejos barriales, el voto de los proyectos, el presupuesto participativo joven y el seguimiento de las obras por los vecinos. La visita dura una semana e incluye reuniones con los Centros Municipales de Distrito y con organizaciones del territorio.",
            [ThematicArea.Governance], [16, 11], ["15112", "15150"], ["AR"], ["lac"], ["es", "pt"],
            "Programa de la visita, acompañamiento de la Dirección de Relaciones Internacionales y traslados dentro de la ciudad.", null, null, 1, 240,
            "relaciones.internacionales@rosario.example.org",
            [new("en", "Study visit: participatory budgeting and municipal decentralisation in Rosario",
                "Rosario hosts teams of Mercociudades local governments for a week to see its district-based participatory budget, the youth participatory budget and residents' monitoring of public works.")]),

        new("quito-flood-risk", "quito", ListingKind.Need, CooperationForm.ExpertMission, "es",
            "Buscamos: misión de expertos en drenaje urbano sostenible y riesgo de inundaciones en laderas",
            "Los barrios de ladera de Quito sufren inundaciones y deslizamientos cada temporada de lluvias. Buscamos una misión de expertos de una ciudad del Sur con experiencia en drenaje urbano sostenible y en la gestión comunitaria del riesgo, para revisar con nuestros equipos el plan de barrios resilientes y proponer soluciones basadas en la naturaleza.",
            [ThematicArea.Environment, ThematicArea.Infrastructure], [11, 13], ["43030", "74020"], ["EC"], ["lac"], ["es", "pt"],
            "Alojamiento y traslados de la misión en Quito; equipos de la Secretaría de Ambiente y de Seguridad disponibles a tiempo completo.", 12000m, "USD", 4, 90,
            "cooperacion@quito.example.org",
            [new("pt", "Procuramos: missão de especialistas em drenagem urbana sustentável e risco de inundações em encostas",
                "Os bairros de encosta de Quito sofrem inundações e deslizamentos a cada temporada de chuvas. Procuramos especialistas de uma cidade do Sul com experiência em drenagem urbana sustentável e gestão comunitária do risco.")],
            ["Quito–Montevideo cooperation on climate-resilient neighbourhoods"]),

        new("belohorizonte-food", "belohorizonte", ListingKind.Offer, CooperationForm.Internship, "pt",
            "Estágio nos restaurantes populares e no banco de alimentos de Belo Horizonte",
            "A Prefeitura de Belo Horizonte recebe técnicos de governos locais do Sul para estágios de três semanas na sua política municipal de segurança alimentar e nutricional: restaurantes populares, banco de alimentos, feiras livres e compras da agricultura familiar para a alimentação escolar. O estágio retoma o intercâmbio feito com Quito.",
            [ThematicArea.FoodSecurity], [2, 1], ["43072", "12240"], ["BR"], ["lac", "africa-subsaharan"], ["pt", "es"],
            "Tutoria da Subsecretaria de Segurança Alimentar e Nutricional e refeições nos restaurantes populares durante o estágio.", null, null, 1, 180,
            "relacoes.internacionais@belohorizonte.example.org",
            [new("es", "Pasantía en los restaurantes populares y el banco de alimentos de Belo Horizonte",
                "La Prefeitura de Belo Horizonte recibe a técnicos de gobiernos locales del Sur para pasantías de tres semanas en su política municipal de seguridad alimentaria."),
             new("en", "Internship in Belo Horizonte's people's restaurants and food bank",
                "Belo Horizonte hosts staff of Southern local governments for three-week internships in its municipal food security policy: people's restaurants, food bank, street markets and school meals bought from family farmers.")],
            ["Intercâmbio Belo Horizonte–Quito"]),

        new("esteban-projects", "estebanecheverria", ListingKind.Need, CooperationForm.WorkshopOrTraining, "es",
            "Buscamos: formación en formulación de proyectos de cooperación Sur-Sur para gobiernos locales",
            "Después de la XXVI Cumbre de Mercociudades, Esteban Echeverría quiere presentar sus ideas de proyecto al Programa de Cooperación Sur-Sur. Buscamos a una ciudad o institución con experiencia que forme a nuestro equipo y a organizaciones del territorio en la formulación de proyectos: identificación de socios, presupuesto compartido y sistematización.",
            [ThematicArea.Governance], [17, 16], ["15110", "15112"], ["AR"], ["lac"], ["es"],
            "Un equipo de cinco personas de la Dirección de Relaciones Internacionales y la sala del Consejo Deliberante para los talleres.", null, null, 3, 120,
            "cooperacion@estebanecheverria.example.org",
            [new("pt", "Procuramos: formação em elaboração de projetos de cooperação Sul-Sul para governos locais",
                "Depois da XXVI Cúpula de Mercocidades, Esteban Echeverría quer apresentar suas ideias de projeto ao Programa de Cooperação Sul-Sul e procura quem forme sua equipe na elaboração de projetos.")]),

        // ------------------------------------------------------------------ APCI (Peru)
        new("apci-cso-system", "apci", ListingKind.Offer, CooperationForm.TechnicalAssistance, "es",
            "Experiencia peruana: incorporar a las organizaciones de la sociedad civil al Sistema Nacional Descentralizado de Cooperación Internacional",
            "La política de cooperación técnica internacional del Perú reconoce a las organizaciones de la sociedad civil como aliadas estratégicas del desarrollo. Las ONG son miembros del Sistema Nacional Descentralizado de Cooperación Técnica Internacional y participan en la Declaración Anual, donde registran la ejecución de los recursos que reciben. APCI ofrece su experiencia a agencias y ministerios del Sur que quieran incorporar a la sociedad civil en su sistema nacional: marcos políticos para el trabajo con múltiples actores, mecanismos de coordinación con las OSC en el nivel regional y local, y sistemas de información que midan la contribución de cada actor.",
            [ThematicArea.Governance], [17, 16], ["15150", "15110"], ["PE"], ["lac", "asia-east-southeast"], ["es", "en"],
            "Especialistas de APCI para sesiones virtuales y una misión de una semana; documentos de la política y del registro de ONG.", null, null, 12, 300,
            "cooperacion.sursur@apci.example.org",
            [new("en", "Peru's experience of bringing civil society organisations into its national system of international cooperation",
                "Peru's international technical cooperation policy treats CSOs as strategic allies for development. NGOs are members of the National Decentralised System of International Technical Cooperation and take part in the Annual Report, where they record the cooperation resources they execute. APCI offers this experience to Southern agencies and ministries that want to bring civil society into their national system: policy frameworks for multi-stakeholder work, coordination with CSOs at regional and local level, and information systems that measure each actor's contribution.")]),

        new("apci-registry-visit", "apci", ListingKind.Offer, CooperationForm.StudyVisit, "es",
            "Visita de estudio para agencias nacionales de cooperación: el registro y la Declaración Anual de la cooperación en el Perú",
            "APCI recibe en Lima a equipos de agencias nacionales de cooperación de los países del PIFCSS para conocer cómo registra las intervenciones de cooperación técnica internacional, cómo las entidades públicas y privadas declaran cada año los recursos ejecutados y cómo se publican esos datos.",
            [ThematicArea.Governance], [17], ["15110"], ["PE"], ["lac"], ["es"],
            "Programa de tres días en Lima con las direcciones de APCI; material de los registros.", null, null, 1, 60,
            "cooperacion.sursur@apci.example.org",
            [new("en", "Study visit for national cooperation agencies: Peru's registry and Annual Report of international cooperation",
                "APCI hosts teams of national cooperation agencies of PIFCSS countries in Lima to see how it registers international technical cooperation and how public and private bodies declare each year the resources they executed.")]),

        new("apci-measure-cso", "apci", ListingKind.Need, CooperationForm.TechnicalAssistance, "es",
            "Buscamos: métodos para medir la contribución de las organizaciones de la sociedad civil a la cooperación técnica internacional",
            "Cuantificar y medir el impacto de la cooperación técnica internacional sigue siendo un reto, por su complejidad y su carácter multiactor. APCI quiere mejorar el sistema nacional de información para medir la contribución de los distintos actores del desarrollo, en particular de las OSC, a la cooperación Sur-Sur y triangular. Buscamos una organización con experiencia en evaluaciones participativas, centradas en las personas, que acompañe el diseño de los indicadores y una prueba piloto con ONG registradas.",
            [ThematicArea.Governance], [17, 16], ["15150", "15110"], ["PE"], ["lac"], ["es", "en"],
            "Equipo de la Dirección de Políticas y Programas, acceso a los datos de la Declaración Anual y convocatoria de las ONG participantes.", 15000m, "PEN", 10, 100,
            "cooperacion.sursur@apci.example.org",
            [new("en", "Seeking: methods to measure civil society's contribution to international technical cooperation",
                "Measuring the impact of international technical cooperation is still a challenge. APCI wants its national information system to measure the contribution of development actors, particularly CSOs, and seeks an organisation experienced in participatory, people-centred assessment to help design indicators and pilot them with registered NGOs.")]),

        new("apci-disaster-draft", "apci", ListingKind.Offer, CooperationForm.ExpertMission, "es",
            "Misiones de expertos en gestión del riesgo de desastres en municipios andinos",
            "Borrador: APCI y los municipios que participaron en la cooperación triangular con Bolivia y Alemania podrían ofrecer misiones cortas de sus especialistas en planes municipales de gestión del riesgo. Falta confirmar la disponibilidad de los equipos municipales.",
            [ThematicArea.Environment], [11, 13], ["74020", "43030"], ["PE"], ["lac"], ["es", "qu"],
            "Especialistas municipales por dos semanas.", null, null, 6, 200,
            "cooperacion.sursur@apci.example.org",
            InitiativeTitles: ["Cooperación triangular Perú–Alemania–Bolivia"], Draft: true),

        // ------------------------------------------------------------------ Civil society
        new("ibon-pilot-governments", "ibon", ListingKind.Need, CooperationForm.PeerLearning, "en",
            "Seeking governments to pilot institutionalised CSO participation in South-South cooperation",
            "After BAPA+40, the Southern CSO Alliance on South-South Cooperation proposed focused partnerships with the governments of Peru and Indonesia as pilots for institutionalising the participation of civil society organisations in South-South cooperation, and for a policy framework that comes out of them. IBON International seeks national cooperation agencies willing to work with CSOs on such a pilot: joint planning, CSO seats in monitoring, and public reporting.",
            [ThematicArea.Governance], [17, 16], ["15150"], ["PH", "PE", "ID"], ["asia-east-southeast", "lac"], ["en", "es"],
            "Facilitation by IBON's South-South cooperation programme and its network of Southern CSOs.", null, null, 18, 210,
            "ssc@ibon.example.org",
            [new("es", "Buscamos gobiernos que pongan a prueba la participación institucionalizada de las OSC en la cooperación Sur-Sur",
                "Tras BAPA+40, la Alianza de OSC del Sur propuso alianzas con los gobiernos del Perú e Indonesia como pilotos para institucionalizar la participación de la sociedad civil en la cooperación Sur-Sur.")]),

        new("ibon-monitoring-training", "ibon", ListingKind.Offer, CooperationForm.WorkshopOrTraining, "en",
            "Training in people-centred monitoring of South-South cooperation",
            "IBON International and its partners trained CSOs in four countries to assess South-South initiatives with rights-holders, treating governments as duty-bearers. We offer the training to CSOs and to public officials who want to monitor cooperation with the people it is meant for: the assessment instrument, consultation with communities, and how to report results back to them.",
            [ThematicArea.Governance], [17, 16, 10], ["15150", "15160"], ["PH"], ["asia-east-southeast", "africa-subsaharan", "lac"], ["en", "es"],
            "Two trainers for a three-day workshop and the revised assessment instrument in English and Spanish.", null, null, 2, 270,
            "ssc@ibon.example.org",
            InitiativeTitles: ["People-centred monitoring of South-South development cooperation"]),

        new("ibon-mapping-draft", "ibon", ListingKind.Need, CooperationForm.Exchange, "en",
            "Research partners for a map of effective CSO–government partnerships in South-South cooperation",
            "Draft: a research and mapping exercise on models of effective partnership between CSOs and governments in South-South cooperation, sector by sector, with a public repository of cases. We are still agreeing the scope with the Reality of Aid Network.",
            [ThematicArea.Governance], [17], ["15150", "43082"], ["PH"], ["asia-east-southeast"], ["en"],
            null, null, null, 12, 240,
            "ssc@ibon.example.org", Draft: true),

        new("southerncso-youth", "southerncso", ListingKind.Need, CooperationForm.Exchange, "en",
            "Partners wanted for a people-to-people youth exchange on South-South cooperation",
            "\"If it's not for the people, what is South-South cooperation for?\" The Southern CSO Alliance on South-South Cooperation wants to do real people-to-people cooperation, in the form of an exchange programme for young people. We seek CSOs, youth organisations and local governments in Asia, the Pacific, Africa and Latin America to host or send young activists for four weeks: living with a host organisation, taking part in its community work and in monitoring a South-South project near it.",
            [ThematicArea.Education, ThematicArea.ConflictTransformation], [4, 16, 17], ["15150", "11330"], ["PH", "FJ", "KE", "PE"],
            ["asia-east-southeast", "pacific", "africa-subsaharan", "lac"], ["en", "es", "fr"],
            "Preparation and debriefing of the young participants; coordination among the host organisations.", 20000m, "USD", 8, 180,
            "youth-exchange@southerncso.example.org",
            [new("es", "Buscamos socios para un intercambio juvenil de pueblo a pueblo sobre cooperación Sur-Sur",
                "La Alianza de OSC del Sur sobre Cooperación Sur-Sur busca organizaciones que acojan o envíen a jóvenes activistas durante cuatro semanas, en Asia, el Pacífico, África y América Latina."),
             new("fr", "Partenaires recherchés pour un échange de jeunes de peuple à peuple sur la coopération Sud-Sud",
                "L'Alliance des OSC du Sud sur la coopération Sud-Sud cherche des organisations en Asie, dans le Pacifique, en Afrique et en Amérique latine pour accueillir ou envoyer de jeunes militants pendant quatre semaines.")]),

        new("piango-youth-placements", "piango", ListingKind.TwoWay, CooperationForm.Internship, "en",
            "Two-way placements for young CSO leaders between the Pacific and other Southern regions",
            "PIANGO's national NGO umbrella bodies host young civil society leaders from Asia and Africa, and send Pacific youth to partner networks in return. Placements last two months and focus on community-led climate resilience and on how young people can take part in planning and evaluating cooperation projects.",
            [ThematicArea.Environment, ThematicArea.Education], [13, 4, 17], ["15150", "41010"], ["FJ", "PG"], ["pacific", "asia-east-southeast", "africa-subsaharan"], ["en"],
            "Hosting by a national umbrella body, local transport and mentoring.", null, null, 2, 160,
            "secretariat@piango.example.org",
            InitiativeTitles: ["Pacific civil society knowledge exchange on community-led climate resilience"]),

        new("roaafrica-hrba", "roaafrica", ListingKind.Offer, CooperationForm.WorkshopOrTraining, "en",
            "A human-rights-based framework for monitoring South-South cooperation: workshops for African CSOs",
            "Reality of Aid Africa developed a human-rights-based framework for monitoring South-South development cooperation. We run two-day workshops for national CSO platforms on using it: identifying rights-holders and duty-bearers, finding information on projects, and engaging governments with the results.",
            [ThematicArea.Governance], [16, 17], ["15160", "15150"], ["KE"], ["africa-subsaharan"], ["en", "fr", "sw"],
            "Facilitators and the framework's guidance notes.", null, null, 1, 200,
            "info@roaafrica.example.org"),

        new("cut-informal-workers", "cut", ListingKind.Offer, CooperationForm.Exchange, "pt",
            "Intercâmbio sindical: organização de trabalhadoras e trabalhadores informais e domésticos",
            "A CUT oferece a centrais sindicais de países de língua portuguesa um intercâmbio entre educadores sindicais sobre diálogo social, segurança no trabalho e organização de trabalhadores informais e domésticos, na linha do que fez com Moçambique e Angola. O português comum permite aprender de igual para igual, sem intermediários.",
            [ThematicArea.DecentWork, ThematicArea.GenderEquality], [8, 5, 10], ["16070", "16020"], ["BR"], ["africa-subsaharan"], ["pt"],
            "Educadores sindicais da Secretaria de Relações Internacionais e materiais de formação.", null, null, 12, 220,
            "relacoes.internacionais@cut.example.org",
            [new("en", "Trade union exchange: organising informal and domestic workers",
                "CUT offers union centres in Portuguese-speaking countries an exchange among union educators on social dialogue, occupational safety and organising informal and domestic workers.")],
            ["Trade union South-South exchange on decent work in Lusophone Africa"]),

        new("ituc-west-africa", "ituc", ListingKind.Need, CooperationForm.TechnicalAssistance, "fr",
            "Recherche de partenaires : le travail décent dans les projets de coopération Sud-Sud en Afrique de l'Ouest",
            "La CSI cherche des organisations syndicales et de recherche pour documenter les conditions de travail sur les chantiers financés par la coopération Sud-Sud au Sénégal, en Côte d'Ivoire et au Bénin, et pour former les syndicats nationaux au dialogue avec les agences concernées.",
            [ThematicArea.DecentWork, ThematicArea.Infrastructure], [8, 16], ["16070"], ["SN", "CI", "BJ"], ["africa-subsaharan"], ["fr", "en"],
            "Coordination par le bureau régional africain de la CSI.", 25000m, "EUR", 12, -12,
            "cooperation@ituc.example.org",
            [new("en", "Partners wanted: decent work in South-South cooperation projects in West Africa",
                "ITUC seeks trade union and research organisations to document working conditions on construction sites financed through South-South cooperation in Senegal, Côte d'Ivoire and Benin.")]),

        new("magpy-extension", "magpy", ListingKind.Need, CooperationForm.Internship, "es",
            "Buscamos: pasantías de extensionistas en compras públicas a la agricultura familiar",
            "El Ministerio de Agricultura y Ganadería del Paraguay busca recibir pasantías para sus técnicos de extensión en sistemas de compras públicas de alimentos a la agricultura familiar, en particular para la alimentación escolar, y en la organización de los productores para cumplir sus requisitos.",
            [ThematicArea.FoodSecurity], [2, 1], ["31166", "43072"], ["PY"], ["lac"], ["es", "pt", "gn"],
            "Técnicos de la Dirección de Extensión Agraria y sus salarios durante las pasantías.", null, null, 2, 130,
            "cooperacion@mag.example.org"),

        new("abc-milk-banks", "abc", ListingKind.Offer, CooperationForm.TechnicalAssistance, "pt",
            "Cooperação técnica para implantar bancos de leite humano",
            "A ABC e a Rede Brasileira de Bancos de Leite Humano oferecem cooperação técnica a ministérios da saúde de países do Sul para implantar bancos de leite humano em maternidades de referência: formação de equipes, controle de qualidade de baixo custo e campanhas de doação.",
            [ThematicArea.Health], [3, 2], ["12240", "13020"], ["BR"], ["africa-subsaharan", "lac"], ["pt", "es", "en", "fr"],
            "Especialistas brasileiros em missões curtas e formação no Brasil para as equipes dos bancos.", null, null, 24, 365,
            "cooperacao@abc.example.org",
            [new("en", "Technical cooperation to set up human milk banks",
                "ABC and the Brazilian Network of Human Milk Banks offer Southern health ministries technical cooperation to set up human milk banks in referral maternity hospitals."),
             new("fr", "Coopération technique pour créer des banques de lait humain",
                "L'ABC et le Réseau brésilien des banques de lait humain offrent aux ministères de la santé du Sud une coopération technique pour créer des banques de lait humain dans les maternités de référence.")],
            ["Apoio à implantação de bancos de leite humano"]),

        // ------------------------------------------------------------------ Peace and development (UNOSSC's three pillars)
        new("unossc-mediation", "unossc", ListingKind.Offer, CooperationForm.Funding, "en",
            "Seed funding for exchanges among Southern mediators: localised and people-led approaches",
            "Under pillar 2 of its South-South cooperation on peace and development programme (peace negotiation, conflict and crisis management and resolution), UNOSSC co-funds exchanges among Southern mediators: indigenous communities and customary mediation practices, women, youth and non-state actors in the negotiation and resolution of conflict and crisis. Proposals come from at least two countries of the South.",
            [ThematicArea.PeaceNegotiationAndCrisisManagement], [16, 5], ["15220"], [], ["africa-subsaharan", "lac", "asia-east-southeast", "asia-south-central", "pacific"], ["en", "es", "fr"],
            "UNOSSC acts as facilitator, convener and adviser for the exchanges.", 60000m, "USD", 12, 240,
            "peace.development@unossc.example.org",
            [new("es", "Capital semilla para intercambios entre mediadores del Sur: enfoques locales y liderados por las personas",
                "En su pilar 2 (negociación de paz, gestión y resolución de conflictos y crisis), UNOSSC cofinancia intercambios entre mediadores del Sur: comunidades indígenas y prácticas de mediación consuetudinaria, mujeres, jóvenes y actores no estatales."),
             new("fr", "Financement d'amorçage pour des échanges entre médiateurs du Sud : des approches locales et portées par les populations",
                "Au titre du pilier 2 (négociation de paix, gestion et résolution des conflits et des crises), l'UNOSSC cofinance des échanges entre médiateurs du Sud : communautés autochtones et pratiques coutumières de médiation, femmes, jeunes et acteurs non étatiques.")]),

        new("unossc-prevention", "unossc", ListingKind.TwoWay, CooperationForm.PeerLearning, "en",
            "Conflict prevention: sharing Southern public policies that address root causes",
            "Pillar 1 of UNOSSC's peace and development programme: a peer-learning series in which Southern governments and CSOs present public policies that address the socio-economic, institutional and cultural root causes of violent conflict, and learn from each other's alternatives for systemic change.",
            [ThematicArea.ConflictPrevention], [16, 10], ["15220", "15210"], [], ["africa-subsaharan", "lac", "asia-south-central", "asia-west"], ["en", "es", "fr", "ar"],
            "Convening, interpretation and a published summary of each session.", null, null, 12, 300,
            "peace.development@unossc.example.org"),

        new("g7plus-transitional-justice", "g7plus", ListingKind.Need, CooperationForm.ExpertMission, "fr",
            "Recherche d'expériences du Sud en justice transitionnelle et en réconciliation",
            "Des pays membres du g7+ cherchent des experts de pays du Sud sortis d'un conflit pour partager leurs modèles de justice transitionnelle : commissions vérité, réparations, participation des victimes, et réintégration des ex-combattants dans la vie civile. La coopération de fragile à fragile permet d'apprendre de ceux qui ont traversé les mêmes épreuves.",
            [ThematicArea.ConflictTransformation], [16], ["15220", "15130"], ["CF", "TD", "GN", "BI"], ["africa-subsaharan"], ["fr", "en"],
            "Le secrétariat du g7+ organise les missions et met en relation les ministères concernés.", null, null, 6, 150,
            "secretariat@g7plus.example.org",
            [new("en", "Seeking Southern experience of transitional justice and reconciliation",
                "g7+ member countries seek experts from Southern countries that have come out of conflict to share their models of transitional justice: truth commissions, reparations, victims' participation and the reintegration of former combatants.")],
            ["Fragile-to-Fragile cooperation on peace negotiation"]),

        new("apccol-reincorporation", "apccol", ListingKind.Offer, CooperationForm.ExpertMission, "es",
            "Colombia ofrece: reincorporación de excombatientes y justicia transicional",
            "Colombia hace e inspira: APC-Colombia comparte con otros países del Sur su experiencia en políticas y programas de paz. Ofrecemos misiones de expertos de la Agencia para la Reincorporación y la Normalización y de la Jurisdicción Especial para la Paz sobre reincorporación económica y comunitaria, participación de las víctimas y justicia restaurativa.",
            [ThematicArea.ConflictTransformation, ThematicArea.PeaceNegotiationAndCrisisManagement], [16, 5], ["15240", "15130"], ["CO"], ["lac", "africa-subsaharan"], ["es", "en"],
            "Expertos colombianos para misiones de hasta dos semanas y visitas a espacios de reincorporación en Colombia.", null, null, 12, 270,
            "cooperacion.sursur@apccolombia.example.org",
            [new("en", "Colombia offers: reintegration of former combatants and transitional justice",
                "APC-Colombia shares Colombia's peace policies with other Southern countries: expert missions on the economic and community reintegration of former combatants, victims' participation and restorative justice."),
             new("fr", "La Colombie offre : réintégration des ex-combattants et justice transitionnelle",
                "APC-Colombia partage avec d'autres pays du Sud son expérience des politiques de paix : missions d'experts sur la réintégration économique et communautaire des ex-combattants, la participation des victimes et la justice réparatrice.")],
            ["Colombia comparte su experiencia en construcción de paz"]),

        new("aipr-lemkin", "aipr", ListingKind.Offer, CooperationForm.WorkshopOrTraining, "en",
            "Raphael Lemkin Seminar: training public officials to prevent genocide and mass atrocities",
            "Through its Africa and Latin America programmes, the Auschwitz Institute for Peace and Reconciliation trains public officials in the prevention of genocide and other atrocity crimes and facilitates exchanges of experience between officials of both regions, including on national prevention mechanisms.",
            [ThematicArea.ConflictPrevention], [16], ["15220", "15160"], ["US"], ["africa-subsaharan", "lac"], ["en", "es", "fr"],
            "Tuition, materials and accommodation during the seminar.", null, null, 1, 210,
            "programs@aipr.example.org",
            [new("es", "Seminario Raphael Lemkin: formación de funcionarios públicos en prevención del genocidio y las atrocidades masivas",
                "A través de sus programas para África y América Latina, el Instituto Auschwitz forma a funcionarios públicos en la prevención de atrocidades y facilita intercambios entre funcionarios de ambas regiones.")],
            ["Africa–Latin America exchange of public officials"]),

        new("comsec-gun-violence", "comsec", ListingKind.Need, CooperationForm.PeerLearning, "en",
            "Small states seek Southern partners on gun violence, crime and the illicit drug trade",
            "Commonwealth small states identified climate-related crises, high crime rates, gun violence and the illicit drug trade as key peace and development challenges. The Commonwealth Secretariat seeks Southern partners whose public policies reduced gun violence among young people to share them with Caribbean and Pacific small states.",
            [ThematicArea.ConflictPrevention], [16], ["15240", "15210"], ["JM", "TT", "BB", "GY"], ["lac", "pacific"], ["en"],
            "Convening by the Secretariat's peace and development team.", null, null, 6, -20,
            "peace@commonwealth.example.org",
            InitiativeTitles: ["Southern Solidarity for Sustainable Peace and Development in Small States"]),

        new("bricspc-thinkers", "bricspc", ListingKind.TwoWay, CooperationForm.PeerLearning, "pt",
            "Comunidade de prática: pesquisadoras e pesquisadores do Sul sobre paz e desenvolvimento",
            "O BRICS Policy Center convida centros de pesquisa e profissionais do Sul a se juntar à comunidade de prática South-South Peace and Development Thinkers, que mapeia e compartilha o conhecimento do Sul sobre o nexo entre paz, desenvolvimento e segurança. Oferecemos nosso mapeamento e procuramos estudos de caso de outras regiões.",
            [ThematicArea.ConflictPrevention, ThematicArea.ConflictTransformation], [16, 17], ["15220", "43082"], ["BR"], ["lac", "africa-subsaharan", "asia-south-central"], ["pt", "en", "es"],
            "Seminários virtuais mensais e publicação dos estudos de caso.", null, null, 24, 330,
            "contato@bricspolicycenter.example.org",
            [new("en", "Community of practice: Southern researchers on peace and development",
                "The BRICS Policy Center invites Southern research centres and practitioners to join the South-South Peace and Development Thinkers community of practice, which maps and shares Southern knowledge on the peace, development and security nexus.")],
            ["South-South Peace and Development Thinkers"]),
    ];

    /// <summary>
    /// Conversations between the organisations of the demonstration accounts (IBON International and APCI), so that a person
    /// who signs in as one of them can open each: one still open, one declined with a reason, and one agreed that started a
    /// published initiative.
    /// </summary>
    public static readonly ConversationSeed[] Conversations =
    [
        new("apci-cso-system", "ibon", "ibon-pilot-governments",
        [
            new("cso.editor@example.org", "Buenos días. IBON International y la Alianza de OSC del Sur están buscando gobiernos dispuestos a poner a prueba la participación institucionalizada de la sociedad civil en la cooperación Sur-Sur (ver nuestra necesidad publicada). La experiencia de APCI con las ONG en el Sistema Nacional Descentralizado es justamente lo que queremos conocer. ¿Podríamos conversar sobre un piloto con el Perú?"),
            new("agency.officer@example.org", "Gracias por escribir. Con gusto: la Declaración Anual y el registro de ONG son un buen punto de partida. Nos interesa sobre todo la coordinación con las OSC en el nivel regional. ¿Qué países además del Perú consideran para el piloto?"),
            new("cso.admin@example.org", "Indonesia, como se propuso después de BAPA+40. Podemos compartir las notas del evento paralelo y proponer una primera reunión virtual con las dos agencias en las próximas semanas."),
        ]),
        new("apci-registry-visit", "ibon", null,
        [
            new("cso.editor@example.org", "Hello, we would like two members of our South-South cooperation programme to join the study visit on Peru's registry and Annual Report. Would that be possible?"),
            new("agency.officer@example.org", "Thank you for your interest. This visit is for the teams of national cooperation agencies, and this year's places are already allocated among PIFCSS countries."),
        ], ConversationState.Declined, "agency.officer@example.org",
            "Esta visita de estudio está reservada a agencias nacionales de cooperación de los países del PIFCSS. Les proponemos seguir la conversación sobre la participación de las OSC en nuestra oferta sobre el Sistema Nacional Descentralizado."),
        new("apci-measure-cso", "ibon", "ibon-monitoring-training",
        [
            new("cso.admin@example.org", "IBON International can help. With Reality of Aid and CPDE we assessed South-South initiatives in four countries with rights-holders, and revised the assessment instrument afterwards. We offer the training and could adapt the instrument to the Annual Report with you."),
            new("agency.officer@example.org", "Muy interesante. ¿Podrían acompañar también una prueba piloto con unas diez ONG registradas en Lima y en una región?"),
            new("cso.editor@example.org", "Yes: a three-day workshop in Lima, then six months of remote support while the NGOs try the indicators, and a joint report at the end that we publish for the communities involved."),
            new("agency.officer@example.org", "De acuerdo. Iniciamos el registro de la iniciativa con ustedes como socio implementador."),
        ], ConversationState.Agreed, "agency.officer@example.org", null,
            new StartedInitiativeSeed(
                "Philippines–Peru: people-centred measurement of civil society's contribution to international cooperation",
                "IBON International supports APCI in designing indicators of CSOs' contribution to South-South and triangular cooperation and piloting them with registered NGOs, with the communities concerned.",
                "Agreed through the exchange between APCI's need for methods to measure civil society's contribution and IBON International's offer of training in people-centred monitoring. A three-day workshop in Lima opens the work; about ten NGOs registered with APCI then try the indicators for six months with remote support, and a joint report is published for the communities involved.",
                "en", Modality.Bilateral, Instrument.Project)),
    ];
}
