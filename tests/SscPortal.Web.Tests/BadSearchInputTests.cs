using System.Net;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Searches nobody means, or that try to break the query language: stop words only, a hundred terms, nested quotes and
/// the full-text operators, a phrase of 1,000 characters, a query as long as an address may carry. Each is answered as a
/// normal page (200) or refused with a message (400), on the catalogue, the API, the figures and the CSV export; never a
/// 500, never a statement stopped by the timeout (503).
/// </summary>
public abstract class BadSearchInputTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static readonly string[] Addresses = ["/initiatives", "/api/v1/initiatives", "/stats", "/export/initiatives.csv"];

    private static readonly string[] Vocabulary =
    [
        "water", "farming", "health", "school", "meals", "cooperation", "agua", "salud", "escuela", "saúde", "educação", "eau", "santé",
        "training", "seeds", "milk", "banks", "energy", "solar", "climate", "resilience", "fisheries", "coffee", "tourism", "tax",
    ];

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>
        {
            { "English stop words only", "the of and" },
            { "Spanish stop words only", "de la y" },
            { "Portuguese stop words only", "o e" },
            { "French stop words only", "le et" },
            { "nested quotes", "\"a \"b\" c\"" },
            { "an excluded quoted exclusion", "-\"-x\"" },
            { "tsquery operators", "((a|b)&!c)" },
            { "the phrase operator", "a <-> b" },
            { "a bare prefix operator", ":*" },
            { "operators and quotes only", "!&|()<->:*\"\"-" },
            { "backslashes and quotes", "\\' \\\" '' \\" },
        };
        data.Add("a hundred terms", string.Join(' ', Enumerable.Range(0, 100).Select(i => Vocabulary[i % Vocabulary.Length] + (i / Vocabulary.Length))));
        var phrase = string.Join(' ', Enumerable.Range(0, 200).Select(i => Vocabulary[i % Vocabulary.Length]));
        data.Add("a quoted phrase of 1,000 characters", "\"" + phrase[..998] + "\"");
        // Plain letters and spaces, so that the query string (2,003 characters) stays within the 2,048 an address may carry.
        data.Add("a query of 2,000 characters", string.Concat(Enumerable.Range(0, 400).Select(i => "word" + (char)('a' + i % 26) + " "))[..2000]);
        return data;
    }

    /// <summary>The query string as a browser sends it from the search box: spaces as '+', the rest escaped.</summary>
    private static string Query(string q) => "?q=" + Uri.EscapeDataString(q).Replace("%20", "+", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_search_nobody_means_is_answered_or_refused_with_a_message_never_a_failure(string what, string q)
    {
        var query = Query(q);
        Assert.True(query.Length <= 2048, $"{what}: the query string is {query.Length} characters, over the portal's 2,048");
        using var client = Portal.CreateClient();
        foreach (var address in Addresses)
        {
            using var response = await client.GetAsync(new Uri(address + query, UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                $"{what} on {address}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
                Assert.False(string.IsNullOrWhiteSpace(body), $"{what} on {address}: refused without a message");
        }
    }

    [Fact]
    public async Task A_query_string_longer_than_an_address_may_carry_is_refused_not_failed()
    {
        using var client = Portal.CreateClient();
        var q = string.Concat(Enumerable.Repeat("water ", 400));
        foreach (var address in Addresses)
        {
            using var response = await client.GetAsync(new Uri(address + Query(q), UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class BadSearchInputOnSqlite(SqlitePortalFixture fixture) : BadSearchInputTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class BadSearchInputOnPostgres(PostgresPortalFixture fixture) : BadSearchInputTests(fixture);
