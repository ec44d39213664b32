using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

public static partial class DemoData
{
    public sealed record QuestionSeed(QuestionKind Kind, string Label, bool Required = false, int? MaxLength = null, IReadOnlyList<string>? Choices = null, string? Help = null);

    public sealed record CriterionSeed(string Name, int Weight, string Guide);

    /// <summary>An application: its organisation, confirmed partners, answers by question position, the amounts, each reviewer's scores and the decision.</summary>
    public sealed record ApplicationSeed(
        string ApplicantKey, string Title, string Summary, IReadOnlyList<string> PartnerKeys, IReadOnlyDictionary<int, string> Answers,
        decimal? Requested = null, decimal? TotalCost = null, bool Submitted = true,
        IReadOnlyList<int>? OfficerScores = null, IReadOnlyList<int>? ResearcherScores = null, bool ResearcherConflict = false,
        CallDecision? Decision = null, string? Feedback = null);

    /// <summary>
    /// A call: opened and closing so many days from the seeding day (negative: past), in its time zone; with results published
    /// (and the selected applications carried forward) when <paramref name="ResultsPublished"/>.
    /// </summary>
    public sealed record CallSeed(
        string OwnerKey, CallKind Kind, string Title, string Text, string Language, int OpenedDaysAgo, int ClosesInDays, string TimeZone,
        IReadOnlyList<ActorType> EligibleTypes, IReadOnlyList<string> EligibleCountries, int MinPartners, IReadOnlyList<ActorType> PartnerTypes,
        decimal? MaxAmount, string? Currency, int? MaxSharePercent, IReadOnlyList<string> Languages, string? NetworkName, int ScaleMax, bool PublishScores,
        IReadOnlyList<QuestionSeed> Questions, IReadOnlyList<CriterionSeed> Criteria, IReadOnlyList<ApplicationSeed> Applications,
        bool ResultsPublished = false);

    public sealed record GoodPracticeSeed(string OwnerKey, string Title, string Practice, string Context, string Results, string Transferable, string TransferableTo,
        string Language, IReadOnlyList<ThematicArea> Themes, IReadOnlyList<string> Countries, string? InitiativeTitle = null);

    private static readonly ActorType[] LocalGovernments = [ActorType.LocalGovernment];

    public static readonly CallSeed[] Calls =
    [
        new("mercociudades", CallKind.Funding,
            "Mercociudades South-South Cooperation Programme 2026: projects between local governments",
            "Mercociudades supports projects in which two or more local governments of the network learn from each other, with universities "
            + "and civil society organisations as partners. Each selected project receives up to USD 10,000, covering at most half of its cost; "
            + "the local governments contribute the rest, in kind or in money. Selected projects are presented at the network's summit. "
            + "Applications are judged on horizontality (both sides learn and decide), mutual benefit, feasibility and what other cities can take from them.",
            "en", OpenedDaysAgo: 150, ClosesInDays: -75, "America/Montevideo",
            LocalGovernments, ["AR", "BO", "BR", "CL", "CO", "EC", "PE", "PY", "UY", "VE"], MinPartners: 1,
            [ActorType.LocalGovernment, ActorType.Academia, ActorType.NationalCso, ActorType.RegionalCso],
            10000m, "USD", 50, ["es", "pt"], null, 5, PublishScores: true,
            [
                new(QuestionKind.LongText, "What will each local government learn from the other?", true, 1500),
                new(QuestionKind.Partners, "Partner local governments, universities and civil society organisations", true),
                new(QuestionKind.Choice, "Main theme of the project", true, Choices: ["Participatory democracy", "Urban agriculture and food", "Social inclusion", "Climate and environment"]),
                new(QuestionKind.LongText, "How will the people of both cities take part in deciding and following the project?", true, 1500),
                new(QuestionKind.Initiative, "An initiative already in the registry that the project builds on"),
            ],
            [
                new("Horizontality", 3, "0: one city teaches the other; 3: both contribute; 5: both learn, decide and share costs as equals"),
                new("Mutual benefit", 2, "0: only one side benefits; 5: each side names what it gains and how it will use it"),
                new("Feasibility", 2, "0: no plan or budget; 5: a plan, a budget with the co-financing in it, and people responsible"),
                new("Transferability", 1, "0: nothing others could use; 5: a method other cities of the network can take up"),
            ],
            [
                new("montevideo", "Participatory budgeting between Montevideo and Rosario",
                    "Montevideo and Rosario exchange how their neighbourhood councils decide part of the municipal budget, with two study visits and a joint guide.",
                    ["rosario", "asul"],
                    new Dictionary<int, string>
                    {
                        [1] = "Montevideo learns Rosario's online voting and youth budget; Rosario learns Montevideo's neighbourhood councils and their follow-up of works.",
                        [3] = "Participatory democracy",
                        [4] = "Neighbourhood councils of both cities choose the visits' agenda and report back in open assemblies.",
                    },
                    9000m, 19500m, OfficerScores: [5, 4, 4, 5], ResearcherScores: [4, 4, 4, 4], Decision: CallDecision.Selected,
                    Feedback: "A clear exchange in both directions with a realistic budget. Present it at the summit and share the joint guide with the network."),
                new("belohorizonte", "Urban agriculture and school meals: Belo Horizonte and Quito",
                    "Belo Horizonte and Quito compare their urban agriculture programmes and how their produce reaches school meals, with farmers' organisations.",
                    ["quito", "coprofam"],
                    new Dictionary<int, string>
                    {
                        [1] = "Belo Horizonte shares its public food purchasing from family farmers; Quito shares its AGRUPAR urban gardens network.",
                        [3] = "Urban agriculture and food",
                        [4] = "Urban farmers of both cities take part in the exchange visits and in a public fair at the end.",
                    },
                    10000m, 24000m, OfficerScores: [4, 5, 4, 4], ResearcherConflict: true, Decision: CallDecision.Selected,
                    Feedback: "A strong project with a clear benefit for both cities. The reviewer with a conflict of interest did not score it."),
                new("estebanecheverria", "Waste pickers' cooperatives in municipal recycling",
                    "Esteban Echeverría learns from Belo Horizonte how waste pickers' cooperatives were brought into the municipal recycling service.",
                    ["belohorizonte"],
                    new Dictionary<int, string>
                    {
                        [1] = "Esteban Echeverría learns the contracts with cooperatives; Belo Horizonte learns the municipality's recent metropolitan agreement.",
                        [3] = "Social inclusion",
                        [4] = "The cooperatives take part in the visits and sign the final recommendations.",
                    },
                    8000m, 16500m, OfficerScores: [3, 3, 4, 3], ResearcherScores: [3, 4, 3, 3], Decision: CallDecision.Reserve,
                    Feedback: "A valuable exchange; the learning for Belo Horizonte is thin. It stays on the reserve list if funds are freed."),
                new("quito", "Climate adaptation plans of Andean cities",
                    "Quito shares its climate action plan with other Andean cities through online workshops.",
                    ["estebanecheverria"],
                    new Dictionary<int, string>
                    {
                        [1] = "Quito shares its plan; the other cities follow its method.",
                        [3] = "Climate and environment",
                        [4] = "City staff attend the workshops.",
                    },
                    10000m, 21000m, OfficerScores: [1, 2, 3, 3], ResearcherScores: [2, 2, 3, 4], Decision: CallDecision.NotSelected,
                    Feedback: "The project goes one way (Quito teaches) and citizens take no part. We encourage a two-way proposal next year."),
            ],
            ResultsPublished: true),
        new("unossc", CallKind.GoodPractice,
            "Call for good practices: South-South cooperation for peace and development",
            "UNOSSC invites governments, local governments, civil society organisations and academia of the Global South to share good practices "
            + "of South-South and triangular cooperation for peace and development under its three pillars: conflict prevention, peace negotiation and "
            + "crisis management, and conflict transformation. Selected practices are published in the portal's collection of good practices and in a "
            + "compendium. Practices are judged on horizontality, results shown with evidence, and what can be transferred to other countries.",
            "en", OpenedDaysAgo: 20, ClosesInDays: 40, "America/New_York",
            [], [], MinPartners: 0, [], null, null, null, ["en", "es", "fr", "pt"], null, 5, PublishScores: false,
            [
                new(QuestionKind.Choice, "Pillar", true, Choices: ["Conflict prevention", "Peace negotiation and crisis management", "Conflict transformation"]),
                new(QuestionKind.LongText, "The practice: what was done, by whom, with whom", true, 3000),
                new(QuestionKind.LongText, "Context: the situation the practice answered", true, 2000),
                new(QuestionKind.LongText, "Results, and the evidence that shows them", true, 2000),
                new(QuestionKind.LongText, "What can be transferred, and to whom", true, 2000),
                new(QuestionKind.Partners, "Partner organisations in other countries"),
                new(QuestionKind.File, "Evidence: a report, an evaluation or testimonies (PDF)"),
            ],
            [
                new("Horizontality", 2, "0: one country transfers to another; 5: partners design, decide and learn together"),
                new("Results shown", 2, "0: no results; 5: results shown with independent evidence and the people concerned"),
                new("Cross-country transfer", 2, "0: tied to one place; 5: already adapted or ready to adapt elsewhere"),
                new("Sustainability", 1, "0: ended with its funding; 5: carried on by those concerned"),
            ],
            [
                new("ibon", "People-to-people dialogues for peace in Mindanao and Colombia",
                    "Community peace panels from Mindanao and Colombia exchange how they prevent violence in their territories.", [],
                    new Dictionary<int, string> { [1] = "Conflict prevention" }, Submitted: false),
            ]),
        new("cpde", CallKind.Network,
            "Join the community of practice on people-centred assessment of South-South cooperation",
            "The CSO Partnership for Development Effectiveness invites civil society organisations, trade unions and researchers of the Global South "
            + "to join a community of practice that assesses South-South cooperation against its principles, from the point of view of the people it "
            + "should serve. Members share methods and evidence, review each other's assessments, and meet online every two months.",
            "en", OpenedDaysAgo: 10, ClosesInDays: 25, "Asia/Manila",
            [ActorType.InternationalCso, ActorType.NationalCso, ActorType.RegionalCso, ActorType.Academia], [], MinPartners: 0, [],
            null, null, null, ["en", "es", "fr", "pt"], "Community of practice on people-centred assessment of SSC", 5, PublishScores: false,
            [
                new(QuestionKind.LongText, "Your organisation's work on South-South cooperation", true, 2000),
                new(QuestionKind.LongText, "What you bring to the community, and what you expect from it", true, 1500),
                new(QuestionKind.ShortText, "Who would take part (a role, not a name)", true, 200),
            ],
            [
                new("Experience with South-South cooperation", 1, "0: none; 5: assessments or monitoring already published"),
                new("Connection with affected communities", 2, "0: none; 5: works with and answers to the communities concerned"),
            ],
            []),
    ];

    public static readonly GoodPracticeSeed[] GoodPractices =
    [
        new("aipr", "Regional networks of officials for the prevention of atrocities",
            "Officials of ministries and national human-rights bodies from Latin America and Africa are trained together and keep meeting in regional networks, where they review early warning signs and each other's prevention policies.",
            "Countries that had lived through mass atrocities had no place where officials could learn prevention from peers facing similar risks.",
            "Several national mechanisms for prevention were created or strengthened by network members; members report using each other's early warning tools.",
            "The network format and the peer review of prevention policies.",
            "Governments and national human-rights institutions of regions without a prevention network.",
            "en", [ThematicArea.ConflictPrevention], ["AR", "BR", "KE", "TZ"]),
        new("g7plus", "Fragile-to-fragile cooperation: peer support between conflict-affected countries",
            "Members of the g7+ send officials to each other to share how they rebuilt public institutions and held elections after conflict, with UNOSSC's support.",
            "Conflict-affected countries found that advice from stable countries did not fit their situation.",
            "Timor-Leste's support to Guinea-Bissau's elections and to São Tomé and Príncipe's budget reform were carried out by peers.",
            "The peer-to-peer method and the principles of country ownership it applies.",
            "Conflict-affected and fragile states, and the partners who support them.",
            "en", [ThematicArea.ConflictTransformation, ThematicArea.PeaceNegotiationAndCrisisManagement], ["TL", "GW", "ST"]),
    ];
}
