using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A trust's system receiving GuidanceFlow's webhooks: a real HTTP server on loopback. It can be told to fail (an
/// HTTP status), to hang past the sender's timeout, or to answer; every request it gets is kept, as received.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public enum Behaviour { Answer, Fail, Hang }

    public sealed record Received(DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredWith);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>What to do with the next request; <see cref="Then"/> for all after the planned ones.</summary>
    public ConcurrentQueue<Behaviour> Plan { get; } = new();
    public Behaviour Then { get; set; } = Behaviour.Answer;
    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    public IReadOnlyList<Received> All => _received.ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/events", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var behaviour = receiver.Plan.TryDequeue(out var planned) ? planned : receiver.Then;
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var status = behaviour switch { Behaviour.Fail => 500, Behaviour.Hang => 0, _ => 204 };
            receiver._received.Enqueue(new Received(DateTimeOffset.UtcNow, headers, body.ToArray(), status));
            if (behaviour == Behaviour.Hang)
            {
                // Longer than the sender waits; ends when the sender gives up on it (or the receiver stops).
                try { await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, receiver._stopping.Token).Token); }
                catch (OperationCanceledException) { }
                return Results.StatusCode(504);
            }
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/events";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
