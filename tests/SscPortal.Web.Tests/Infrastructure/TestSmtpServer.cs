using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package), on a loopback port of its own. It keeps what it
/// receives, can be stopped and started again, and can be told to answer a recipient's next messages with given codes
/// (451, 550…) instead of accepting them.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _plans = new(StringComparer.OrdinalIgnoreCase);
    private CancellationTokenSource? _stop;
    private Task? _running;

    public TestSmtpServer(bool start = true)
    {
        Port = FreePort();
        if (start) Start();
    }

    public int Port { get; }

    private int _refusals;

    /// <summary>How many times the server refused a message as planned.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    public IReadOnlyList<MimeMessage> To(string address) =>
        _received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The next messages for this recipient are answered with these codes, one each, before any is accepted.</summary>
    public void Plan(string recipient, params int[] codes) => _plans[recipient] = new ConcurrentQueue<int>(codes);

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Start()
    {
        if (_running is not null) return;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _stop = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
        // Listening once a connection succeeds: tests never race the server's start.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_running is null) return;
        await _stop!.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
        _running = null;
    }

    /// <summary>The one message this recipient receives, waited for (polling, never a fixed sleep) up to the timeout.</summary>
    public async Task<MimeMessage> WaitForAsync(string recipient, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Task.FromResult(To(recipient).Count > 0), $"a message to {recipient}", timeout);
        return Assert.Single(To(recipient));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var recipient = transaction.To.Select(t => $"{t.User}@{t.Host}").FirstOrDefault() ?? "";
            if (server._plans.TryGetValue(recipient, out var plan) && plan.TryDequeue(out var code))
            {
                Interlocked.Increment(ref server._refusals);
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "Mailbox unavailable (test)" : "Try again later (test)"));
            }
            using var stream = new MemoryStream(buffer.ToArray());
            server._received.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

/// <summary>Waits for a condition by polling it, with a timeout: tests never sleep a fixed time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
