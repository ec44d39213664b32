using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Commands;

public static partial class SeedSyntheticCommand
{
    /// <summary>
    /// Invented offers, needs and two-way exchanges for `seed-synthetic --listings N`: a few subjects and countries are far
    /// more common than the rest, as on a real exchange; about one in eight is closed or still a draft, one in seven
    /// translated into English.
    /// </summary>
    private sealed class ListingLoader(Random random, TextWriter output, Dictionary<string, string> countryNames, Func<int, int> skewed)
    {
        private sealed record Subject(string En, string Es, string Pt, string Fr, ThematicArea Theme, int[] Sdgs, string[] Sectors);

        private static readonly Subject[] Subjects =
        [
            new("family farming", "agricultura familiar", "agricultura familiar", "agriculture familiale", ThematicArea.FoodSecurity, [2, 1], ["31161", "31166"]),
            new("school meals", "alimentación escolar", "alimentação escolar", "cantines scolaires", ThematicArea.FoodSecurity, [2, 4], ["12240", "11220"]),
            new("urban waste management", "gestión de residuos urbanos", "gestão de resíduos urbanos", "gestion des déchets urbains", ThematicArea.Environment, [11, 12], ["14050", "43030"]),
            new("drinking water", "agua potable", "água potável", "eau potable", ThematicArea.Environment, [6], ["14030"]),
            new("early warning systems", "sistemas de alerta temprana", "sistemas de alerta precoce", "systèmes d'alerte précoce", ThematicArea.Environment, [13, 11], ["74020", "41010"]),
            new("primary health care", "atención primaria de salud", "atenção primária à saúde", "soins de santé primaires", ThematicArea.Health, [3], ["12220"]),
            new("vocational training", "formación profesional", "formação profissional", "formation professionnelle", ThematicArea.Education, [4, 8], ["11330"]),
            new("participatory budgeting", "presupuesto participativo", "orçamento participativo", "budget participatif", ThematicArea.Governance, [16, 11], ["15110", "15150"]),
            new("tax administration", "administración tributaria", "administração tributária", "administration fiscale", ThematicArea.Governance, [17, 16], ["15110"]),
            new("mediation and dialogue", "mediación y diálogo", "mediação e diálogo", "médiation et dialogue", ThematicArea.ConflictPrevention, [16], ["15220"]),
            new("transitional justice", "justicia transicional", "justiça de transição", "justice transitionnelle", ThematicArea.ConflictTransformation, [16, 5], ["15220", "15160"]),
            new("youth participation", "participación juvenil", "participação juvenil", "participation des jeunes", ThematicArea.PeaceNegotiationAndCrisisManagement, [16, 10], ["15150"]),
            new("social protection", "protección social", "proteção social", "protection sociale", ThematicArea.DecentWork, [1, 10], ["16010"]),
            new("women's economic rights", "derechos económicos de las mujeres", "direitos econômicos das mulheres", "droits économiques des femmes", ThematicArea.GenderEquality, [5, 8], ["15170"]),
            new("solar energy", "energía solar", "energia solar", "énergie solaire", ThematicArea.Infrastructure, [7, 13], ["23210"]),
            new("small business support", "apoyo a pequeñas empresas", "apoio a pequenas empresas", "appui aux petites entreprises", ThematicArea.DecentWork, [8, 9], ["32130", "25010"]),
            new("cultural heritage", "patrimonio cultural", "patrimônio cultural", "patrimoine culturel", ThematicArea.Culture, [11, 4], ["16020"]),
            new("coffee cooperatives", "cooperativas cafetaleras", "cooperativas de café", "coopératives de café", ThematicArea.FoodSecurity, [8, 2], ["31194"]),
        ];

        private static readonly string[] OfferCountries = ["BR", "MX", "CO", "CL", "AR", "CU", "PE", "IN", "CN", "ZA", "TR", "ID", "TH", "EG", "KE", "MA", "EC", "UY", "SG", "MY", "NG", "GH", "RW", "CR"];
        private static readonly string[] NeedCountries = ["PY", "BO", "HN", "GT", "SV", "NI", "HT", "DO", "EC", "PE", "MZ", "AO", "TL", "LA", "KH", "MM", "NP", "BD", "ET", "TZ", "UG", "SN", "ML", "NE", "BF", "CV", "FJ", "PG"];
        private static readonly string[] Languages = ["es", "es", "es", "en", "en", "pt", "pt", "fr"];
        private static readonly string[] ExtraLanguages = ["en", "es", "pt", "fr", "ar", "sw", "qu"];

        private static readonly Dictionary<string, (string Offer, string Need, string TwoWay, string Body)> Phrasing = new()
        {
            ["en"] = ("{0}: our experience in {1}", "{0} seeks support in {1}", "{0} exchange on {1}", "An organisation in {0} works on {1} with public institutions and communities, and can host and send experts."),
            ["es"] = ("{0}: nuestra experiencia en {1}", "{0} busca apoyo en {1}", "{0}: intercambio sobre {1}", "Una organización de {0} trabaja en {1} con instituciones públicas y comunidades, y puede recibir y enviar especialistas."),
            ["pt"] = ("{0}: nossa experiência em {1}", "{0} busca apoio em {1}", "{0}: intercâmbio sobre {1}", "Uma organização de {0} trabalha em {1} com instituições públicas e comunidades, e pode receber e enviar especialistas."),
            ["fr"] = ("{0} : notre expérience en {1}", "{0} cherche un appui en {1}", "{0} : échange sur {1}", "Une organisation de {0} travaille sur {1} avec les institutions publiques et les communautés, et peut accueillir et envoyer des experts."),
        };

        private T Pick<T>(T[] items) => items[skewed(items.Length)];

        private static string SubjectIn(Subject s, string language) => language switch { "es" => s.Es, "pt" => s.Pt, "fr" => s.Fr, _ => s.En };

        public async Task LoadAsync(NpgsqlConnection connection, int count, List<(int Id, string Name, ActorType Type)> actors, Dictionary<string, string> regionOf)
        {
            var firstId = await Loader.NextIdAsync(connection, "Listings");
            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now);
            const int chunk = 50_000;
            for (var start = 0; start < count; start += chunk)
            {
                var size = Math.Min(chunk, count - start);
                var countries = new List<(int Id, string Code)>();
                var regions = new List<(int Id, string Code)>();
                var sectors = new List<(int Id, string Code)>();
                var sdgs = new List<(int Id, int Goal)>();
                var translations = new List<(int Id, string Title, string Description)>();
                await using (var writer = await connection.BeginBinaryImportAsync(
                    "COPY \"Listings\" (\"Id\", \"Kind\", \"Form\", \"Title\", \"Description\", \"Language\", \"Themes\", \"WorkingLanguages\", \"DurationMonths\", \"OpenUntil\", " +
                    "\"OwnerId\", \"Publication\", \"PublishedAt\", \"HeldByModerator\", \"CreatedAt\", \"UpdatedAt\", \"Version\", \"SearchTitle\", \"SearchBody\") FROM STDIN (FORMAT BINARY)"))
                {
                    for (var n = 0; n < size; n++)
                    {
                        var id = firstId + start + n;
                        var roll = random.NextDouble();
                        var kind = roll < 0.45 ? ListingKind.Offer : roll < 0.85 ? ListingKind.Need : ListingKind.TwoWay;
                        var subject = Pick(Subjects);
                        var second = random.NextDouble() < 0.3 ? Subjects[random.Next(Subjects.Length)] : null;
                        var language = Languages[random.Next(Languages.Length)];
                        var country = Pick(kind == ListingKind.Need ? NeedCountries : OfferCountries);
                        var place = countryNames.GetValueOrDefault(country, country);
                        var (offer, need, twoWay, body) = Phrasing[language];
                        var pattern = kind switch { ListingKind.Offer => offer, ListingKind.Need => need, _ => twoWay };
                        var title = string.Format(CultureInfo.InvariantCulture, pattern, place, SubjectIn(subject, language)) + $" ({id})";
                        var description = string.Format(CultureInfo.InvariantCulture, body, place, SubjectIn(subject, language));
                        var themes = new[] { subject.Theme, second?.Theme ?? subject.Theme }.Distinct().Select(t => (int)t).ToArray();
                        var working = new[] { language, random.NextDouble() < 0.4 ? ExtraLanguages[skewed(ExtraLanguages.Length)] : language }.Distinct().ToList();
                        var published = random.NextDouble() < 0.93;
                        var closed = random.NextDouble() < 0.06;
                        var publishedAt = now.AddMinutes(-random.Next(1, 60 * 24 * 700));

                        countries.Add((id, country));
                        if (random.NextDouble() < 0.35)
                        {
                            var other = Pick(kind == ListingKind.Need ? OfferCountries : NeedCountries);
                            if (other != country) countries.Add((id, other));
                        }
                        // ListingRegion.RegionCode holds 10 characters, fewer than some region codes ("africa-subsaharan"): only the others are named (see the report).
                        if (random.NextDouble() < 0.2 && regionOf.TryGetValue(country, out var region) && region.Length <= 10) regions.Add((id, region));
                        foreach (var goal in subject.Sdgs.Concat(second?.Sdgs ?? []).Distinct().Take(3)) sdgs.Add((id, goal));
                        foreach (var code in subject.Sectors.Concat(second?.Sectors ?? []).Distinct().Take(3)) sectors.Add((id, code));
                        var translated = language != "en" && random.NextDouble() < 0.15;
                        var englishTitle = string.Format(CultureInfo.InvariantCulture, kind switch { ListingKind.Offer => Phrasing["en"].Offer, ListingKind.Need => Phrasing["en"].Need, _ => Phrasing["en"].TwoWay }, place, subject.En) + $" ({id})";
                        if (translated) translations.Add((id, englishTitle, string.Format(CultureInfo.InvariantCulture, Phrasing["en"].Body, place, subject.En)));

                        await writer.StartRowAsync();
                        await writer.WriteAsync(id, NpgsqlDbType.Integer);
                        await writer.WriteAsync((int)kind, NpgsqlDbType.Integer);
                        await writer.WriteAsync(1 + skewed(8), NpgsqlDbType.Integer);
                        await writer.WriteAsync(title, NpgsqlDbType.Varchar);
                        await writer.WriteAsync(description, NpgsqlDbType.Varchar);
                        await writer.WriteAsync(language, NpgsqlDbType.Varchar);
                        await writer.WriteAsync(themes, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                        await writer.WriteAsync(working, NpgsqlDbType.Array | NpgsqlDbType.Text);
                        await writer.WriteAsync(3 + random.Next(22), NpgsqlDbType.Integer);
                        await writer.WriteAsync(closed ? today.AddDays(-1 - random.Next(200)) : today.AddDays(1 + random.Next(700)), NpgsqlDbType.Date);
                        await writer.WriteAsync(actors[skewed(actors.Count)].Id, NpgsqlDbType.Integer);
                        await writer.WriteAsync((int)(published ? PublicationState.Published : PublicationState.Draft), NpgsqlDbType.Integer);
                        if (published) await writer.WriteAsync(publishedAt, NpgsqlDbType.TimestampTz); else await writer.WriteNullAsync();
                        await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                        await writer.WriteAsync(publishedAt.AddDays(-2), NpgsqlDbType.TimestampTz);
                        await writer.WriteAsync(publishedAt, NpgsqlDbType.TimestampTz);
                        await writer.WriteAsync(1, NpgsqlDbType.Integer);
                        await writer.WriteAsync(SearchText.Normalize(translated ? $"{title} {englishTitle}" : title), NpgsqlDbType.Varchar);
                        await writer.WriteAsync(SearchText.Normalize(description), NpgsqlDbType.Varchar);
                    }
                    await writer.CompleteAsync();
                }
                await Loader.CopyAsync(connection, "COPY \"ListingCountry\" (\"ListingId\", \"CountryCode\") FROM STDIN (FORMAT BINARY)", countries.Distinct().ToList(),
                    async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Code, NpgsqlDbType.Char); });
                await Loader.CopyAsync(connection, "COPY \"ListingRegion\" (\"ListingId\", \"RegionCode\") FROM STDIN (FORMAT BINARY)", regions,
                    async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Code, NpgsqlDbType.Varchar); });
                await Loader.CopyAsync(connection, "COPY \"ListingSector\" (\"ListingId\", \"SectorCode\") FROM STDIN (FORMAT BINARY)", sectors,
                    async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Code, NpgsqlDbType.Varchar); });
                await Loader.CopyAsync(connection, "COPY \"ListingSdg\" (\"ListingId\", \"GoalCode\") FROM STDIN (FORMAT BINARY)", sdgs,
                    async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Goal, NpgsqlDbType.Integer); });
                await Loader.CopyAsync(connection, "COPY \"ListingTranslation\" (\"ListingId\", \"Language\", \"Title\", \"Description\") FROM STDIN (FORMAT BINARY)", translations,
                    async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync("en", NpgsqlDbType.Varchar); await w.WriteAsync(r.Title, NpgsqlDbType.Varchar); await w.WriteAsync(r.Description, NpgsqlDbType.Varchar); });
                await output.WriteLineAsync($"  {start + size:N0} / {count:N0} offers and needs");
            }
            await Loader.ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"Listings\"', 'Id'), {firstId + count})");
        }
    }
}
