using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Hostile input, everywhere at once: every GET address and query parameter the running portal has, and every POST
/// handler, fed what an attacker or a broken client sends. Whatever comes in, the answer is a page or a proper 4xx:
/// never a 500, never a broken status line, never the input echoed unencoded.
/// </summary>
public abstract class HostileInputTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>A marker that must never come back as markup: echoed, it has to be encoded.</summary>
    private const string Probe = "<x-probe>";

    /// <summary>What is sent to every parameter: (a name for the report, the raw value).</summary>
    private static readonly (string Name, string Value)[] HostileValues =
    [
        ("empty", ""),
        ("10,000 characters", new string('a', 10_000)),
        ("NUL", "a\0b"),
        ("control characters", "\u0001\t\r\n\u001b\u007f"),
        ("unmatched quotes", "a'\"b"),
        ("tsquery operators", "a & | ! :* <-> (b"),
        ("huge number", "99999999999999999999"),
        ("negative number", "-1"),
        ("markup", Probe + "\"'"),
    ];

    private static readonly string[] BadIds = ["0", "-1", "2147483647", "99999999999", "abc"];

    [Fact]
    public async Task Every_get_address_and_query_parameter_answers_hostile_values_with_a_page_or_a_4xx_never_a_500_or_an_echo()
    {
        var routes = GetRouteDiscovery.Discover(Portal);
        // The discovery must see the portal as it is: pages with their filters, route values and the JSON API.
        Assert.Contains(routes, r => r.Template == "/admin/audit" && r.Query.Contains("user"));
        Assert.Contains(routes, r => r.Template == "/api/v1/initiatives" && r.Query.Contains("q") && r.Query.Contains("limit"));
        Assert.Contains(routes, r => r.Template == "/initiatives/{id:int}" && r.RouteParameters.Contains("id"));
        // The exports declare the filters they read (OpenData/ApiQuery.cs), as the API and the feeds do.
        Assert.Contains(routes, r => r.Template == "/export/initiatives.csv" && r.Query.Contains("country") && r.Query.Contains("q"));
        Assert.Contains(routes, r => r.Template == "/export/iati/activities.xml" && r.Query.Contains("sdg") && r.Query.Contains("year"));
        Assert.Contains(routes, r => r.Template == "/recommendations.csv" && r.Query.Contains("priority") && r.Query.Contains("organisation"));
        Assert.Contains(routes, r => r.Template == "/export/testimonies.csv" && r.Query.Contains("assessment"));

        var ids = await RealIdsAsync();
        await using var world = await AccessWorld.CreateAsync(Portal);
        var anonymous = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var (administrator, _) = await world.ClientAsync(Role.Administrator);

        // Query parameters the pages read straight from the address (the catalogue's filters): found in the links and
        // GET forms the pages themselves render.
        var linked = await LinkedParametersAsync(administrator, routes, ids);

        var requests = new List<(string Route, string Parameter, string Value, string Url)>();
        foreach (var route in routes)
        {
            var real = Substitute(route, ids);
            var parameters = route.Query.Concat(linked.GetValueOrDefault(route.Template) ?? []).Distinct().ToList();
            if (route.Handlers.Count > 0) parameters.Add("handler");
            // The language may be chosen on any address (?culture=); one page stands for all.
            if (route.Template == "/") parameters.Add("culture");
            // Each real record (a published one, a draft) is shown; the parameters are tried on the first.
            requests.AddRange(real.Select(url => (route.Template, "(none)", "real ids", url)));
            foreach (var parameter in parameters)
            {
                var url = real[0];
                foreach (var (name, value) in HostileValues)
                    requests.Add((route.Template, parameter, name, $"{url}?{Uri.EscapeDataString(parameter)}={Uri.EscapeDataString(value)}"));
                requests.Add((route.Template, parameter, "repeated", $"{url}?{parameter}=1&{parameter}={Uri.EscapeDataString(Probe)}&{parameter}="));
            }
            // Route values: the bad ones, and for text values every hostile value.
            foreach (var parameter in route.RouteParameters)
            {
                var isNumber = route.Template.Contains($"{{{parameter}:int}}", StringComparison.OrdinalIgnoreCase);
                // (A NUL in the path never reaches the portal: Kestrel refuses it with 400, and the in-memory test server cannot send it.)
                var bad = isNumber ? BadIds.Select(b => (Name: "bad id " + b, Value: b)) : HostileValues.Where(v => v.Value.Length > 0 && !v.Value.Contains('\0'));
                foreach (var (name, value) in bad)
                    requests.Add((route.Template, "{" + parameter + "}", name, Substitute(route, ids, parameter, value)[0]));
            }
        }

        var failures = new ConcurrentBag<string>();
        // Addresses that need a signed-in person send a visitor to sign in before reading any parameter: tried signed in only.
        var signInFirst = new HashSet<string>();
        foreach (var route in routes)
        {
            using var answer = await anonymous.GetAsync(new Uri(Substitute(route, ids)[0], UriKind.Relative));
            if (answer.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase) == true) signInFirst.Add(route.Template);
        }
        var sent = 0;
        foreach (var (who, client) in new[] { ("signed out", anonymous), ("administrator", administrator) })
        {
            var mine = who == "signed out" ? requests.Where(r => !signInFirst.Contains(r.Route)).ToList() : requests;
            sent += mine.Count;
            await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, cancellationToken) =>
            {
                using var response = await client.GetAsync(new Uri(request.Url, UriKind.Relative), cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var problem = Judge(response, body);
                if (problem is null) return;
                failures.Add($"{who}: GET {Shorten(request.Url)} ({request.Parameter} = {request.Value}): {problem}");
            });
        }

        Assert.True(requests.Count > 500, $"Only {requests.Count} requests: the discovery missed most of the portal.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent} hostile requests were answered wrongly:\n" + string.Join("\n", failures.Order().Take(80)));
    }

    /// <summary>What is wrong with an answer to a hostile request, or null when it is a page or a proper 4xx.</summary>
    private static string? Judge(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status is < 200 or > 499) return $"answered {status}";
        if (!body.Contains(Probe, StringComparison.OrdinalIgnoreCase)) return null;
        // In JSON the marker is only text inside a string, encoded as JSON wants it (served as JSON, with nosniff, it is never markup).
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type is "application/json" or "application/problem+json" && response.Headers.TryGetValues("X-Content-Type-Options", out var options) && options.Contains("nosniff"))
        {
            try
            {
                using var _ = System.Text.Json.JsonDocument.Parse(body);
                return null;
            }
            catch (System.Text.Json.JsonException) { return $"answered broken JSON echoing {Probe} (status {status})"; }
        }
        return $"echoed {Probe} unencoded as {type} (status {status})";
    }

    private static string Shorten(string url) => url.Length > 160 ? url[..160] + "…" : url;

    private sealed record Ids(int PublishedInitiative, int DraftInitiative, int Actor, int Partnership, int Assessment, string Principle);

    /// <summary>Records of every kind, so that each address with an id is tried with one that exists (and a draft's, which the visitor may not see).</summary>
    private async Task<Ids> RealIdsAsync()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var assessor = await Portal.ActorAsync(ActorType.NationalCso);
        var published = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5));
        var draft = await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null);
        var partnership = await Portal.PartnershipAsync(owner, assessor, DateTime.UtcNow.AddMinutes(-5), published);
        var assessment = await Portal.AssessmentAsync(assessor, published, DateTime.UtcNow.AddMinutes(-5));
        var principle = await Portal.WithDatabaseAsync(db => db.Principles.AsNoTracking().OrderBy(p => p.Position).Select(p => p.Code).FirstAsync());
        return new Ids(published, draft, owner.Id, partnership, assessment, principle);
    }

    /// <summary>The route with its values filled in with real ids (one address per real record), or with one value replaced.</summary>
    private static List<string> Substitute(GetRouteDiscovery.GetRoute route, Ids ids, string? replace = null, string? with = null)
    {
        var template = route.Template;
        var choices = new List<Dictionary<string, string>> { new() };
        foreach (var parameter in route.RouteParameters)
        {
            var key = parameter.ToLowerInvariant();
            string[] values = (template, key) switch
            {
                _ when key == replace?.ToLowerInvariant() => [with!],
                (_, "code") when template.StartsWith("/countries", StringComparison.Ordinal) || template.StartsWith("/widgets/countries", StringComparison.Ordinal) => ["PE"],
                (_, "id") when template.StartsWith("/widgets/initiatives/", StringComparison.Ordinal) => [TestData.Key(ids.PublishedInitiative), TestData.Key(ids.DraftInitiative)],
                (_, "id") when template.StartsWith("/widgets/organisations/", StringComparison.Ordinal) => [TestData.Key(ids.Actor)],
                (_, "code") when template.StartsWith("/principles", StringComparison.Ordinal) => [ids.Principle],
                (_, "code") when template.StartsWith("/status", StringComparison.Ordinal) => ["404"],
                (_, "documentname") => ["v1"],
                (_, "initiativeid") => [TestData.Key(ids.PublishedInitiative)],
                _ when template.StartsWith("/initiatives/", StringComparison.Ordinal) || template.StartsWith("/api/v1/initiatives/", StringComparison.Ordinal)
                    => [TestData.Key(ids.PublishedInitiative), TestData.Key(ids.DraftInitiative)],
                _ when template.StartsWith("/actors/", StringComparison.Ordinal) || template.StartsWith("/organisations/", StringComparison.Ordinal) => [TestData.Key(ids.Actor)],
                _ when template.StartsWith("/partnerships/", StringComparison.Ordinal) => [TestData.Key(ids.Partnership)],
                _ when template.StartsWith("/assessments/", StringComparison.Ordinal) => [TestData.Key(ids.Assessment)],
                _ => ["1"],
            };
            choices = choices.SelectMany(c => values.Select(v => new Dictionary<string, string>(c) { [key] = v })).ToList();
        }
        return choices.Select(values => System.Text.RegularExpressions.Regex.Replace(template, @"\{([a-z0-9_]+)(:[^}]*)?\}",
            m => Uri.EscapeDataString(values[m.Groups[1].Value]), System.Text.RegularExpressions.RegexOptions.IgnoreCase)).Distinct().ToList();
    }

    /// <summary>The query parameter names used by the links and GET forms each page renders that lead back to the same address.</summary>
    private static async Task<Dictionary<string, List<string>>> LinkedParametersAsync(HttpClient client, List<GetRouteDiscovery.GetRoute> routes, Ids ids)
    {
        var parser = new HtmlParser();
        var found = new Dictionary<string, List<string>>();
        foreach (var route in routes.Where(r => !r.Template.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var url = Substitute(route, ids)[0];
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            var path = new Uri(new Uri("https://localhost"), url).AbsolutePath;
            var names = new List<string>();
            foreach (var link in document.QuerySelectorAll("a[href]"))
            {
                var target = new Uri(new Uri("https://localhost" + url), link.GetAttribute("href")!);
                if (target.Host != "localhost" || target.AbsolutePath != path) continue;
                names.AddRange(target.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => Uri.UnescapeDataString(pair.Split('=')[0])));
            }
            foreach (var form in document.QuerySelectorAll("form").Where(f => !string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
            {
                var action = form.GetAttribute("action");
                if (!string.IsNullOrEmpty(action) && new Uri(new Uri("https://localhost" + url), action).AbsolutePath != path) continue;
                names.AddRange(form.QuerySelectorAll("[name]").Select(e => e.GetAttribute("name")!));
            }
            found[route.Template] = names.Select(n => n.ToLowerInvariant()).Distinct().ToList();
        }
        return found;
    }

    private const string NulName = "a NUL byte in every field";

    /// <summary>The bodies a POST handler can be sent that it cannot or must not act on.</summary>
    private static IEnumerable<(string Name, Func<string, HttpContent> Body, bool WithToken)> MalformedBodies()
    {
        yield return ("no antiforgery token", _ => new FormUrlEncodedContent([new("Input.Title", "No token"), new("code", "200")]), false);
        yield return ("more than 1,024 fields", token => new FormUrlEncodedContent(
            Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"f{i}", "x")).Prepend(new("__RequestVerificationToken", token))), true);
        yield return ("a field name longer than 2,048 characters", token => new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new(new string('k', 3000), "x")]), true);
        yield return ("a body over the size limit", _ => new OversizedContent(31_000_000), true);
        yield return ("a multipart body without a boundary", token => Raw($"__RequestVerificationToken={token}", "multipart/form-data"), true);
        yield return ("a truncated multipart body", token => Raw(
            $"--b0\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b0\r\nContent-Disposition: form-data; name=\"Input.Title\"\r\n\r\nHalf a ti",
            "multipart/form-data; boundary=b0"), true);
        yield return ("a JSON body", token => Raw($"{{\"__RequestVerificationToken\":\"{token}\"}}", "application/json"), true);
    }

    private static readonly string[] FormFields =
    [
        "Input.Email", "Input.Password", "Input.ConfirmPassword", "Input.Title", "Input.Summary", "Input.Code", "Input.UserId", "Reason", "ResponseText",
        "Text", "Proposal.Name", "Q", "userId", "role", "actorId", "membershipId",
    ];

    /// <summary>A readable form with a valid token and a raw NUL byte in the fields the portal's forms have: acted on or refused, never a failure.</summary>
    private static ByteArrayContent NulBody(string token) => Raw(
        $"__RequestVerificationToken={Uri.EscapeDataString(token)}&" + string.Join("&", FormFields.Select(name => $"{name}=a\0b")), "application/x-www-form-urlencoded");

    private static ByteArrayContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task Every_post_handler_answers_malformed_bodies_with_a_proper_4xx_page()
    {
        var ids = await RealIdsAsync();
        var handlers = EndpointDiscovery.Discover(Portal).Where(e => e.Contains(" POST", StringComparison.Ordinal)).ToList();
        Assert.True(handlers.Count > 30, $"Only {handlers.Count} POST handlers found.");
        await using var world = await AccessWorld.CreateAsync(Portal);

        var failures = new ConcurrentBag<string>();
        var sent = 0;
        foreach (var role in new[] { Role.Anonymous, Role.Administrator })
        {
            var (client, token) = await world.ClientAsync(role);
            var attempts = handlers.SelectMany(handler => MalformedBodies().Append((NulName, NulBody, true)).Select(body => (Handler: handler, Body: body))).ToList();
            // A readable sign-out signs the client out: it goes last, after everything else was tried signed in.
            bool SignsOut((string Handler, (string Name, Func<string, HttpContent> Body, bool WithToken) Body) a) =>
                a.Body.Name == NulName && a.Handler.StartsWith("/account/logout POST", StringComparison.Ordinal);
            await Parallel.ForEachAsync(attempts.Where(a => !SignsOut(a)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, Attempt);
            foreach (var attempt in attempts.Where(SignsOut)) await Attempt(attempt, CancellationToken.None);

            async ValueTask Attempt((string Handler, (string Name, Func<string, HttpContent> Body, bool WithToken) Body) attempt, CancellationToken cancellationToken)
            {
                var parts = attempt.Handler.Split(' ');
                var route = new GetRouteDiscovery.GetRoute(parts[0], System.Text.RegularExpressions.Regex.Matches(parts[0], @"\{([a-z]+)").Select(m => m.Groups[1].Value).ToList(), [], []);
                var url = Substitute(route, ids)[0] + (parts.Length > 2 ? "?handler=" + parts[2] : "");
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = attempt.Body.Body(token) };
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                using var response = await client.SendAsync(request, timeout.Token);
                Interlocked.Increment(ref sent);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                if (attempt.Body.Name == NulName)
                {
                    // Read and acted on (a message, a refusal, a redirect), but never a failure.
                    if (status is >= 200 and <= 499) return;
                    failures.Add($"{role}: POST {url} with {NulName}: answered {status}");
                    return;
                }
                // Refused before anything is read: a visitor is sent to sign in, a page that does not exist is a 404.
                var proper = status is 400 or 413 or 415
                             || (status == 404 && parts[0] is "/error" or "/status/{code:int}")
                             || (role == Role.Anonymous && status == 302 && location.Contains("/account/login", StringComparison.OrdinalIgnoreCase));
                if (proper) return;
                failures.Add($"{role}: POST {url} with {attempt.Body.Name}: answered {status}{(location.Length > 0 ? " → " + location : "")}");
            }
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent} malformed posts were answered wrongly:\n" + string.Join("\n", failures.Order().Take(80)));
    }

    /// <summary>A body that says it is larger than the portal accepts and would be, if anyone read it all.</summary>
    private sealed class OversizedContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            for (long written = 0; written < length; written += chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - written)));
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return true;
        }
    }
}

[Collection(SqliteSweepSuite.Name)]
public sealed class HostileInputOnSqlite(SqlitePortalFixture fixture) : HostileInputTests(fixture);

[Collection(PostgresSweepSuite.Name)]
public sealed class HostileInputOnPostgres(PostgresPortalFixture fixture) : HostileInputTests(fixture);
