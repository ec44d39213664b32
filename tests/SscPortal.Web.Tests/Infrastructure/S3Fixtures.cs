using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using SscPortal.Web.Data;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real S3-protocol server (s3rver, from <c>tools/s3rver</c>: <c>npm ci</c> there installs it) on a free loopback port,
/// storing in a temporary folder; the portal talks to it with the same S3 client it would use against MinIO or a cloud store.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;

    private S3rverProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    /// <summary>Where s3rver keeps its buckets: <c>{Directory}/{bucket}/{key}._S3rver_object</c>.</summary>
    public string Directory { get; }
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>s3rver's launcher: <c>SSC_S3RVER</c>, or <c>tools/s3rver/node_modules/.bin/s3rver</c> above the test's folder; null when neither exists.</summary>
    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("SSC_S3RVER") is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tools", "s3rver", "node_modules", ".bin", "s3rver");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static async Task<S3rverProcess> StartAsync(string executable)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ssc-s3rver-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { "--directory", directory, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("s3rver did not start.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new S3rverProcess(process, port, directory);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                // An anonymous GET / lists the buckets: s3rver answers once it listens.
                using var response = await http.GetAsync(server.ServiceUrl + "/");
                if (response.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                string said;
                lock (errors) said = errors.ToString().Trim();
                throw new InvalidOperationException($"s3rver ({executable}) did not answer on port {port}" + (process.HasExited ? $" and exited with {process.ExitCode}" : "") + ": " + said);
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A client of this server, as the portal configures its own.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>The file s3rver keeps an object's bytes in (its modification time is the object's LastModified).</summary>
    public string ObjectPath(string bucket, string key) => Path.Combine([Directory, bucket, .. key.Split('/')]) + "._S3rver_object";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { /* already gone */ }
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

public static class S3TestSettings
{
    public static bool RequireS3 => Environment.GetEnvironmentVariable("SSC_REQUIRE_S3") is "1" or "true" or "True";

    public const string Missing =
        "The S3 object-store tests were skipped because s3rver is not installed. To run them, run `npm ci` in tools/s3rver " +
        "(Node.js and npm needed: sudo apt-get install -y nodejs npm) or set SSC_S3RVER to an s3rver launcher " +
        "(README, \"Running the tests on an S3 object store\"; SSC_REQUIRE_S3=true makes them fail instead).";
}

/// <summary>One portal per database provider whose evidence files go to its own s3rver (Files:Store=S3), shared by that collection's tests.</summary>
public abstract class S3PortalFixture : IAsyncLifetime
{
    public const string Bucket = "ssc-test-files";

    private PortalFactory? _portal;
    private S3rverProcess? _server;
    private string? _unavailable;
    private string? _requiredBy;
    private static int _noted;

    public PortalFactory Portal
    {
        get
        {
            SkipIfUnavailable();
            return _portal!;
        }
    }

    public S3rverProcess Server
    {
        get
        {
            SkipIfUnavailable();
            return _server!;
        }
    }

    private void SkipIfUnavailable()
    {
        if (_unavailable is null) return;
        if (_requiredBy is not null) Assert.Fail(_unavailable + $" ({_requiredBy} is set, so this fails instead of skipping.)");
        Assert.Skip(_unavailable);
    }

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>A new database's connection string, or null when the provider is not configured here.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        if (S3rverProcess.FindExecutable() is not { } executable)
        {
            (_unavailable, _requiredBy) = (S3TestSettings.Missing, S3TestSettings.RequireS3 ? "SSC_REQUIRE_S3" : null);
            // Said once per run (both providers' fixtures find the same), where `dotnet test` shows it.
            if (_requiredBy is null && Interlocked.Exchange(ref _noted, 1) == 0) TestContext.Current.SendDiagnosticMessage("NOTE: " + _unavailable + " Until then every S3 test is reported as skipped ([SKIP]).");
            return;
        }
        if (await CreateDatabaseAsync() is not { } database)
        {
            (_unavailable, _requiredBy) = ("The PostgreSQL tests were skipped because SSC_TEST_POSTGRES is not set.", TestSettings.RequirePostgres ? "SSC_REQUIRE_POSTGRES" : null);
            return;
        }
        _server = await S3rverProcess.StartAsync(executable);
        _portal = new PortalFactory(Provider, database, new Dictionary<string, string?>
        {
            ["Files:Store"] = "S3",
            ["Files:ServiceUrl"] = _server.ServiceUrl,
            ["Files:Bucket"] = Bucket,
            ["Files:AccessKey"] = S3rverProcess.AccessKey,
            ["Files:SecretKey"] = S3rverProcess.SecretKey,
            ["Files:Region"] = "us-east-1",
            ["Files:ForcePathStyle"] = "true",
        });
        using var client = _portal.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteS3PortalFixture : S3PortalFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-s3-tests-" + Guid.NewGuid().ToString("N"));

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<string?>($"Data Source={Path.Combine(_folder, "portal.db")}");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        return Task.CompletedTask;
    }
}

public sealed class PostgresS3PortalFixture : S3PortalFixture
{
    private string? _database;

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string?> CreateDatabaseAsync()
    {
        if (TestSettings.PostgresAdminConnection is not { } admin) return null;
        _database = await PostgresDatabases.CreateAsync(admin);
        return PostgresDatabases.ConnectionStringFor(admin, _database);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null && TestSettings.PostgresAdminConnection is { } admin)
            await PostgresDatabases.DropAsync(admin, _database);
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteS3Suite : ICollectionFixture<SqliteS3PortalFixture>
{
    public const string Name = "SQLite with S3";
}

[CollectionDefinition(Name)]
public sealed class PostgresS3Suite : ICollectionFixture<PostgresS3PortalFixture>
{
    public const string Name = "PostgreSQL with S3";
}
