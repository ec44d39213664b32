namespace SscPortal.Web.Commands;

/// <summary>
/// `dotnet SscPortal.Web.dll health-check [address]` asks a running portal whether it is ready
/// (<c>/health/ready</c>: up, migrated, database answering) and exits 0 if so, 1 if not. The container image has
/// no curl or wget, so docker-compose's health check runs this instead; it returns before the web host is built,
/// so it costs no more than starting the runtime. The address defaults to the first port in ASPNETCORE_HTTP_PORTS
/// (8080 in the image) on the loopback interface.
/// </summary>
public static class HealthCheckCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, HttpMessageHandler? handler = null)
    {
        var address = args.Length > 1 ? args[1] : DefaultAddress();
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await output.WriteLineAsync($"Usage: health-check [http://127.0.0.1:8080/health/ready]  ('{address}' is not an http address)");
            return 2;
        }
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = TimeSpan.FromSeconds(5);
        try
        {
            using var response = await client.GetAsync(uri);
            await output.WriteLineAsync($"{(int)response.StatusCode} {uri}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{uri}: {e.Message}");
            return 1;
        }
    }

    private static string DefaultAddress()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        var port = ports?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "8080";
        return $"http://127.0.0.1:{port}/health/ready";
    }
}
