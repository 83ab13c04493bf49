using System.Diagnostics.Metrics;
using System.Text.Json;
using GuidanceFlow.Api.Webhooks;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>
/// What an operator watches, read from the database every few seconds by each instance: how far each async projection
/// is behind the newest event, the durable queues' depth and the age of their oldest message, deadlines overdue for
/// firing, webhook deliveries waiting. Published as gauges on the GuidanceFlow meter, and read by the readiness check.
/// </summary>
public sealed class OperationsProbe(IDocumentStore store, NpgsqlDataSource database, TimeProvider clock, IConfiguration configuration,
    ILogger<OperationsProbe> logger) : BackgroundService
{
    public sealed record Reading(DateTimeOffset At, long HighWaterMark, IReadOnlyDictionary<string, long> Lag,
        IReadOnlyList<string> Stalled, long QueueDepth, double QueueOldestSeconds, long DeadlinesOverdue, long WebhooksWaiting,
        double WebhookOldestSeconds);

    private static OperationsProbe? _current;
    private readonly Dictionary<string, (long Sequence, DateTimeOffset Since)> _shards = [];
    private readonly Dictionary<Guid, DateTimeOffset> _queued = [];
    private readonly SemaphoreSlim _measuring = new(1, 1);

    public Reading? Latest { get; private set; }

    public TimeSpan StallAfter => TimeSpan.FromSeconds(configuration.GetValue("Health:ProjectionStallSeconds", 300.0));
    private TimeSpan Every => TimeSpan.FromSeconds(configuration.GetValue("Operations:ProbeSeconds", 10.0));

    static OperationsProbe()
    {
        var meter = Telemetry.Meter;
        meter.CreateObservableGauge("guidanceflow.projections.lag", () => _current?.Latest is { } r
            ? r.Lag.Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("projection", l.Key))) : [],
            "{event}", "How many events each async projection (and the webhook fan-out) is behind the newest.");
        meter.CreateObservableGauge("guidanceflow.queue.depth", () => _current?.Latest?.QueueDepth ?? 0,
            "{message}", "Messages waiting in the durable queues and outbox (emails, deadline work).");
        meter.CreateObservableGauge("guidanceflow.queue.oldest_age", () => _current?.Latest?.QueueOldestSeconds ?? 0,
            "s", "How long the oldest waiting message has been seen waiting.");
        meter.CreateObservableGauge("guidanceflow.deadlines.overdue", () => _current?.Latest?.DeadlinesOverdue ?? 0,
            "{deadline}", "Deadlines whose time has come but which have not fired yet.");
        meter.CreateObservableGauge("guidanceflow.webhooks.waiting", () => _current?.Latest?.WebhooksWaiting ?? 0,
            "{delivery}", "Webhook deliveries waiting to be sent or retried.");
        meter.CreateObservableGauge("guidanceflow.webhooks.oldest_age", () => _current?.Latest?.WebhookOldestSeconds ?? 0,
            "s", "Age of the oldest webhook delivery still waiting.");
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        _current = this;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await MeasureAsync(stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                logger.LogDebug(e, "The operations probe could not read the database this time");
            }
            try
            {
                await Task.Delay(Every, clock, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<Reading> MeasureAsync(CancellationToken ct)
    {
        await _measuring.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var schema = store.Options.DatabaseSchemaName;
            var progress = await store.Advanced.AllProjectionProgress(token: ct);
            var ceiling = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
            var lag = new Dictionary<string, long>();
            var stalled = new List<string>();
            foreach (var shard in progress.Where(p => p.ShardName != "HighWaterMark"))
            {
                lag[shard.ShardName] = Math.Max(0, ceiling - shard.Sequence);
                if (!_shards.TryGetValue(shard.ShardName, out var seen) || seen.Sequence != shard.Sequence)
                    _shards[shard.ShardName] = seen = (shard.Sequence, now);
                if (lag[shard.ShardName] > 0 && now - seen.Since > StallAfter) stalled.Add(shard.ShardName);
            }

            await using var command = database.CreateCommand(
                $"select (select count(*) from {schema}.wolverine_incoming_envelopes where status = 'Incoming') + " +
                $"(select count(*) from {schema}.wolverine_outgoing_envelopes), " +
                $"(select count(*) from {schema}.mt_doc_scheduleddeadline where {schema}.mt_immutable_timestamptz(data ->> 'FireAt') < $1), " +
                $"(select count(*) from {schema}.{WebhookTables.Deliveries} where status = 'Pending'), " +
                $"(select min(created_at) from {schema}.{WebhookTables.Deliveries} where status = 'Pending'), " +
                $"array(select id from {schema}.wolverine_incoming_envelopes where status = 'Incoming' limit 1000)");
            command.Parameters.AddWithValue(now - TimeSpan.FromMinutes(1));
            await using var row = await command.ExecuteReaderAsync(ct);
            await row.ReadAsync(ct);
            var depth = row.GetInt64(0);
            var overdue = row.GetInt64(1);
            var waiting = row.GetInt64(2);
            var oldestHook = row.IsDBNull(3) ? (DateTimeOffset?)null : row.GetFieldValue<DateTimeOffset>(3);
            var ids = row.GetFieldValue<Guid[]>(4);
            // A message's age as the probe has seen it waiting (the queue keeps no time of arrival).
            foreach (var gone in _queued.Keys.Except(ids).ToList()) _queued.Remove(gone);
            foreach (var id in ids) _queued.TryAdd(id, now);
            var oldestQueued = _queued.Count == 0 ? 0 : (now - _queued.Values.Min()).TotalSeconds;

            Latest = new Reading(now, ceiling, lag, stalled, depth, oldestQueued, overdue, waiting,
                oldestHook is null ? 0 : Math.Max(0, (now - oldestHook.Value).TotalSeconds));
            return Latest;
        }
        finally
        {
            _measuring.Release();
        }
    }
}

/// <summary>Ready: the async projections (and the webhook fan-out) are moving, none stuck behind for longer than allowed.</summary>
public sealed class ProjectionsHealthCheck(OperationsProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var reading = probe.Latest ?? await probe.MeasureAsync(ct);
        return reading.Stalled.Count == 0
            ? HealthCheckResult.Healthy($"Async projections following (greatest lag {reading.Lag.Values.DefaultIfEmpty(0).Max()} events)")
            : HealthCheckResult.Unhealthy($"Stalled for over {probe.StallAfter.TotalSeconds:0} s: {string.Join(", ", reading.Stalled)}");
    }
}

/// <summary>Ready: the deadline scheduler (Quartz, clustered) is running on this instance.</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var status = await scheduler.GetStatus(ct);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("Deadline scheduler running")
            : HealthCheckResult.Unhealthy($"The deadline scheduler is not running ({status})");
    }
}

/// <summary>
/// Ready: the database's schema is the one this version needs (checked against Marten's configuration, at most every
/// five minutes). Run with `-- db-apply` where the app has no rights to change the schema itself.
/// </summary>
public sealed class SchemaHealthCheck(IDocumentStore store, TimeProvider clock) : IHealthCheck
{
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (_last is { } last && clock.GetUtcNow() - last.At < TimeSpan.FromMinutes(5) && last.Result.Status == HealthStatus.Healthy)
            return last.Result;
        HealthCheckResult result;
        try
        {
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(ct);
            result = HealthCheckResult.Healthy("Schema current");
        }
        catch (Exception e) when (e is not OperationCanceledException && !GuidanceFlow.Workflows.DatabaseOutage.Is(e))
        {
            result = HealthCheckResult.Unhealthy("The database schema differs from this version's: apply it (`-- db-apply`)", e);
        }
        _last = (clock.GetUtcNow(), result);
        return result;
    }
}

public static class OperationsSetup
{
    public const string Ready = "ready";

    public static void AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OperationsProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsProbe>());
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [Ready])
            .AddCheck<SchemaHealthCheck>("schema", tags: [Ready])
            .AddCheck<ProjectionsHealthCheck>("projections", tags: [Ready])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [Ready]);
        services.AddSingleton<SchemaHealthCheck>();

        // Structured JSON logs, each line with the trace id of the request it belongs to: the default outside Development.
        var format = builder.Configuration["Logging:Format"] ?? (builder.Environment.IsDevelopment() ? "simple" : "json");
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (format == "json")
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        // OpenTelemetry: off unless an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT, or Telemetry__OtlpEndpoint)
        // or Telemetry__Enabled is true (an exporter of the operator's own choosing, or the tests' in-memory one).
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? builder.Configuration["Telemetry:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(otlp) && !builder.Configuration.GetValue("Telemetry:Enabled", false)) return;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("guidanceflow", serviceInstanceId: Environment.MachineName + "/" + Environment.ProcessId))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Wolverine*", "Marten*", "Quartz*"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Telemetry.MeterName, "Npgsql", "Wolverine*", "Marten*"));
        if (!string.IsNullOrWhiteSpace(otlp))
            OpenTelemetry.OpenTelemetryBuilderOtlpExporterExtensions.UseOtlpExporter(telemetry,
                OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, new Uri(otlp));
    }

    /// <summary>
    /// /health/live: the process is up and serving (no dependency checked: restart it if this fails).
    /// /health/ready and /health: PostgreSQL reachable, schema current, projections not stalled, scheduler running
    /// (take it out of the load balancer while this fails). Both answer JSON naming each check.
    /// </summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).AllowAnonymous();
        foreach (var path in new[] { "/health/ready", "/health" })
            app.MapHealthChecks(path, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write }).AllowAnonymous();
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
