using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Diagnostics;
using SscPortal.Web.Exchange;

namespace SscPortal.Web.Commands;

/// <summary>
/// `bench-matches [--needs 20] [--calls 10]` (bench/matches.sh): times the suggested matches (<see cref="Matches"/>) of open
/// needs, one call after another in a fresh scope each, as a listing's page asks for them, and prints the latency
/// percentiles and the SQL statements each call ran. The needs timed are the open needs with the most candidates first
/// (the worst case: the commonest subjects and countries), then others.
/// </summary>
public static class BenchMatchesCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var needs = Option(args, "--needs", 20);
        var calls = Option(args, "--calls", 10);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(withDemoData: false, CancellationToken.None);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        List<int> ids;
        int listings;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            listings = await db.Listings.CountAsync();
            // Half the needs from the commonest SDG (the most candidates), half spread over the rest.
            var commonest = await db.Set<ListingSdg>().GroupBy(s => s.GoalCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync();
            var open = db.Listings.Where(l => l.Kind == ListingKind.Need && l.Publication == PublicationState.Published && (l.OpenUntil == null || l.OpenUntil >= today));
            ids = await open.Where(l => l.Sdgs.Any(s => s.GoalCode == commonest)).OrderBy(l => l.Id).Select(l => l.Id).Take(needs / 2).ToListAsync();
            ids.AddRange(await open.Where(l => l.Id % 97 == 3).OrderBy(l => l.Id).Select(l => l.Id).Take(needs - ids.Count).ToListAsync());
        }
        if (ids.Count == 0)
        {
            await output.WriteLineAsync("No open need to match: load some with `seed-synthetic --listings N` first.");
            return 2;
        }
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        var times = new List<double>();
        var statements = new List<int>();
        var found = new List<int>();
        foreach (var warm in ids.Take(3)) await TimeAsync(warm);
        foreach (var id in ids)
            for (var i = 0; i < calls; i++)
            {
                var (ms, count, matches) = await TimeAsync(id);
                times.Add(ms);
                statements.Add(count);
                found.Add(matches);
            }
        times.Sort();
        double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{listings:N0} listings; {ids.Count} needs × {calls} calls: p50 {At(0.5):N1} ms, p95 {At(0.95):N1} ms, p99 {At(0.99):N1} ms, max {times[^1]:N1} ms; " +
            $"statements per call {statements.Min()}–{statements.Max()}; matches per call {found.Min()}–{found.Max()}"));
        return 0;

        async Task<(double Ms, int Statements, int Matches)> TimeAsync(int id)
        {
            using var scope = services.CreateScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            accessor.HttpContext = context;
            try
            {
                var clock = Stopwatch.StartNew();
                var suggestions = await scope.ServiceProvider.GetRequiredService<Matches>().ForAsync(id, "en", Matches.DefaultCount, CancellationToken.None);
                return (clock.Elapsed.TotalMilliseconds, SqlStatementCounter.CountIn(context), suggestions?.Matches.Count ?? 0);
            }
            finally
            {
                accessor.HttpContext = null;
            }
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) && value > 0 ? value : fallback;
    }
}
