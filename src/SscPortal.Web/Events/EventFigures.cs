using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Events;

/// <summary>
/// Figures of participation in an event: how many were registered (holding a place) and how many attended, in all and by
/// country, kind of organisation and gender where given. They are counted from the live registrations while the personal
/// data is kept, and from the anonymous counts (<see cref="EventTally"/>) left once it was deleted — by the same code
/// (<see cref="Tally"/> then <see cref="From"/>), so the figures read the same before and after the deletion. The retention
/// job writes the rows of <see cref="TalliesAsync"/> when it deletes the registrations.
/// <para>
/// Attendance counts only when it was marked: until the organisers mark at least one person as present, the figures say
/// "not marked" rather than "nobody attended".
/// </para>
/// <para>
/// Small groups: a public page never shows a group of fewer than <see cref="Threshold"/> people on its own (one person from
/// a country, or of a gender, is recognisable by whoever knows who came). Such groups are added together into one row
/// (<see cref="FewerKey"/>), whose numbers are shown only when it reaches the threshold itself ("fewer than 5" otherwise).
/// The organisers, who see the registrations anyway, see every group exactly.
/// </para>
/// </summary>
public static class EventFigures
{
    /// <summary>The smallest group a public page shows on its own.</summary>
    public const int Threshold = 5;

    /// <summary>The key of people who did not say (no country, kind of organisation or gender given).</summary>
    public const string NotGiven = "not-given";

    /// <summary>The key of the row that adds together the groups smaller than <see cref="Threshold"/> (public figures only).</summary>
    public const string FewerKey = "fewer";

    /// <summary>What one registration holding a place contributes to the figures: nothing that names the person.</summary>
    public sealed record Participant(string? CountryCode, ActorType? OrganisationType, string? Gender, bool Attended);

    /// <summary>One group: how many registered, how many attended.</summary>
    public sealed record Row(string Key, int Registered, int Attended);

    public sealed record Figures(Row Total, bool AttendanceMarked, IReadOnlyList<Row> ByCountry, IReadOnlyList<Row> ByOrganisationType, IReadOnlyList<Row> ByGender)
    {
        public bool IsEmpty => Total.Registered == 0;

        /// <summary>As a public page shows them: groups of fewer than <see cref="Threshold"/> added together into one row.</summary>
        public Figures Public() => this with { ByCountry = Merge(ByCountry), ByOrganisationType = Merge(ByOrganisationType), ByGender = Merge(ByGender) };

        private static IReadOnlyList<Row> Merge(IReadOnlyList<Row> rows)
        {
            var small = rows.Where(r => r.Registered < Threshold).ToList();
            if (small.Count == 0) return rows;
            return [.. rows.Where(r => r.Registered >= Threshold), new Row(FewerKey, small.Sum(r => r.Registered), small.Sum(r => r.Attended))];
        }
    }

    /// <summary>Whether a number of a public row may be shown: the row of small groups only once it reaches the threshold.</summary>
    public static bool Shown(Row row, int count) => row.Key != FewerKey || count == 0 || count >= Threshold;

    /// <summary>The anonymous counts of the participants, by dimension and key (what the retention job keeps).</summary>
    public static List<EventTally> Tally(int eventId, IEnumerable<Participant> participants)
    {
        var counts = new Dictionary<(string Dimension, string Key), (int Registered, int Attended)>();
        void Add(string dimension, string key, bool attended)
        {
            var (registered, present) = counts.GetValueOrDefault((dimension, key));
            counts[(dimension, key)] = (registered + 1, present + (attended ? 1 : 0));
        }
        foreach (var p in participants)
        {
            Add(EventTally.All, EventTally.All, p.Attended);
            Add(EventTally.Country, CountryKey(p.CountryCode), p.Attended);
            Add(EventTally.OrganisationType, p.OrganisationType is { } type && Enum.IsDefined(type) ? type.ToString() : NotGiven, p.Attended);
            Add(EventTally.Gender, p.Gender is { } gender && EventRegistration.Genders.Contains(gender) ? gender : NotGiven, p.Attended);
        }
        return counts.Select(c => new EventTally { EventId = eventId, Dimension = c.Key.Dimension, Key = c.Key.Key, Registered = c.Value.Registered, Attended = c.Value.Attended })
            .OrderBy(t => t.Dimension, StringComparer.Ordinal).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
    }

    private static string CountryKey(string? code) =>
        code is { Length: 2 } c && c.All(char.IsAsciiLetter) ? c.ToUpperInvariant() : NotGiven;

    /// <summary>The figures of counts (stored ones, the live ones tallied, or both added together).</summary>
    public static Figures From(IEnumerable<EventTally> tallies)
    {
        var rows = tallies.GroupBy(t => (t.Dimension, Key: string.IsNullOrEmpty(t.Key) ? NotGiven : t.Key))
            .Select(g => (g.Key.Dimension, Row: new Row(g.Key.Key, g.Sum(t => t.Registered), g.Sum(t => t.Attended))))
            .Where(r => r.Row.Registered > 0)
            .ToList();
        IReadOnlyList<Row> Of(string dimension) => rows.Where(r => r.Dimension == dimension).Select(r => r.Row)
            .OrderBy(r => r.Key == NotGiven).ThenByDescending(r => r.Registered).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var all = rows.Where(r => r.Dimension == EventTally.All).Select(r => r.Row).ToList();
        var total = new Row(EventTally.All, all.Sum(r => r.Registered), all.Sum(r => r.Attended));
        return new Figures(total, total.Attended > 0, Of(EventTally.Country), Of(EventTally.OrganisationType), Of(EventTally.Gender));
    }

    /// <summary>The live registrations holding a place, tallied: what the retention job stores before deleting them.</summary>
    public static async Task<List<EventTally>> TalliesAsync(AppDbContext db, int eventId, CancellationToken cancellationToken)
    {
        var participants = await db.EventRegistrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.State == RegistrationState.Registered)
            .Select(r => new { r.CountryCode, r.OrganisationType, r.Gender, r.Attended })
            .ToListAsync(cancellationToken);
        return Tally(eventId, participants.Select(p => new Participant(p.CountryCode, p.OrganisationType, p.Gender, p.Attended == true)));
    }

    /// <summary>
    /// The event's figures: its live registrations holding a place, plus the anonymous counts once its participants' personal
    /// data was deleted (<paramref name="dataDeleted"/>).
    /// </summary>
    public static async Task<Figures> OfAsync(AppDbContext db, int eventId, bool dataDeleted, CancellationToken cancellationToken)
    {
        var tallies = await TalliesAsync(db, eventId, cancellationToken);
        if (dataDeleted) tallies.AddRange(await db.EventTallies.AsNoTracking().Where(t => t.EventId == eventId).ToListAsync(cancellationToken));
        return From(tallies);
    }
}
