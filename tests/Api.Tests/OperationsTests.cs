using System.Net;
using System.Text.Json;
using GuidanceFlow.Api.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// What an operator sees: liveness and readiness, OpenTelemetry traces and metrics (exported in-process here; by OTLP
/// when configured), JSON logs with the trace id, compressed text answers and long-cached fingerprinted files.
/// </summary>
public sealed class OperationsTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Liveness_asks_nothing_and_readiness_names_each_dependency()
    {
        using var client = Host.Server.CreateClient();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty(JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").EnumerateArray());
        foreach (var path in new[] { "/health/ready", "/health" })
        {
            // Ready once everything has started (the scheduler may still be starting if this runs first).
            var ready = await Wait.Until(() => client.GetAsync(path), r => r.StatusCode == HttpStatusCode.OK, $"{path} ready");
            var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body.ToString());
            Assert.Equal(["postgresql", "schema", "projections", "scheduler"],
                body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            Assert.All(body.GetProperty("checks").EnumerateArray(), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task Traces_and_the_metrics_that_matter_are_exported()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Plan.Enqueue(WebhookReceiver.Behaviour.Fail);
        await Api.Post(Api.Chair, $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/webhooks", new { url = receiver.Url });
        var review = await Api.ReviewInWindow("tom.hadley");
        // Refusals of two kinds: a field invalid, and a step the review's state does not allow.
        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision", new { outcome = "Implement", rationale = "" }), 400);
        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision", new { outcome = "Implement", rationale = "Agreed" }), 409);
        await Api.View(review.Id);
        // A deadline that fires: a second review's window, closing in a few seconds.
        var closing = await Soon.WithRoom(async room =>
        {
            var view = await Api.OpenReview();
            await Api.CreateGrid(view.Id);
            await Api.Invite(view.Id, "sunil.mehta");
            var deadline = Soon.In(room);
            await Soon.Before(deadline, "opening the window", () => Api.OpenWindow(view.Id, deadline));
            return view;
        });
        await Wait.Until(() => Api.View(closing.Id), v => v.Status == GuidanceFlow.Domain.Reviews.ReviewStatus.Collated, "the window to close at its deadline");
        await Wait.Until(() => receiver.All.Count(r => r.AnsweredWith == 204), n => n >= 1, "a webhook delivered after a failure");
        await ViewsCaughtUp();
        // A probe reading taken after all that.
        var probe = Host.Services.GetRequiredService<GuidanceFlow.Api.Infrastructure.OperationsProbe>();
        var since = DateTimeOffset.UtcNow;
        await Wait.Until(() => probe.Latest?.At ?? DateTimeOffset.MinValue, at => at > since, "a fresh probe reading");

        var points = await Wait.Until(() => Flush(), p => p.ContainsKey("guidanceflow.emails") && p.ContainsKey("guidanceflow.webhook.attempts") && p.ContainsKey("guidanceflow.deadlines.fired"),
            "the metrics to include emails and webhooks");
        // Requests by route, with their latency.
        Assert.Contains(points["http.server.request.duration"], t => t.GetValueOrDefault("http.route") == "/api/reviews/{id:guid}");
        // Commands refused, by reason.
        var rejected = points["guidanceflow.commands.rejected"];
        Assert.Contains(rejected, t => t.GetValueOrDefault("command") == "RecordDecision" && t.GetValueOrDefault("reason") == "Invalid");
        Assert.Contains(rejected, t => t.GetValueOrDefault("command") == "RecordDecision" && t.GetValueOrDefault("reason") == "Conflict");
        // Each async projection's lag, and the queues, deadlines and webhooks waiting.
        Assert.Contains(points["guidanceflow.projections.lag"], t => t.GetValueOrDefault("projection") == "RegisterEntry:All");
        Assert.Contains(points["guidanceflow.projections.lag"], t => t.GetValueOrDefault("projection")?.StartsWith("Webhooks") == true);
        foreach (var gauge in new[] { "guidanceflow.queue.depth", "guidanceflow.queue.oldest_age", "guidanceflow.deadlines.overdue",
                     "guidanceflow.webhooks.waiting", "guidanceflow.webhooks.oldest_age" })
            Assert.True(points.ContainsKey(gauge), gauge);
        Assert.Contains(points["guidanceflow.emails"], t => t.GetValueOrDefault("outcome") == "sent");
        Assert.Contains(points["guidanceflow.deadlines.fired"], t => t.ContainsKey("kind") && t.ContainsKey("late"));
        Assert.True(points.ContainsKey("guidanceflow.deadlines.delay"));
        Assert.Contains(points["guidanceflow.webhook.attempts"], t => t.GetValueOrDefault("outcome") == "Pending");
        Assert.Contains(points["guidanceflow.webhook.attempts"], t => t.GetValueOrDefault("outcome") == "Delivered");
        Assert.True(points.ContainsKey("db.client.operation.duration") || points.Keys.Any(k => k.StartsWith("db.client")), "Npgsql's metrics");

        // Traces: the request, the SQL it ran, and Wolverine handling the command, in one trace.
        var spans = App.Spans.All;
        var request = spans.Last(s => s.Kind == System.Diagnostics.ActivityKind.Server && s.Tags.GetValueOrDefault("http.route") == "/api/reviews/{id:guid}/decision");
        var trace = spans.Where(s => s.TraceId == request.TraceId).ToList();
        Assert.Contains(trace, s => s.Source == "Npgsql");
        Assert.Contains(trace, s => s.Source.StartsWith("Wolverine"));
        Assert.Contains(spans, s => s.Source == "System.Net.Http" && s.Tags.GetValueOrDefault("url.full") == receiver.Url);
    }

    [Fact]
    public async Task Json_answers_and_assets_are_compressed_pages_never_and_fingerprinted_files_are_kept_a_year()
    {
        await Api.OpenReview();
        using var client = Host.Server.CreateClient();
        var api = new HttpRequestMessage(HttpMethod.Get, "/api/reviews");
        api.Headers.Add(DevelopmentAuthenticationHandler.Header, Api.Chair);
        api.Headers.AcceptEncoding.ParseAdd("br");
        var register = await client.SendAsync(api);
        Assert.Equal("br", register.Content.Headers.ContentEncoding.Single());

        var page = new HttpRequestMessage(HttpMethod.Get, "/docs");
        page.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var signIn = await client.SendAsync(page); // a page: the API reference
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Empty(signIn.Content.Headers.ContentEncoding);
        var html = await signIn.Content.ReadAsStringAsync();

        var made = new HttpRequestMessage(HttpMethod.Post, $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/webhooks")
        {
            Content = JsonContent("{\"url\":\"http://127.0.0.1:9/events\"}"),
        };
        made.Headers.Add(DevelopmentAuthenticationHandler.Header, Api.Chair);
        made.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var secret = await client.SendAsync(made);
        Assert.Equal(HttpStatusCode.Created, secret.StatusCode);
        Assert.Empty(secret.Content.Headers.ContentEncoding);
        Assert.Equal("no-store", secret.Headers.CacheControl?.ToString());

        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/app/guidanceflow\\.css\\?v=[0-9a-f]{12})\"").Groups[1].Value;
        Assert.NotEmpty(css);
        var asset = new HttpRequestMessage(HttpMethod.Get, css);
        asset.Headers.AcceptEncoding.ParseAdd("gzip");
        var styles = await client.SendAsync(asset);
        Assert.Equal("public, max-age=31536000, immutable", styles.Headers.CacheControl?.ToString());
        Assert.Equal("gzip", styles.Content.Headers.ContentEncoding.Single());
        // An old or made-up fingerprint is not kept long: the address does not name this content.
        var stale = await client.GetAsync("/app/guidanceflow.css?v=000000000000");
        Assert.Equal("public, max-age=3600", stale.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Logs_are_json_lines_carrying_the_trace_id_of_their_request()
    {
        var database = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        await using var gf = await AppProcess.StartAsync(database, null, extraEnvironment: new()
        {
            ["Logging__Format"] = "json",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var client = gf.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/reviews?q=traced");
        request.Headers.Add(DevelopmentAuthenticationHandler.Header, Api.Chair);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        string? line = null;
        try
        {
            line = await Wait.Until(() => gf.Log.Split('\n').FirstOrDefault(l => l.Contains("Request finished") && l.Contains("q=traced")),
                l => l is not null, "the log line of the request", seconds: 60);
        }
        catch (TimeoutException e)
        {
            Assert.Fail(e.Message + "\n" + string.Join('\n', gf.Log.Split('\n').TakeLast(20)));
        }
        var json = JsonDocument.Parse(line!).RootElement;
        Assert.True(json.TryGetProperty("Timestamp", out _));
        Assert.True(json.TryGetProperty("LogLevel", out _));
        // The request's trace id, as a field of its own: what links this line to the request's trace and its other lines.
        var traceId = json.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _)).GetProperty("TraceId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var started = gf.Log.Split('\n').Single(l => l.Contains("Request starting") && l.Contains("q=traced"));
        Assert.Contains(traceId!, started);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Flushes the app's meters to the in-memory exporter: each metric's name and the tags of its points.</summary>
    private Dictionary<string, List<Dictionary<string, string?>>> Flush()
    {
        lock (App.Metrics)
        {
            App.Metrics.Clear();
            Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            var points = new Dictionary<string, List<Dictionary<string, string?>>>();
            foreach (var metric in App.Metrics)
            {
                if (!points.TryGetValue(metric.Name, out var list)) points[metric.Name] = list = [];
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, string?>();
                    foreach (var tag in point.Tags) tags[tag.Key] = tag.Value?.ToString();
                    list.Add(tags);
                }
            }
            return points;
        }
    }
}
