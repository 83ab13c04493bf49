using GuidanceFlow.Projections.Reviews;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>
/// The safety net: a trigger is written after its events commit, not with them, so at start-up and
/// then periodically every open review's triggers are derived again from its events and whatever
/// is missing or stale is put right.
/// </summary>
public sealed class DeadlineReconciliation(IServiceProvider services, IHostApplicationLifetime lifetime,
    IConfiguration configuration, ILogger<DeadlineReconciliation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wait for the app (and so Wolverine and Quartz) to be up.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; } catch (OperationCanceledException) { return; }
        }

        var every = TimeSpan.FromMinutes(configuration.GetValue("Deadlines:ReconcileEveryMinutes", 10.0));
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline reconciliation failed; it will run again in {Interval}", every);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<DeadlineScheduler>();
        var store = scope.ServiceProvider.GetRequiredService<IDocumentStore>();

        await using var query = store.QuerySession();
        var open = await query.Query<ReviewView>().Where(v => v.Status != ReviewStatus.Closed).Select(v => v.Id).ToListAsync(ct);
        foreach (var id in open)
        {
            await using var session = store.LightweightSession();
            await scheduler.SyncAsync(id, session, ct);
            await session.SaveChangesAsync(ct);
        }
        logger.LogInformation("Deadline reconciliation: {Count} open reviews checked", open.Count);
        await ReconcileTriageAsync(scope.ServiceProvider, store, ct);
        return open.Count;
    }

    /// <summary>
    /// Triage's safety net: recent products reach every group's queue (a group set up since, a message
    /// lost), and every item awaiting triage has its deadline triggers.
    /// </summary>
    private async Task ReconcileTriageAsync(IServiceProvider services, IDocumentStore store, CancellationToken ct)
    {
        var policies = services.GetRequiredService<GuidanceFlow.Workflows.Triage.TriagePolicies>();
        var scheduler = services.GetRequiredService<GuidanceFlow.Workflows.Triage.TriageScheduler>();
        var bus = services.GetRequiredService<Wolverine.IMessageBus>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var query = store.QuerySession();

        var groups = await query.Query<GuidanceFlow.Workflows.Groups.ImplementationGroup>().ToListAsync(ct);
        if (groups.Count > 0)
        {
            var from = groups.Min(g => g.TriageFrom(policies.LookBackDays, now));
            var recent = await query.Query<GuidanceFlow.Domain.Catalogue.GuidanceProduct>()
                .Where(p => p.Issued >= from).Select(p => p.Id).ToListAsync(ct);
            foreach (var id in recent) await bus.InvokeAsync(new GuidanceFlow.Workflows.Triage.QueueProductForGroups(id), ct);
        }

        var awaiting = await query.Query<GuidanceFlow.Domain.Triage.TriageItem>()
            .Where(i => i.Status == GuidanceFlow.Domain.Triage.TriageStatus.Awaiting).Select(i => i.Id).ToListAsync(ct);
        foreach (var id in awaiting)
        {
            await using var session = store.LightweightSession();
            await scheduler.SyncAsync(id, session, ct);
            await session.SaveChangesAsync(ct);
        }
        logger.LogInformation("Triage reconciliation: {Count} items awaiting triage checked", awaiting.Count);
    }
}
