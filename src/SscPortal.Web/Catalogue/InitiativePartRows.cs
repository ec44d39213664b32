using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// The repeating parts of one or more initiatives (countries, organisations, goals, sectors, translations, contributions,
/// locations…) read in ONE statement: each part is a branch of a <c>UNION ALL</c> projected into the same row shape, so a
/// page costs the same number of statements however many parts it shows, and no part multiplies another's rows (as the
/// joins of a single query would). Each branch reads its own table by its initiative id, through that table's index.
/// </summary>
/// <remarks>
/// A column a branch does not use holds a typed constant (0, "", 0.0), never a bare null, so that every column of every
/// branch has a type on both databases. The rows come in no order: <see cref="InitiativeParts"/> orders each part.
/// </remarks>
public static class InitiativePartRows
{
    public enum Part
    {
        Country = 1, Actor, Goal, Sector, Translation, Target, Principle, Location,
        Contribution, RightsHolder, Link, Result, Partnership, Origin, Score,
    }

    /// <summary>One row of any part; what each column holds depends on <see cref="Kind"/> (see the branches below).</summary>
    public sealed class Row
    {
        public int InitiativeId { get; init; }
        public int Kind { get; init; }
        public int Number { get; init; }
        public int? Number2 { get; init; }
        public int Number3 { get; init; }
        public int Number4 { get; init; }
        public string? Text { get; init; }
        public string? Text2 { get; init; }
        public string? Text3 { get; init; }
        public decimal? Amount { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }

        public Part Of => (Part)Kind;
    }

    /// <summary>What to read besides the parts every view of an initiative shows.</summary>
    /// <param name="Language">Only the translation into this language (null: every translation).</param>
    /// <param name="PageParts">The parts only the initiative's own page shows (contributions, rights-holders, links, results, partnerships, where it started).</param>
    /// <param name="Assessments">The assessments whose dimension scores to read (the page's columns).</param>
    public sealed record Wanted(string? Language = null, bool PageParts = false, IQueryable<Assessment>? Assessments = null);

    /// <summary>The parts of the initiatives <paramref name="ids"/>, in one statement.</summary>
    public static Task<List<Row>> ReadAsync(AppDbContext db, IReadOnlyCollection<int> ids, Wanted wanted, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return Task.FromResult(new List<Row>());
        var list = ids.ToList();
        var language = wanted.Language;
        const string none = "";
        IQueryable<Row> rows = db.Set<InitiativeCountry>().AsNoTracking().Where(c => list.Contains(c.InitiativeId)).Select(c => new Row
        {
            InitiativeId = c.InitiativeId, Kind = (int)Part.Country, Number = (int)c.Role, Number2 = 0, Number3 = 0, Number4 = 0,
            Text = c.CountryCode, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
        });
        rows = rows.Concat(db.Set<InitiativeActor>().AsNoTracking().Where(a => list.Contains(a.InitiativeId)).Select(a => new Row
        {
            InitiativeId = a.InitiativeId, Kind = (int)Part.Actor, Number = a.ActorId, Number2 = (int)a.Actor!.Type, Number3 = (int)a.Role, Number4 = 0,
            Text = a.Actor.Name, Text2 = a.Actor.Acronym, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
        }));
        rows = rows.Concat(db.Set<InitiativeSdg>().AsNoTracking().Where(s => list.Contains(s.InitiativeId)).Select(s => new Row
        {
            InitiativeId = s.InitiativeId, Kind = (int)Part.Goal, Number = s.GoalCode, Number2 = s.IsPrimary ? 1 : 0, Number3 = 0, Number4 = 0,
            Text = none, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
        }));
        rows = rows.Concat(db.Set<InitiativeSector>().AsNoTracking().Where(s => list.Contains(s.InitiativeId)).Select(s => new Row
        {
            InitiativeId = s.InitiativeId, Kind = (int)Part.Sector, Number = 0, Number2 = 0, Number3 = 0, Number4 = 0,
            Text = s.SectorCode, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
        }));
        var translations = db.Set<InitiativeTranslation>().AsNoTracking().Where(t => list.Contains(t.InitiativeId));
        if (language is not null) translations = translations.Where(t => t.Language == language);
        rows = rows.Concat(translations.Select(t => new Row
        {
            InitiativeId = t.InitiativeId, Kind = (int)Part.Translation, Number = 0, Number2 = 0, Number3 = 0, Number4 = 0,
            Text = t.Language, Text2 = t.Title, Text3 = t.Summary, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
        }));
        rows = rows.Concat(db.Set<InitiativeSdgTarget>().AsNoTracking().Where(t => list.Contains(t.InitiativeId)).Select(t => new Row
        {
            InitiativeId = t.InitiativeId, Kind = (int)Part.Target, Number = 0, Number2 = 0, Number3 = 0, Number4 = 0,
            Text = t.TargetCode, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
        }));
        rows = rows.Concat(db.Set<InitiativePrinciple>().AsNoTracking().Where(p => list.Contains(p.InitiativeId)).Select(p => new Row
        {
            InitiativeId = p.InitiativeId, Kind = (int)Part.Principle, Number = 0, Number2 = 0, Number3 = 0, Number4 = 0,
            Text = p.PrincipleCode, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
        }));
        rows = rows.Concat(db.Set<InitiativeLocation>().AsNoTracking().Where(l => list.Contains(l.InitiativeId)).Select(l => new Row
        {
            InitiativeId = l.InitiativeId, Kind = (int)Part.Location, Number = l.Id, Number2 = (int)l.Precision, Number3 = 0, Number4 = 0,
            Text = l.CountryCode, Text2 = l.Region, Text3 = l.Place, Amount = 0m, Latitude = l.Latitude, Longitude = l.Longitude,
        }));
        if (wanted.PageParts)
        {
            rows = rows.Concat(db.Set<InitiativeContribution>().AsNoTracking().Where(c => list.Contains(c.InitiativeId)).Select(c => new Row
            {
                InitiativeId = c.InitiativeId, Kind = (int)Part.Contribution, Number = c.Id, Number2 = c.ActorId, Number3 = (int)c.Kind, Number4 = 0,
                Text = c.Actor!.Name, Text2 = c.Currency, Text3 = c.Description, Amount = c.Amount, Latitude = 0.0, Longitude = 0.0,
            }));
            rows = rows.Concat(db.Set<InitiativeRightsHolder>().AsNoTracking().Where(r => list.Contains(r.InitiativeId)).Select(r => new Row
            {
                InitiativeId = r.InitiativeId, Kind = (int)Part.RightsHolder, Number = (int)r.Group, Number2 = r.Count, Number3 = 0, Number4 = 0,
                Text = none, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
            }));
            rows = rows.Concat(db.Set<InitiativeLink>().AsNoTracking().Where(l => list.Contains(l.InitiativeId)).Select(l => new Row
            {
                InitiativeId = l.InitiativeId, Kind = (int)Part.Link, Number = l.Id, Number2 = 0, Number3 = 0, Number4 = 0,
                Text = l.Title, Text2 = l.Url, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
            }));
            rows = rows.Concat(db.Set<InitiativeResult>().AsNoTracking().Where(r => list.Contains(r.InitiativeId)).Select(r => new Row
            {
                InitiativeId = r.InitiativeId, Kind = (int)Part.Result, Number = r.Id, Number2 = r.Achieved ? 1 : 0, Number3 = 0, Number4 = 0,
                Text = r.Text, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
            }));
            rows = rows.Concat(db.Set<PartnershipInitiative>().AsNoTracking()
                .Where(p => list.Contains(p.InitiativeId) && p.Partnership!.Publication == PublicationState.Published).Select(p => new Row
                {
                    InitiativeId = p.InitiativeId, Kind = (int)Part.Partnership, Number = p.PartnershipId, Number2 = 0, Number3 = 0, Number4 = 0,
                    Text = p.Partnership!.Title, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
                }));
            // The published offers and needs whose agreed conversation started the initiative: the listing it was opened on,
            // and the counterpart's (two plain joins: SQLite has no lateral join).
            var conversations = db.Conversations.AsNoTracking().Where(c => c.InitiativeId != null && list.Contains(c.InitiativeId.Value));
            var published = db.Listings.AsNoTracking().Where(l => l.Publication == PublicationState.Published);
            rows = rows.Concat(conversations.Join(published, c => c.ListingId, l => l.Id, (c, l) => new Row
            {
                InitiativeId = c.InitiativeId!.Value, Kind = (int)Part.Origin, Number = l.Id, Number2 = (int)l.Kind, Number3 = 0, Number4 = 0,
                Text = l.Title, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
            }));
            rows = rows.Concat(conversations.Join(published, c => c.CounterpartListingId, l => (int?)l.Id, (c, l) => new Row
            {
                InitiativeId = c.InitiativeId!.Value, Kind = (int)Part.Origin, Number = l.Id, Number2 = (int)l.Kind, Number3 = 0, Number4 = 0,
                Text = l.Title, Text2 = none, Text3 = none, Amount = 0m, Latitude = 0.0, Longitude = 0.0,
            }));
        }
        if (wanted.Assessments is { } assessments)
            rows = rows.Concat(db.AssessmentScores.AsNoTracking()
                .Where(s => s.Scope == ScoreScope.Dimension && assessments.Any(a => a.Id == s.AssessmentId))
                .Join(db.Assessments, s => s.AssessmentId, a => a.Id, (s, a) => new Row
                {
                    InitiativeId = a.InitiativeId, Kind = (int)Part.Score, Number = s.AssessmentId, Number2 = s.Scored, Number3 = s.NotApplicable, Number4 = s.InsufficientInformation,
                    Text = s.Code, Text2 = none, Text3 = none, Amount = 0m, Latitude = s.Average, Longitude = 0.0,
                }));
        // By ids only: its best plan is the same whatever the ids, so it is prepared wherever it runs (Data/PreparedStatements.cs).
        return rows.TagWith(StatementPreparer.Tag).ToListAsync(cancellationToken);
    }
}

/// <summary>The parts of one initiative, ordered as its pages show them, from <see cref="InitiativePartRows"/>.</summary>
public sealed class InitiativeParts(IEnumerable<InitiativePartRows.Row> rows)
{
    private readonly ILookup<InitiativePartRows.Part, InitiativePartRows.Row> _byPart = rows.ToLookup(r => r.Of);

    private IEnumerable<InitiativePartRows.Row> Of(InitiativePartRows.Part part) => _byPart[part];

    public IReadOnlyList<CountryWithRole> Countries =>
        Of(InitiativePartRows.Part.Country).Select(r => new CountryWithRole(r.Text!, (CountryRole)r.Number))
            .OrderBy(c => c.Role).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();

    public sealed record Actor(int Id, string Name, string? Acronym, ActorType Type, ActorRole Role);

    public IReadOnlyList<Actor> Actors =>
        Of(InitiativePartRows.Part.Actor).Select(r => new Actor(r.Number, r.Text!, r.Text2, (ActorType)(r.Number2 ?? 0), (ActorRole)r.Number3))
            .OrderBy(a => a.Role).ThenBy(a => a.Name, StringComparer.CurrentCulture).ThenBy(a => a.Id).ToList();

    /// <summary>The goals, the primary one first.</summary>
    public IReadOnlyList<(int Code, bool IsPrimary)> Goals =>
        Of(InitiativePartRows.Part.Goal).Select(r => (Code: r.Number, IsPrimary: r.Number2 == 1))
            .OrderByDescending(g => g.IsPrimary).ThenBy(g => g.Code).ToList();

    public IReadOnlyList<string> Sectors => Codes(InitiativePartRows.Part.Sector);
    public IReadOnlyList<string> Targets => Codes(InitiativePartRows.Part.Target);
    public IReadOnlyList<string> Principles => Codes(InitiativePartRows.Part.Principle);

    private List<string> Codes(InitiativePartRows.Part part) => Of(part).Select(r => r.Text!).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<TextInLanguage> Translations =>
        Of(InitiativePartRows.Part.Translation).Select(r => new TextInLanguage(r.Text!, r.Text2!, r.Text3!)).OrderBy(t => t.Language, StringComparer.Ordinal).ToList();

    public IReadOnlyList<InitiativeLocation> Locations =>
        Of(InitiativePartRows.Part.Location).OrderBy(r => r.Number).Select(r => new InitiativeLocation
        {
            Id = r.Number, InitiativeId = r.InitiativeId, CountryCode = r.Text!, Precision = (LocationPrecision)(r.Number2 ?? 0),
            Region = r.Text2, Place = r.Text3, Latitude = r.Latitude, Longitude = r.Longitude,
        }).ToList();

    public sealed record Contribution(int ActorId, string ActorName, ContributionKind Kind, decimal? Amount, string? Currency, string? Description);

    public IReadOnlyList<Contribution> Contributions =>
        Of(InitiativePartRows.Part.Contribution).OrderBy(r => r.Number)
            .Select(r => new Contribution(r.Number2 ?? 0, r.Text!, (ContributionKind)r.Number3, r.Amount, r.Text2, r.Text3)).ToList();

    public IReadOnlyList<InitiativeRightsHolder> RightsHolders =>
        Of(InitiativePartRows.Part.RightsHolder).Select(r => new InitiativeRightsHolder { InitiativeId = r.InitiativeId, Group = (RightsHolderGroup)r.Number, Count = r.Number2 })
            .OrderBy(r => r.Group).ToList();

    public IReadOnlyList<InitiativeLink> Links =>
        Of(InitiativePartRows.Part.Link).OrderBy(r => r.Number)
            .Select(r => new InitiativeLink { Id = r.Number, InitiativeId = r.InitiativeId, Title = r.Text!, Url = r.Text2! }).ToList();

    public IReadOnlyList<InitiativeResult> Results =>
        Of(InitiativePartRows.Part.Result).OrderBy(r => r.Number)
            .Select(r => new InitiativeResult { Id = r.Number, InitiativeId = r.InitiativeId, Text = r.Text!, Achieved = r.Number2 == 1 }).ToList();

    public IReadOnlyList<(int Id, string Title)> Partnerships =>
        Of(InitiativePartRows.Part.Partnership).Select(r => (Id: r.Number, Title: r.Text!))
            .OrderBy(p => p.Title, StringComparer.CurrentCulture).ThenBy(p => p.Id).ToList();

    /// <summary>The published offers and needs the initiative started from (each once, even if named by two conversations).</summary>
    public IReadOnlyList<(int Id, string Title, ListingKind Kind)> Origins =>
        Of(InitiativePartRows.Part.Origin).DistinctBy(r => r.Number).Select(r => (Id: r.Number, Title: r.Text!, Kind: (ListingKind)(r.Number2 ?? 0)))
            .OrderBy(l => l.Kind).ThenBy(l => l.Id).ToList();

    /// <summary>The dimension scores of each assessment read with the parts.</summary>
    public ILookup<int, AssessmentScore> Scores =>
        Of(InitiativePartRows.Part.Score).Select(r => new AssessmentScore
        {
            AssessmentId = r.Number, Scope = ScoreScope.Dimension, Code = r.Text!, Average = r.Latitude,
            Scored = r.Number2 ?? 0, NotApplicable = r.Number3, InsufficientInformation = r.Number4,
        }).ToLookup(s => s.AssessmentId);
}
