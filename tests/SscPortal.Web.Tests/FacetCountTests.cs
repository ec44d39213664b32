using System.Globalization;
using System.Net.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Diagnostics;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The catalogue's facet counts, taken in one pass over the facet keys (Search/CatalogueFacets.cs), against a
/// straightforward count of the same initiatives held in memory: for every facet and value, with 0 to 3 filters, on both
/// databases. And the page's statement bound: a search with three facets in at most four SQL statements.
/// </summary>
public abstract class FacetCountTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>What the straightforward count looks at: an initiative's values, read with plain includes.</summary>
    private sealed record Known(
        int Id, HashSet<string> Countries, HashSet<string> Providers, HashSet<string> Recipients, HashSet<string> Regions, Modality Modality,
        Instrument Instrument, ActivityStatus Status, HashSet<string> Categories, HashSet<int> Goals, HashSet<int> Actors,
        HashSet<ActorType> ActorTypes, HashSet<string> Principles, int? Year, bool Assessed, ActorType OwnerType);

    /// <summary>
    /// Eight initiatives sharing a word of their own, varied in every facet; returns the word. <paramref name="inSample"/>:
    /// each in the sample on PostgreSQL (<see cref="TestData.SampleIdAsync"/>), so that a test may take any spacing of them
    /// as the coarse sample (which is part of the sample's copy there).
    /// </summary>
    private async Task<string> WorldAsync(bool inSample = false)
    {
        var word = TestData.Word();
        var government = await Portal.ActorAsync(ActorType.Government);
        var cso = await Portal.ActorAsync(ActorType.NationalCso);
        var assessor = await Portal.ActorAsync(ActorType.InternationalCso);
        var principles = await Portal.WithDatabaseAsync(db => db.Principles.OrderBy(p => p.Code).Select(p => p.Code).Take(2).ToListAsync());
        (string Provider, string Recipient, Modality Modality, ActivityStatus Status, string Sector, int Goal, int Year)[] plan =
        [
            ("PE", "BO", Modality.Bilateral, ActivityStatus.Implementation, "11110", 4, 2019),
            ("PE", "PY", Modality.Bilateral, ActivityStatus.Closed, "31120", 2, 2019),
            ("BR", "MZ", Modality.Triangular, ActivityStatus.Implementation, "11110", 4, 2021),
            ("AR", "PE", Modality.Bilateral, ActivityStatus.Implementation, "15220", 16, 2021),
            ("CO", "GT", Modality.Regional, ActivityStatus.Pipeline, "31120", 2, 2020),
            ("PE", "EC", Modality.Bilateral, ActivityStatus.Implementation, "31120", 4, 2020),
            ("MX", "HN", Modality.Triangular, ActivityStatus.Implementation, "11110", 16, 2019),
            ("BR", "AO", Modality.Bilateral, ActivityStatus.Closed, "15220", 2, 2022),
        ];
        for (var n = 0; n < plan.Length; n++)
        {
            var (provider, recipient, modality, status, sector, goal, year) = plan[n];
            var owner = n % 3 == 0 ? cso : government;
            var id = await Portal.InitiativeAsync(owner, provider, recipient, DateTime.UtcNow.AddMinutes(-10 - n), modality, status, title: $"{word} cooperation {n}",
                id: inSample ? await Portal.SampleIdAsync() : null);
            await Portal.WithDatabaseAsync(async db =>
            {
                var initiative = await db.Initiatives.Include(i => i.Sectors).Include(i => i.Sdgs).Include(i => i.Principles).Include(i => i.Actors).SingleAsync(i => i.Id == id);
                initiative.Sectors.Clear();
                initiative.Sectors.Add(new InitiativeSector { SectorCode = sector });
                initiative.Sdgs.Clear();
                initiative.Sdgs.Add(new InitiativeSdg { GoalCode = goal, IsPrimary = true });
                initiative.Principles.Clear();
                initiative.Principles.Add(new InitiativePrinciple { PrincipleCode = principles[n % principles.Count] });
                if (n % 2 == 1 && initiative.Actors.All(a => a.ActorId != assessor.Id))
                    initiative.Actors.Add(new InitiativeActor { ActorId = assessor.Id, Role = ActorRole.Implementing });
                initiative.ActualStart = null;
                initiative.PlannedStart = new DateOnly(year, 3, 1);
                return await db.SaveChangesAsync();
            });
            if (n % 4 == 0) await Portal.AssessmentAsync(assessor, id, DateTime.UtcNow.AddMinutes(-1));
        }
        return word;
    }

    private Task<List<Known>> KnownAsync(string word) => Portal.WithDatabaseAsync(async db =>
    {
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => i.Publication == PublicationState.Published && i.Title.StartsWith(word))
            .Include(i => i.Countries).ThenInclude(c => c.Country).Include(i => i.Sectors).ThenInclude(s => s.Sector)
            .Include(i => i.Sdgs).Include(i => i.Actors).ThenInclude(a => a.Actor).Include(i => i.Principles).Include(i => i.Owner).AsSplitQuery().ToListAsync();
        var ids = initiatives.Select(i => i.Id).ToList();
        var assessed = await db.Assessments.Where(a => ids.Contains(a.InitiativeId) && a.Publication == PublicationState.Published).Select(a => a.InitiativeId).ToListAsync();
        return initiatives.Select(i => new Known(i.Id,
            i.Countries.Select(c => c.CountryCode).ToHashSet(),
            i.Countries.Where(c => InitiativeSearch.ProviderRoles.Contains(c.Role)).Select(c => c.CountryCode).ToHashSet(),
            i.Countries.Where(c => InitiativeSearch.RecipientRoles.Contains(c.Role)).Select(c => c.CountryCode).ToHashSet(),
            i.Countries.Where(c => c.Country!.RegionCode != null).Select(c => c.Country!.RegionCode!).ToHashSet(),
            i.Modality, i.Instrument, i.Status,
            i.Sectors.Select(s => s.Sector!.CategoryCode).ToHashSet(), i.Sdgs.Select(s => s.GoalCode).ToHashSet(),
            i.Actors.Select(a => a.ActorId).ToHashSet(), i.Actors.Select(a => a.Actor!.Type).ToHashSet(),
            i.Principles.Select(p => p.PrincipleCode).ToHashSet(),
            (i.ActualStart ?? i.PlannedStart ?? i.ApprovalDate)?.Year, assessed.Contains(i.Id), i.Owner!.Type)).ToList();
    });

    /// <summary>
    /// An initiative in the sample (its id a multiple of <see cref="CatalogueFacets.SampleEvery"/>), bilateral, titled
    /// <paramref name="title"/>: initiatives with titles of their own are added until one's id lands there (ids are whatever
    /// the shared database gives), and that one is retitled.
    /// </summary>
    private async Task<int> InSampleAsync(string title)
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        if (await Portal.SampleIdAsync() is { } sampleId)
            return await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-30), Modality.Bilateral, ActivityStatus.Implementation, title: title, id: sampleId);
        for (var n = 0; n < 20 * CatalogueFacets.SampleEvery; n++)
        {
            var id = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-30), Modality.Bilateral, ActivityStatus.Implementation, title: TestData.Word());
            if (id % CatalogueFacets.SampleEvery != 0) continue;
            await Portal.WithDatabaseAsync(async db =>
            {
                (await db.Initiatives.FindAsync(id))!.Title = title;
                return await db.SaveChangesAsync();
            });
            return id;
        }
        Assert.Fail($"No initiative landed in the sample in {20 * CatalogueFacets.SampleEvery} tries.");
        return 0;
    }

    /// <summary>
    /// The sample is read from a copy on PostgreSQL (Search/InitiativeSample.cs), kept in step by a trigger: an initiative
    /// added in the sample is in it at once, with its keys, words and title; a change of its title, filters or publication is
    /// copied in the same save; an initiative outside the sample is not copied; one deleted leaves it. On SQLite the sample
    /// is the initiatives themselves, and reads the same.
    /// </summary>
    [Fact]
    public async Task The_sample_reads_what_the_initiatives_hold_after_every_change()
    {
        var word = TestData.Word();
        var id = await InSampleAsync($"{word} sampled");
        var government = await Portal.ActorAsync(ActorType.Government);
        int outside;
        do outside = await Portal.InitiativeAsync(government, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: $"{TestData.Word()} outside");
        while (outside % CatalogueFacets.SampleEvery == 0);
        var postgres = await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql()));

        // What the sample says of the initiative (and whether the search finds it there), against the initiative itself.
        async Task<(List<string>? Sampled, List<string> Keys, bool FoundBy)> ReadAsync(int initiative, string words) => await Portal.WithDatabaseAsync(async db =>
        {
            var sampled = await InitiativeSample.Of(db).Where(i => i.Id == initiative && i.Publication == PublicationState.Published).Select(i => i.FacetKeys).SingleOrDefaultAsync();
            var keys = await db.Initiatives.AsNoTracking().Where(i => i.Id == initiative).Select(i => i.FacetKeys).SingleAsync();
            var found = await InitiativeSearch.Matching(InitiativeSample.Of(db), words, db, typoFallback: false).AnyAsync(i => i.Id == initiative);
            return (sampled, keys, found);
        });
        Task<int> CopiesAsync(int initiative) => Portal.WithDatabaseAsync(db => db.Database.SqlQuery<int>(
            $"""SELECT count(*)::int AS "Value" FROM "InitiativeSamples" WHERE "Id" = {initiative}""").SingleAsync());

        var added = await ReadAsync(id, word);
        Assert.Equal(added.Keys.Order(), added.Sampled!.Order());
        Assert.Contains(FacetKeys.Modality(Modality.Bilateral), added.Sampled!);
        Assert.True(added.FoundBy);

        // Retitled and made triangular in one save: the new word finds it, the old does not, and its keys follow.
        var renamed = TestData.Word();
        await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.SingleAsync(i => i.Id == id);
            initiative.Title = $"{renamed} sampled";
            initiative.Modality = Modality.Triangular;
            return await db.SaveChangesAsync();
        });
        var changed = await ReadAsync(id, renamed);
        Assert.Equal(changed.Keys.Order(), changed.Sampled!.Order());
        Assert.Contains(FacetKeys.Modality(Modality.Triangular), changed.Sampled!);
        Assert.DoesNotContain(FacetKeys.Modality(Modality.Bilateral), changed.Sampled!);
        Assert.True(changed.FoundBy);
        Assert.False((await ReadAsync(id, word)).FoundBy);

        // Unpublished: no longer in the published sample.
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.SingleAsync(i => i.Id == id)).Unpublish("Test: taken down");
            return await db.SaveChangesAsync();
        });
        Assert.Null((await ReadAsync(id, renamed)).Sampled);

        if (!postgres) return; // (SQLite: the sample is the initiatives; the copy below is PostgreSQL's)
        Assert.Equal(1, await CopiesAsync(id));
        // The trigger copies the spacing the counts scale by (its migration writes the number), and the coarse sample is part of it.
        var trigger = await Portal.WithDatabaseAsync(db => db.Database.SqlQuery<string>(
            $"""SELECT pg_get_triggerdef(oid) AS "Value" FROM pg_trigger WHERE tgname = 'Initiatives_CopyToSample'""").SingleAsync());
        Assert.Contains($"% {CatalogueFacets.SampleEvery}) = 0", trigger);
        Assert.Equal(0, CatalogueFacets.CoarseSampleEvery % CatalogueFacets.SampleEvery);
        Assert.Equal(0, await CopiesAsync(outside));
        await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == id).ExecuteDeleteAsync());
        Assert.Equal(0, await CopiesAsync(id));
    }

    /// <summary>
    /// The whole catalogue's count of every key (PostgreSQL: rows added up, kept in step by triggers on the initiatives) equals
    /// a straightforward count after every kind of change: added, published, changed, unpublished, changed in bulk, deleted,
    /// saved by several at once, and after the rows are added up into one per key. Read in one snapshot, so that other tests
    /// writing meanwhile cannot make the two differ.
    /// </summary>
    [Fact]
    public async Task The_whole_catalogues_key_counts_follow_every_change()
    {
        if (!await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())))
        {
            // (SQLite, a small portal, counts its whole catalogue from the initiatives themselves: no key counts are kept.)
            Assert.Null(await Portal.WithDatabaseAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(FacetKeyCount)))));
            return;
        }
        Task<List<string>> DifferencesAsync() => Portal.WithDatabaseAsync(async db =>
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            var kept = await db.Set<FacetKeyCount>().GroupBy(c => c.Key).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).Where(g => g.Count != 0)
                .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal);
            var counted = await db.Database.SqlQuery<KeyTotal>($"""
                SELECT k AS "Key", count(*)::int AS "Count" FROM "Initiatives", unnest("Initiatives"."FacetKeys") AS k WHERE "Initiatives"."Publication" = 1 GROUP BY k
                """).ToDictionaryAsync(r => r.Key, r => r.Count, StringComparer.Ordinal);
            return kept.Keys.Union(counted.Keys).Where(k => kept.GetValueOrDefault(k) != counted.GetValueOrDefault(k))
                .Select(k => $"{k}: kept {kept.GetValueOrDefault(k)}, counted {counted.GetValueOrDefault(k)}").ToList();
        });
        Task ChangeAsync(int id, Action<Initiative> change) => Portal.WithDatabaseAsync(async db =>
        {
            change(await db.Initiatives.Include(i => i.Countries).Include(i => i.Actors).SingleAsync(i => i.Id == id));
            return await db.SaveChangesAsync();
        });
        Task<int> KeyAsync(string key) => Portal.WithDatabaseAsync(db => db.Set<FacetKeyCount>().Where(c => c.Key == key).SumAsync(c => c.Count));

        var owner = await Portal.ActorAsync(ActorType.Government);
        var ownerKey = FacetKeys.Actor(owner.Id);
        var draft = await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null);
        Assert.Empty(await DifferencesAsync());
        Assert.Equal(0, await KeyAsync(ownerKey)); // (a draft is not counted)

        var published = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5));
        await ChangeAsync(draft, i => i.Publish(DateTime.UtcNow));
        Assert.Empty(await DifferencesAsync());
        Assert.Equal(2, await KeyAsync(ownerKey));

        await ChangeAsync(published, i => (i.Modality, i.Status) = (Modality.Triangular, ActivityStatus.Closed));
        Assert.Empty(await DifferencesAsync());
        await ChangeAsync(draft, i => i.Unpublish("Test: taken down"));
        Assert.Empty(await DifferencesAsync());
        Assert.Equal(1, await KeyAsync(ownerKey));

        // Several saved at once (each on its own connection): none waits for another on a shared count, none is lost.
        var together = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Portal.InitiativeAsync(owner, "PE", n % 2 == 0 ? "PY" : "EC", DateTime.UtcNow.AddMinutes(-n))));
        Assert.Empty(await DifferencesAsync());
        Assert.Equal(7, await KeyAsync(ownerKey));

        // Changed and deleted in bulk, without the change tracker.
        await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => together.Contains(i.Id)).ExecuteUpdateAsync(u => u.SetProperty(i => i.Publication, PublicationState.Draft)));
        Assert.Empty(await DifferencesAsync());
        Assert.Equal(1, await KeyAsync(ownerKey));
        await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == published || i.Id == draft).ExecuteDeleteAsync());
        Assert.Empty(await DifferencesAsync());
        Assert.Equal(0, await KeyAsync(ownerKey));

        // Added up: one row per key still counted (another organisation's, counted in three saves), none for a key no
        // published initiative holds any longer, the same figures.
        // (The portal's own compaction may run meanwhile, every few minutes: only what holds either way is asserted.)
        var other = await Portal.ActorAsync(ActorType.Government);
        for (var n = 0; n < 3; n++) await Portal.InitiativeAsync(other, "PE", "BO", DateTime.UtcNow.AddMinutes(-n));
        Task<List<int>> RowsAsync(string key) => Portal.WithDatabaseAsync(db => db.Set<FacetKeyCount>().Where(c => c.Key == key).Select(c => c.Count).ToListAsync());
        Assert.Equal(3, (await RowsAsync(FacetKeys.Actor(other.Id))).Sum());
        await Portal.WithDatabaseAsync(db => FacetKeyCountCompaction.RunAsync(db, CancellationToken.None));
        Assert.Empty(await DifferencesAsync());
        Assert.Equal([3], await RowsAsync(FacetKeys.Actor(other.Id)));
        Assert.Empty(await RowsAsync(ownerKey));

        // Counts that drifted (a data-only restore counts its rows twice) are counted afresh by recount-facet-keys.
        await Portal.WithDatabaseAsync(async db =>
        {
            db.Set<FacetKeyCount>().Add(new FacetKeyCount { Key = FacetKeys.Actor(other.Id), Count = 3 });
            return await db.SaveChangesAsync();
        });
        Assert.NotEmpty(await DifferencesAsync());
        Assert.True(await Portal.WithDatabaseAsync(db => FacetKeyCount.RecountAsync(db, CancellationToken.None)) > 0);
        Assert.Empty(await DifferencesAsync());
        Assert.Equal([3], await RowsAsync(FacetKeys.Actor(other.Id)));
    }

    private sealed record KeyTotal(string Key, int Count);

    /// <summary>
    /// One facet chosen and no words: every listed value's count against a straightforward count of the published
    /// initiatives' keys (the chosen facet's values over the whole catalogue, the other facets' over the result), within the
    /// limit (exact) and, on PostgreSQL, past it (the result's size and the chosen facet's values still exact, the other
    /// facets estimated); for an organisation, a country as a recipient and a status.
    /// </summary>
    [Fact]
    public async Task One_facet_without_words_counts_as_a_straightforward_count_does()
    {
        var postgres = await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql()));
        var owner = await Portal.ActorAsync(ActorType.Government);
        for (var n = 0; n < 4; n++)
            await Portal.InitiativeAsync(owner, n % 2 == 0 ? "PE" : "AR", n < 3 ? "BO" : "PY", DateTime.UtcNow.AddMinutes(-5 - n), n == 1 ? Modality.Triangular : Modality.Bilateral);
        await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null);
        // (This collection's tests run one at a time, so the catalogue does not change while this one reads it.)
        var published = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().Where(i => i.Publication == PublicationState.Published).Select(i => i.FacetKeys).ToListAsync());
        int Straight(string chosen, string key) => FacetKeys.FacetOf(key) == FacetKeys.FacetOf(chosen)
            ? published.Count(keys => keys.Contains(key))
            : published.Count(keys => keys.Contains(chosen) && keys.Contains(key));
        var prefixes = new Dictionary<string, string>
        {
            ["region"] = "r:", ["modality"] = "m:", ["instrument"] = "i:", ["status"] = "s:", ["category"] = "k:", ["sdg"] = "g:",
            ["actor"] = "a:", ["actortype"] = "t:", ["principle"] = "p:", ["year"] = "y:",
        };
        foreach (var (query, chosen) in new[]
        {
            ($"actor={owner.Id}", FacetKeys.Actor(owner.Id)),
            ("country=PY&role=recipient", FacetKeys.CountryAs(CountryFilterRole.Recipient, "PY")),
            ("status=implementation", FacetKeys.Status(ActivityStatus.Implementation)),
        })
        {
            foreach (var limit in new[] { CatalogueFacets.ExactLimit, 1 })
            {
                var (counts, filter) = await CountAsync(query, exactLimit: limit);
                var size = published.Count(keys => keys.Contains(chosen));
                if (counts.IsEstimate && !postgres) continue; // (SQLite estimates from its sample past the limit)
                Assert.True(counts.IsEstimate == size > limit, $"{query} with a limit of {limit}: {size} results, estimate {counts.IsEstimate}");
                Assert.Equal(size, counts.Total);
                foreach (var facet in counts.Facets)
                {
                    foreach (var value in facet.Values)
                    {
                        var key = facet.Parameter switch
                        {
                            "country" => filter.Role is { } role ? FacetKeys.CountryAs(role, value.Value) : FacetKeys.Country(value.Value),
                            "role" => FacetKeys.CountryAs(value.Value == "provider" ? CountryFilterRole.Provider : CountryFilterRole.Recipient, filter.Country!),
                            "actortype" => FacetKeys.ActorType(Enum.GetValues<ActorType>().Single(t => t.ToUrlValue() == value.Value)),
                            "modality" => FacetKeys.Modality(Enum.GetValues<Modality>().Single(t => t.ToUrlValue() == value.Value)),
                            "instrument" => FacetKeys.Instrument(Enum.GetValues<Instrument>().Single(t => t.ToUrlValue() == value.Value)),
                            "status" => FacetKeys.Status(Enum.GetValues<ActivityStatus>().Single(t => t.ToUrlValue() == value.Value)),
                            "assessed" => FacetKeys.Assessed,
                            _ => prefixes[facet.Parameter] + value.Value,
                        };
                        if (counts.IsEstimate && FacetKeys.FacetOf(key) != FacetKeys.FacetOf(chosen)) continue; // (the other facets are estimated past the limit)
                        Assert.True(Straight(chosen, key) == value.Count, $"{query} (limit {limit}), {facet.Parameter}={value.Value}: {value.Count}, counted {Straight(chosen, key)}");
                    }
                }
            }
        }
    }

    /// <summary>
    /// The unfiltered catalogue's counts are exact however large it is (PostgreSQL: the kept key counts; SQLite: counted), and
    /// so is the number of results of one facet chosen without words (every initiative with its key), even when its other
    /// facets are estimated.
    /// </summary>
    [Fact]
    public async Task The_whole_catalogue_and_one_facets_results_are_counted_exactly()
    {
        var postgres = await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql()));
        var owner = await Portal.ActorAsync(ActorType.Government);
        for (var n = 0; n < 3; n++) await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5 - n));
        await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null);

        var (all, _) = await CountAsync("", exactLimit: 1);
        Assert.Equal(!postgres, all.IsEstimate); // (SQLite's catalogue of more than one is estimated past a limit of one)
        if (postgres)
        {
            Assert.True(all.Total >= 3);
            // Past a limit of one the other facets are estimated; the result's size and the chosen value's count are exact.
            var (one, _) = await CountAsync($"actor={owner.Id}", exactLimit: 1);
            Assert.Equal(3, one.Total);
            Assert.Equal(3, one.Facets.Single(f => f.Parameter == "actor").Values.Single(v => v.Selected).Count);
        }
        var (exactly, _) = await CountAsync($"actor={owner.Id}");
        Assert.Equal(3, exactly.Total);
        Assert.False(exactly.IsEstimate);
    }

    /// <summary>
    /// A page with one facet chosen and no words counts that facet's values over the whole catalogue, the same question on
    /// every such page (PostgreSQL): the whole catalogue's counts are kept until the content changes, then read afresh. Here a new
    /// initiative in a year of its own is not among the kept figures until the cache starts afresh, as after any saved change.
    /// </summary>
    [Fact]
    public async Task The_whole_catalogues_figures_are_kept_until_the_content_changes()
    {
        var postgres = await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql()));
        var cache = await Portal.WithServicesAsync(services => Task.FromResult(new Web.Caching.CatalogueCache(
            new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 100 }),
            TimeProvider.System, services.GetRequiredService<IServiceScopeFactory>())));
        async Task PlannedInAsync(int id, int year) => await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.SingleAsync(i => i.Id == id);
            (initiative.ActualStart, initiative.PlannedStart, initiative.ApprovalDate) = (null, new DateOnly(year, 5, 1), null);
            return await db.SaveChangesAsync();
        });
        // One of the result in the sample, so that a limit of one makes an estimate.
        await PlannedInAsync(await InSampleAsync($"{TestData.Word()} sampled"), 2019);
        var year = Random.Shared.Next(2070, 2099); // (an imported file elsewhere is dated 2099)
        bool Shows(FacetCounts counts) => counts.Facets.Single(f => f.Parameter == "year").Values.Any(v => v.Value == year.ToString(CultureInfo.InvariantCulture));

        var (first, _) = await CountAsync("year=2019", exactLimit: 1, cache: cache);
        Assert.True(first.IsEstimate || !postgres);
        Assert.False(Shows(first));
        await PlannedInAsync(await InSampleAsync($"{TestData.Word()} sampled"), year);

        var (kept, _) = await CountAsync("year=2019", exactLimit: 1, cache: cache);
        var (fresh, _) = await CountAsync("year=2019", exactLimit: 1);
        Assert.True(Shows(fresh));
        if (postgres)
        {
            Assert.False(Shows(kept));
        }
        else Assert.True(Shows(kept)); // (SQLite reads its whole catalogue every time: a small portal)

        // Kept answers name their organisations as fresh ones do: the unfiltered catalogue and one organisation chosen.
        var owner = await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id % CatalogueFacets.SampleEvery == 0 && i.Publication == PublicationState.Published)
            .OrderByDescending(i => i.Id).Select(i => i.OwnerId).FirstAsync());
        foreach (var query in new[] { "", $"actor={owner}" })
        {
            var (computed, _) = await CountAsync(query, exactLimit: 1, cache: cache);
            var (fromKept, _) = await CountAsync(query, exactLimit: 1, cache: cache);
            var organisations = computed.Facets.Single(f => f.Parameter == "actor").Values;
            Assert.NotEmpty(organisations);
            Assert.Equal(organisations, fromKept.Facets.Single(f => f.Parameter == "actor").Values);
            Assert.Equal(computed.Facets.Select(f => f.Parameter), fromKept.Facets.Select(f => f.Parameter));
        }

        cache.Invalidate();
        var (afresh, _) = await CountAsync("year=2019", exactLimit: 1, cache: cache);
        Assert.True(Shows(afresh));
        Assert.Equal(fresh.Facets.Single(f => f.Parameter == "year").Values.Single(v => v.Value == year.ToString(CultureInfo.InvariantCulture)).Count,
            afresh.Facets.Single(f => f.Parameter == "year").Values.Single(v => v.Value == year.ToString(CultureInfo.InvariantCulture)).Count);
    }

    /// <summary>Whether an initiative answers one address parameter's value (the role read with the filter's country).</summary>
    private static bool Answers(Known i, string parameter, string value, InitiativeFilter filter) => parameter switch
    {
        "country" => filter.Role switch
        {
            CountryFilterRole.Provider => i.Providers.Contains(value),
            CountryFilterRole.Recipient => i.Recipients.Contains(value),
            _ => i.Countries.Contains(value),
        },
        "role" => value == "provider" ? i.Providers.Contains(filter.Country!) : i.Recipients.Contains(filter.Country!),
        "region" => i.Regions.Contains(value),
        "modality" => i.Modality.ToUrlValue() == value,
        "instrument" => i.Instrument.ToUrlValue() == value,
        "status" => i.Status.ToUrlValue() == value,
        "category" => i.Categories.Contains(value),
        "sdg" => i.Goals.Contains(int.Parse(value, CultureInfo.InvariantCulture)),
        "actor" => i.Actors.Contains(int.Parse(value, CultureInfo.InvariantCulture)),
        "actortype" => i.ActorTypes.Any(t => t.ToUrlValue() == value),
        "principle" => i.Principles.Contains(value),
        "year" => i.Year?.ToString(CultureInfo.InvariantCulture) == value,
        "assessed" => i.Assessed,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, null),
    };

    private Task<(FacetCounts Counts, InitiativeFilter Filter)> CountAsync(string query, int? exactLimit = null, bool exactly = false,
        TimeSpan? typoBudget = null, bool typoFallback = false, int coarseEnough = CatalogueFacets.CoarseEnough, int coarseEvery = CatalogueFacets.CoarseSampleEvery,
        Web.Caching.CatalogueCache? cache = null) =>
        Portal.WithServicesAsync(async services =>
        {
            var names = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
            var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var filter = InitiativeFilter.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), names, L);
            if (typoFallback) filter.UseTypoFallback();
            var db = services.GetRequiredService<AppDbContext>();
            var counts = exactly
                ? await CatalogueFacets.CountExactlyAsync(filter, db, names, L, CancellationToken.None)
                : await CatalogueFacets.CountAsync(filter, db, names, L, CancellationToken.None, exactLimit ?? CatalogueFacets.ExactLimit, typoBudget, coarseEnough, coarseEvery, cache);
            return (counts, filter);
        });

    [Theory]
    [InlineData("")]
    [InlineData("country=PE")]
    [InlineData("country=PE&role=provider&modality=bilateral")]
    [InlineData("category=311&sdg=4")]
    [InlineData("year=2019&region=lac&status=implementation")]
    [InlineData("actortype=nationalcso&principle={principle}&assessed=yes")]
    public async Task Every_facet_counts_what_choosing_its_value_would_give(string filters)
    {
        var word = await WorldAsync();
        var known = await KnownAsync(word);
        Assert.Equal(8, known.Count);
        var principle = await Portal.WithDatabaseAsync(db => db.Principles.OrderBy(p => p.Code).Select(p => p.Code).FirstAsync());
        var query = $"q={word}" + (filters.Length > 0 ? "&" + filters.Replace("{principle}", principle, StringComparison.Ordinal) : "");
        var (counts, filter) = await CountAsync(query);
        Assert.Empty(filter.Problems);
        Assert.False(counts.IsEstimate);

        var chosen = filter.Values().Where(v => v.Value is not null && v.Key != "q").ToList();
        bool AnswersAllBut(Known i, string left) => chosen
            .Where(c => left is "role" or "country" ? c.Key is not ("country" or "role") : c.Key != left)
            .All(c => Answers(i, c.Key, c.Value!, filter));
        Assert.Equal(known.Count(i => chosen.All(c => Answers(i, c.Key, c.Value!, filter))), counts.Total);

        foreach (var facet in counts.Facets)
            foreach (var value in facet.Values)
            {
                var expected = known.Count(i => AnswersAllBut(i, facet.Parameter) && Answers(i, facet.Parameter, value.Value, filter));
                Assert.True(expected == value.Count, $"{query}: {facet.Parameter}={value.Value} counted {value.Count}, expected {expected}");
            }
        // And nothing that has results is missing from the facets (the organisation list aside, which shows the biggest).
        foreach (var (parameter, values) in new (string, IEnumerable<string>)[]
                 {
                     ("modality", known.Select(i => i.Modality.ToUrlValue())), ("status", known.Select(i => i.Status.ToUrlValue())),
                     ("category", known.SelectMany(i => i.Categories)), ("sdg", known.SelectMany(i => i.Goals.Select(g => g.ToString(CultureInfo.InvariantCulture)))),
                     ("year", known.Select(i => i.Year!.Value.ToString(CultureInfo.InvariantCulture))),
                 })
            foreach (var value in values.Distinct())
            {
                var expected = known.Count(i => AnswersAllBut(i, parameter) && Answers(i, parameter, value, filter));
                if (expected > 0) Assert.Contains(counts.Facets.Single(f => f.Parameter == parameter).Values, v => v.Value == value);
            }
    }

    [Fact]
    public async Task A_result_too_large_to_count_is_estimated_and_the_exact_counts_agree_with_the_page()
    {
        var word = await WorldAsync();
        var query = $"q={word}&country=PE";
        var (estimated, _) = await CountAsync(query, exactLimit: 2);
        Assert.True(estimated.IsEstimate);
        var (exact, _) = await CountAsync(query);
        var (background, _) = await CountAsync(query, exactly: true);
        Assert.False(exact.IsEstimate);
        Assert.Equal(4, exact.Total);
        Assert.Equal(exact.Total, background.Total);
        Assert.Equal(
            exact.Facets.SelectMany(f => f.Values.Select(v => $"{f.Parameter}={v.Value}:{v.Count}")),
            background.Facets.SelectMany(f => f.Values.Select(v => $"{f.Parameter}={v.Value}:{v.Count}")));
    }

    /// <summary>
    /// A very large result (PostgreSQL) is estimated from the coarse sample when it holds enough of it: each count is the
    /// coarse sample's, counted by the same rule as the exact ones, times its spacing. Here the spacing is made small and
    /// "enough" one initiative, so that the eight of the test world make a very large result.
    /// </summary>
    [Fact]
    public async Task A_very_large_result_is_estimated_from_the_coarse_sample_by_the_same_rule()
    {
        var word = await WorldAsync(inSample: true);
        var known = await KnownAsync(word);
        // A spacing that puts in the coarse sample at least one of the eight that answers the filter and one that does not (ids
        // are whatever the shared database gave).
        bool Bilateral(Known i) => i.Modality == Modality.Bilateral;
        var every = Enumerable.Range(2, 60).First(n => known.Any(i => i.Id % n == 0 && Bilateral(i)) && known.Any(i => i.Id % n == 0 && !Bilateral(i)));
        var query = $"q={word}&modality=bilateral"; // (with one facet chosen, every initiative with the word counts for some facet)
        var (coarse, filter) = await CountAsync(query, exactLimit: 1, coarseEnough: 1, coarseEvery: every);
        if (!await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())))
        {
            // SQLite (a small portal) has the one sample: too many to count is estimated from it.
            Assert.True(coarse.IsEstimate);
            Assert.Equal(CatalogueFacets.SampleEvery * known.Count(i => i.Id % CatalogueFacets.SampleEvery == 0 && Bilateral(i)), coarse.Total);
            return;
        }

        Assert.True(coarse.IsEstimate);
        var sampled = known.Where(i => i.Id % every == 0).ToList();
        var chosen = filter.Values().Where(v => v.Value is not null && v.Key != "q").ToList();
        bool AnswersAllBut(Known i, string left) => chosen.Where(c => c.Key != left).All(c => Answers(i, c.Key, c.Value!, filter));
        Assert.Equal(every * sampled.Count(Bilateral), coarse.Total);
        foreach (var facet in coarse.Facets)
            foreach (var value in facet.Values)
            {
                var expected = every * sampled.Count(i => AnswersAllBut(i, facet.Parameter) && Answers(i, facet.Parameter, value.Value, filter));
                Assert.True(expected == value.Count, $"{query}: {facet.Parameter}={value.Value} estimated {value.Count}, expected {expected}");
            }
        Assert.Contains(coarse.Facets.Where(f => f.Parameter == "sdg").SelectMany(f => f.Values), v => v.Count > 0);

        // Enough candidates in the coarse sample but not enough of them answering the filter: not the coarse sample's
        // estimate (a country with a few hundred of a million initiatives is not "about 0"), but the finer sample's or the
        // exact counts.
        var (finer, _) = await CountAsync(query, coarseEnough: sampled.Count(Bilateral) + 1, coarseEvery: every);
        Assert.False(finer.IsEstimate);
        Assert.Equal(known.Count(Bilateral), finer.Total);
    }

    /// <summary>
    /// An estimate is made per question the page asks (PostgreSQL): a chosen facet's own values are counted over every
    /// initiative with the words, which the coarse sample may answer, while the result itself (and the other facets) may be
    /// too few in it and come from the finer sample. Each figure is then its own sample's count times that sample's spacing,
    /// and the chosen value's figure is the result's.
    /// </summary>
    [Fact]
    public async Task Each_question_of_an_estimate_takes_the_coarse_sample_only_when_enough_of_it_answers_that_question()
    {
        var word = await WorldAsync(inSample: true);
        await InSampleAsync($"{word} cooperation sampled"); // (so that the finer sample's figures are not all zero)
        var known = await KnownAsync(word);
        bool Bilateral(Known i) => i.Modality == Modality.Bilateral;
        // A spacing whose sample holds one of the eight that is bilateral and one that is not: "enough" is all it holds,
        // which the words alone reach and the bilateral ones do not.
        var every = Enumerable.Range(2, 60).First(n => known.Any(i => i.Id % n == 0 && Bilateral(i)) && known.Any(i => i.Id % n == 0 && !Bilateral(i)));
        var coarselySampled = known.Where(i => i.Id % every == 0).ToList();
        var query = $"q={word}&modality=bilateral";
        var (counts, filter) = await CountAsync(query, exactLimit: 1, coarseEnough: coarselySampled.Count, coarseEvery: every);
        Assert.True(counts.IsEstimate);
        var finelySampled = known.Where(i => i.Id % CatalogueFacets.SampleEvery == 0 && Bilateral(i)).ToList();
        Assert.NotEmpty(finelySampled);
        if (!await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())))
        {
            // SQLite (a small portal) has the one sample: every figure is the sample's.
            Assert.Equal(CatalogueFacets.SampleEvery * finelySampled.Count, counts.Total);
            return;
        }

        var modalities = counts.Facets.Single(f => f.Parameter == "modality").Values;
        foreach (var modality in coarselySampled.Select(i => i.Modality).Distinct())
        {
            var expected = every * coarselySampled.Count(i => i.Modality == modality);
            var shown = modalities.SingleOrDefault(v => v.Value == modality.ToUrlValue());
            if (modality != Modality.Bilateral) Assert.True(expected == shown?.Count, $"{modality}: estimated {shown?.Count}, expected {expected} (coarse sample)");
        }
        Assert.Contains(modalities, v => v.Value != "bilateral" && v.Count > 0);

        Assert.Equal(CatalogueFacets.SampleEvery * finelySampled.Count, counts.Total);
        Assert.Equal(counts.Total, modalities.SingleOrDefault(v => v.Value == "bilateral")?.Count ?? 0);
        foreach (var facet in counts.Facets.Where(f => f.Parameter is not ("modality" or "actor")))
            foreach (var value in facet.Values)
            {
                var expected = CatalogueFacets.SampleEvery * finelySampled.Count(i => Answers(i, facet.Parameter, value.Value, filter));
                Assert.True(expected == value.Count, $"{query}: {facet.Parameter}={value.Value} estimated {value.Count}, expected {expected} (sample)");
            }
        Assert.Contains(counts.Facets.Where(f => f.Parameter == "sdg").SelectMany(f => f.Values), v => v.Count > 0);
    }

    [Fact]
    public async Task Close_titles_not_found_within_the_budget_say_nothing_matches_for_now_and_the_background_finds_them()
    {
        var word = await WorldAsync();
        var mistyped = $"q={word[..^1]}x";
        var postgres = await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql()));

        // Within the budget (PostgreSQL; a generous one, so that a busy test machine does not decide): the eight titles close
        // to the mistyped word stand in.
        var (found, foundFilter) = await CountAsync(mistyped, typoBudget: TimeSpan.FromMinutes(1));
        // Out of time at once: nothing matches for now, the reader is not kept waiting, and it is marked to be looked for again.
        var (late, lateFilter) = await CountAsync(mistyped, typoBudget: TimeSpan.Zero);
        // What the background then computes (the page asks for the close titles' exact counts).
        var (background, _) = await CountAsync(mistyped, exactly: true, typoFallback: true);

        if (postgres)
        {
            // (At least the eight: another test's word may come close too, and the background finds the same ones.)
            Assert.True(foundFilter.IsTypoFallback);
            Assert.True(found.Total >= 8, $"{found.Total} close titles");
            Assert.True(late.TypoTimedOut);
            Assert.True(lateFilter.TypoTimedOut);
            Assert.False(lateFilter.IsTypoFallback);
            Assert.Equal(0, late.Total);
            Assert.True(background.Total >= 8, $"{background.Total} close titles in the background");
        }
        else
        {
            // SQLite has no trigram index: a search that finds nothing says so, and nothing waits in the background.
            Assert.False(foundFilter.IsTypoFallback);
            Assert.Equal(0, found.Total);
            Assert.False(late.TypoTimedOut);
        }
    }

    /// <summary>
    /// Titles close to words that find nothing stand in only when there are some and not thousands: thousands (a common
    /// word ending) are no suggestion, and listing them would mean comparing the words with every one. The catalogue's
    /// counts and the lists (API, export, figures) decide by the same rule (<see cref="InitiativeFilter.DecideTypoFallbackAsync"/>).
    /// </summary>
    [Fact]
    public async Task Close_titles_stand_in_only_when_there_are_some_and_not_thousands()
    {
        var word = await WorldAsync();
        var mistyped = $"q={word[..^1]}x";
        var postgres = await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql()));
        var budget = TimeSpan.FromMinutes(1); // generous: a busy test machine does not decide

        // The eight close titles are "thousands" when the page counts at most two exactly: nothing matches, and that is final
        // (nothing is left to look for in the background).
        var (many, manyFilter) = await CountAsync(mistyped, exactLimit: 2, typoBudget: budget);
        Assert.False(manyFilter.IsTypoFallback);
        Assert.Equal(0, many.Total);
        Assert.False(many.TypoTimedOut);
        Assert.False(many.IsEstimate);
        // Within the limit they stand in, on the catalogue and for the lists alike (PostgreSQL: SQLite has no trigrams).
        var (few, fewFilter) = await CountAsync(mistyped, typoBudget: budget);
        Assert.Equal(postgres, fewFilter.IsTypoFallback);
        // (At least the eight: another test's word may come close too.)
        if (postgres) Assert.True(few.Total >= 8, $"{few.Total} close titles");
        else Assert.Equal(0, few.Total);
        Assert.Equal(postgres, await PreparedForListsAsync(mistyped, budget));
        Assert.Equal(postgres, await PreparedForListsAsync($"{mistyped}&country=PE", budget));
        // Letters close to no title: nothing stands in.
        Assert.False(await PreparedForListsAsync("q=qqzxqzjxv", budget));
        // The words find initiatives, only not with the filters: the words are not mistyped, nothing stands in, on the
        // catalogue (with one filter or two) and for the lists.
        Assert.False(await PreparedForListsAsync($"q={word}&country=AQ", budget));
        foreach (var filtered in new[] { $"q={word}&country=AQ", $"q={word}&country=AQ&sdg=4" })
        {
            var (none, noneFilter) = await CountAsync(filtered, typoBudget: budget);
            Assert.False(noneFilter.IsTypoFallback, filtered);
            Assert.Equal(0, none.Total);
        }
    }

    /// <summary>
    /// Whether titles close to mistyped words are "thousands" (no suggestion) is asked of the sample's own trigram index
    /// first (PostgreSQL): when its share of the limit is there, the titles are not counted one by one. With a limit whose
    /// share is one title, one close title in the sample is enough.
    /// </summary>
    [Fact]
    public async Task Whether_close_titles_are_thousands_is_asked_of_the_sample_first()
    {
        var word = await WorldAsync();
        var mistyped = word[..^1] + "x";
        await InSampleAsync($"{word} cooperation sampled");
        if (!await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())))
        {
            // SQLite has no trigrams: titles close to a mistyped word are never looked for.
            Assert.False(await Portal.WithDatabaseAsync(db => Task.FromResult(InitiativeSearch.CanFallBackOnTitles(mistyped, db))));
            return;
        }
        // What a straightforward reading finds: how many titles come close, and how many of them in the sample.
        var (close, inSample) = await Portal.WithDatabaseAsync(async db =>
        {
            var titles = await db.Initiatives.Where(i => i.Publication == PublicationState.Published
                    && EF.Functions.TrigramsWordSimilarity(mistyped, i.SearchTitle) >= InitiativeSearch.TypoSimilarity)
                .Select(i => i.Id).ToListAsync();
            return (titles.Count, titles.Count(id => id % CatalogueFacets.SampleEvery == 0));
        });
        Assert.InRange(close, 9, 40);
        Assert.InRange(inSample, 1, CatalogueFacets.SampleSaysMany(CatalogueFacets.ExactLimit) - 1);
        Task<InitiativeFilter.TypoDecision> DecideAsync(int most) => Portal.WithServicesAsync(async services =>
        {
            var names = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
            var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var filter = InitiativeFilter.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("q=" + mistyped)), names, L);
            return await filter.DecideTypoFallbackAsync(services.GetRequiredService<AppDbContext>(), wordsFindNothing: true, CancellationToken.None, TimeSpan.FromMinutes(1), most);
        });
        // A limit of 40, whose share in the sample is one title: the one there says "thousands", though the close titles
        // are fewer than 40.
        Assert.Equal(1, CatalogueFacets.SampleSaysMany(40));
        Assert.Equal(InitiativeFilter.TypoDecision.Nothing, await DecideAsync(40));
        // The page's limit: the sample's few say nothing, the titles are counted, and they stand in.
        Assert.Equal(InitiativeFilter.TypoDecision.CloseTitles, await DecideAsync(CatalogueFacets.ExactLimit));
    }

    private Task<bool> PreparedForListsAsync(string query, TimeSpan typoBudget) =>
        Portal.WithServicesAsync(async services =>
        {
            var names = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
            var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var filter = InitiativeFilter.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), names, L);
            await filter.PrepareAsync(services.GetRequiredService<AppDbContext>(), CancellationToken.None, typoBudget);
            return filter.IsTypoFallback;
        });

    [Fact]
    public async Task The_figures_of_a_result_too_large_are_estimated_from_a_sample_and_the_exact_ones_agree_with_a_straightforward_count()
    {
        var word = await WorldAsync(inSample: true);
        var known = await KnownAsync(word);
        var query = $"q={word}&country=PE";
        var (estimated, exact) = await Portal.WithServicesAsync(async services =>
        {
            var names = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
            var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var filter = InitiativeFilter.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), names, L);
            var db = services.GetRequiredService<AppDbContext>();
            return (await SscPortal.Web.Pages.Stats.IndexModel.ComputeAsync(db, filter, names, L, CancellationToken.None, exactLimit: 2),
                await SscPortal.Web.Pages.Stats.IndexModel.ComputeAsync(db, filter, names, L, CancellationToken.None, exactLimit: null));
        });
        // A very large result (PostgreSQL): from the coarse sample when it holds enough (here made "every n-th, one is enough").
        var every = Enumerable.Range(2, 30).First(n => known.Any(i => i.Id % n == 0 && i.Countries.Contains("PE")));
        var coarse = await Portal.WithServicesAsync(async services =>
        {
            var names = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
            var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var filter = InitiativeFilter.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), names, L);
            return await SscPortal.Web.Pages.Stats.IndexModel.ComputeAsync(services.GetRequiredService<AppDbContext>(), filter, names, L, CancellationToken.None,
                exactLimit: 2, coarseEnough: 1, coarseEvery: every);
        });
        Assert.True(coarse.IsEstimate);
        static bool CivilSociety(Known i) => AccessTable.KindOf(i.OwnerType) == OrganisationKind.CivilSociety;
        if (await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())))
        {
            Assert.Equal(every * known.Count(i => i.Id % every == 0 && i.Countries.Contains("PE")), coarse.Total);
            // (Whose records they are is read from the sample too: the owners' kinds.)
            Assert.Equal(every * known.Count(i => i.Id % every == 0 && i.Countries.Contains("PE") && CivilSociety(i)), coarse.CivilSocietyRecords);
        }
        else
            Assert.Equal(estimated.Total, coarse.Total); // SQLite has the one sample

        // Estimated: counted over every 50th initiative and multiplied, and said to be an estimate.
        Assert.True(estimated.IsEstimate);
        Assert.Equal(0, estimated.Total % CatalogueFacets.SampleEvery);
        var sampled = known.Where(i => i.Id % CatalogueFacets.SampleEvery == 0 && i.Countries.Contains("PE")).ToList();
        Assert.Equal(CatalogueFacets.SampleEvery * sampled.Count, estimated.Total);
        Assert.Equal(CatalogueFacets.SampleEvery * sampled.Count(CivilSociety), estimated.CivilSocietyRecords);
        if (await Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())))
            Assert.Contains(sampled, CivilSociety); // (the world is in the sample there: the figure is not zero by chance)
        // Exact (what the background computes): the same as counting the data set by hand.
        var matching = known.Where(i => i.Countries.Contains("PE")).ToList();
        Assert.False(exact.IsEstimate);
        Assert.Equal(matching.Count, exact.Total);
        Assert.Equal(matching.Count(i => i.Assessed), exact.Assessed);
        var byModality = exact.Charts.Single(c => c.Id == "by-modality").Bars.Sum(b => b.Value);
        Assert.Equal(matching.Count, byModality);
    }

    /// <summary>
    /// The page's figures (one pass over the matching initiatives' facet keys, tallied in the portal) are the same, bar for bar
    /// and pair for pair, as the database's grouping of their parts (what the background computes over a large result).
    /// </summary>
    [Fact]
    public async Task The_pages_figures_from_the_facet_keys_are_the_same_as_the_databases_grouping_of_the_parts()
    {
        var word = await WorldAsync();
        var known = await KnownAsync(word);
        foreach (var query in new[] { $"q={word}", $"q={word}&country=PE", $"q={word}&modality=bilateral&assessed=yes", $"q={word}&region=lac&sdg=4" })
        {
            var (page, grouped) = await Portal.WithServicesAsync(async services =>
            {
                var names = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
                var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
                var filter = InitiativeFilter.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), names, L);
                var db = services.GetRequiredService<AppDbContext>();
                return (await SscPortal.Web.Pages.Stats.IndexModel.ComputeAsync(db, filter, names, L, CancellationToken.None),
                    await SscPortal.Web.Pages.Stats.IndexModel.ComputeAsync(db, filter, names, L, CancellationToken.None, exactLimit: null));
            });
            Assert.False(page.IsEstimate);
            Assert.True(page.Total > 0, $"{query} matched nothing");
            Assert.Equal((grouped.Total, grouped.CivilSocietyRecords, grouped.Assessed), (page.Total, page.CivilSocietyRecords, page.Assessed));
            Assert.Equal(grouped.Charts.Select(c => c.Id), page.Charts.Select(c => c.Id));
            foreach (var (expected, actual) in grouped.Charts.Zip(page.Charts))
                Assert.Equal(expected.Bars.Select(b => $"{b.Label}={b.Value}").Order(StringComparer.Ordinal), actual.Bars.Select(b => $"{b.Label}={b.Value}").Order(StringComparer.Ordinal));
            Assert.Equal(grouped.Years, page.Years);
            Assert.Equal(grouped.ByYearAndModality.OrderBy(p => p.Key), page.ByYearAndModality.OrderBy(p => p.Key));
            Assert.Equal(grouped.Pairs, page.Pairs);
        }
        // And the page's figures agree with counting the data set by hand.
        var (all, _) = await Portal.WithServicesAsync(async services =>
        {
            var names = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
            var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var filter = InitiativeFilter.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery($"q={word}")), names, L);
            return (await SscPortal.Web.Pages.Stats.IndexModel.ComputeAsync(services.GetRequiredService<AppDbContext>(), filter, names, L, CancellationToken.None), 0);
        });
        Assert.Equal(known.Count, all.Total);
        Assert.Equal(known.Count(i => i.Assessed), all.Assessed);
        Assert.Equal(
            known.SelectMany(i => i.Providers.SelectMany(p => i.Recipients.Where(r => r != p).Select(r => $"{p}-{r}"))).GroupBy(x => x).Select(g => $"{g.Key}:{g.Count()}").Order(StringComparer.Ordinal),
            all.Pairs.Select(p => $"{p.Provider}-{p.Recipient}:{p.Count}").Order(StringComparer.Ordinal));
        Assert.Equal(
            known.SelectMany(i => i.Regions).GroupBy(r => r).Select(g => g.Count()).Order(),
            all.Charts.Single(c => c.Id == "by-region").Bars.Select(b => b.Value).Order());
    }

    [Fact]
    public async Task A_search_with_three_facets_takes_at_most_four_statements()
    {
        var word = await WorldAsync();
        using var client = Portal.CreateClient();
        foreach (var url in new[]
                 {
                     $"/initiatives?q={word}&country=PE&modality=bilateral&sdg=4",
                     $"/initiatives?q={word}+cooperation&region=lac&status=implementation&year=2019",
                     $"/initiatives?q=%22{word}+cooperation%22&category=311&actortype=government&assessed=yes",
                     // A word mistyped: the titles close to it stand in, still within the bound.
                     $"/initiatives?q={word[..^1]}x&modality=bilateral&country=PE&sdg=4",
                     "/initiatives?modality=triangular&status=implementation&sdg=16",
                 })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
            var statements = int.Parse(response.Headers.GetValues(SqlStatementCounter.Header).Single(), CultureInfo.InvariantCulture);
            Assert.True(statements <= 4, $"{url} took {statements} statements");
        }
    }

    [Fact]
    public async Task A_change_to_an_initiative_or_its_assessment_moves_its_facet_keys_with_it()
    {
        var word = await WorldAsync();
        var id = (await KnownAsync(word)).First(i => !i.Assessed).Id;
        var before = (await CountAsync($"q={word}&assessed=yes")).Counts.Total;
        var assessor = await Portal.ActorAsync(ActorType.InternationalCso);
        await Portal.AssessmentAsync(assessor, id, DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(before + 1, (await CountAsync($"q={word}&assessed=yes")).Counts.Total);

        await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.SingleAsync(i => i.Id == id);
            initiative.Modality = Modality.Regional;
            return await db.SaveChangesAsync();
        });
        var keys = await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == id).Select(i => i.FacetKeys).SingleAsync());
        Assert.Contains(FacetKeys.Modality(Modality.Regional), keys);
        Assert.Contains(FacetKeys.Assessed, keys);
        Assert.DoesNotContain(FacetKeys.Modality(Modality.Bilateral), keys);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class FacetCountOnSqlite(SqlitePortalFixture fixture) : FacetCountTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class FacetCountOnPostgres(PostgresPortalFixture fixture) : FacetCountTests(fixture);
