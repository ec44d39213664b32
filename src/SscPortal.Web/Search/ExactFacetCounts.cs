using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Search;

/// <summary>
/// Counts exactly, in the background, the facets a page could only estimate (a very large result): one question at a
/// time, on a scope of its own (never a reader's request or its cancellation), the answer kept in the
/// <see cref="CatalogueCache"/> for the next reader of the same question. Questions beyond a short queue are dropped
/// (the page keeps its estimate), so a burst of new broad searches cannot pile work onto the database.
/// </summary>
public sealed class ExactFacetCounts(IServiceScopeFactory scopes, CatalogueCache cache, ILogger<ExactFacetCounts> logger) : BackgroundService
{
    private readonly Channel<Question> _queue = Channel.CreateBounded<Question>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropWrite });

    private sealed record Question(string Key, string Query, string Culture, bool IsTypoFallback, long Generation);

    /// <summary>The cache key of a question's exact counts.</summary>
    public static string KeyFor(InitiativeFilter filter) => $"facets-exact|{CultureInfo.CurrentUICulture.Name}|{filter.Link("")}";

    /// <summary>Asks for the exact counts of the current filter (returns at once).</summary>
    public void Request(InitiativeFilter filter) =>
        _queue.Writer.TryWrite(new Question(KeyFor(filter), filter.Link(""), CultureInfo.CurrentUICulture.Name, filter.IsTypoFallback, cache.Generation));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var question in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (question.Generation != cache.Generation || cache.TryGet<FacetCounts>(question.Key, out _)) continue;
            try
            {
                await CountAsync(question, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Exact facet counts for {Question} could not be computed; readers keep the estimate", question.Query);
            }
        }
    }

    private async Task CountAsync(Question question, CancellationToken stoppingToken)
    {
        var culture = CultureInfo.GetCultureInfo(question.Culture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var names = await services.GetRequiredService<ReferenceData>().GetAsync(stoppingToken);
        var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var filter = InitiativeFilter.FromLink(question.Query, question.IsTypoFallback, names, L);
        var db = ReadOnlyDb.From(services);
        var counts = await CatalogueFacets.CountExactlyAsync(filter, db, names, L, stoppingToken);
        cache.Set(question.Key, counts, question.Generation);
    }
}

public static class SearchSetup
{
    /// <summary>Program.cs: <c>builder.Services.AddPortalSearch();</c></summary>
    public static IServiceCollection AddPortalSearch(this IServiceCollection services)
    {
        services.AddSingleton<ExactFacetCounts>();
        services.AddHostedService(provider => provider.GetRequiredService<ExactFacetCounts>());
        return services;
    }
}
