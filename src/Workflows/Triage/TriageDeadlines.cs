using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Scheduling;
using Microsoft.Extensions.Logging;
using Quartz;

namespace GuidanceFlow.Workflows.Triage;

/// <summary>Sent by a triage deadline's trigger; the handler decides from the item's stream whether anything is left to do.</summary>
public sealed record TriageDeadlineReached(Guid TriageId, string Key);

public static class TriageDeadlineReachedHandler
{
    public static async Task Handle(TriageDeadlineReached message, IDocumentSession session, IMessageContext bus, TriageWriter writer,
        TriagePolicies policies, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<TriageItem>(message.TriageId, ct);
        if (stream.Aggregate is not { } item) return;
        var decision = TriageDeadlines.Act(item, message.Key, await policies.ForAsync(item.Group, session, ct), clock.GetUtcNow());
        await writer.Append(stream, session, bus, Actor.Scheduler, decision);
    }
}

/// <summary>After every change to a triage item: its triggers are synced.</summary>
public static class TriageChangedHandler
{
    public static Task Handle(TriageChanged message, TriageScheduler scheduler, IDocumentSession session, CancellationToken ct) =>
        scheduler.SyncAsync(message.TriageId, session, ct);
}

/// <summary>The Quartz job of triage deadlines: it only tells Wolverine which deadline of which item arrived.</summary>
public sealed class TriageDeadlineJob(IMessageBus bus) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var data = context.MergedJobDataMap;
        await bus.SendAsync(new TriageDeadlineReached(Guid.Parse(data.GetString(TriageScheduler.TriageIdKey)!),
            data.GetString(DeadlineScheduler.DeadlineKey)!));
    }
}

/// <summary>Mirrors a triage item's pending deadlines into Quartz triggers, as <see cref="DeadlineScheduler"/> does for reviews.</summary>
public sealed class TriageScheduler(ISchedulerFactory schedulers, TriagePolicies policies, TimeProvider clock, ILogger<TriageScheduler> logger)
{
    public static readonly JobKey Job = new("triage-deadline-reached", "guidanceflow");
    public const string TriageIdKey = "triageId";

    public static string TriggerGroup(Guid triageId) => $"triage/{triageId}";

    public async Task SyncAsync(Guid triageId, IDocumentSession session, CancellationToken ct)
    {
        var item = await session.LoadAsync<TriageItem>(triageId, ct);
        var desired = item is null ? [] : TriageDeadlines.Pending(item, await policies.ForAsync(item.Group, session, ct));
        await TriggerMirror.SyncAsync(await schedulers.GetScheduler(ct), TriggerGroup(triageId), Job,
            desired.Select(d => new DesiredTrigger(d.Key, d.FireAt, d.Description)).ToList(),
            new Dictionary<string, string> { [TriageIdKey] = triageId.ToString() }, clock.GetUtcNow(), ct);
        logger.LogDebug("Triage {TriageId}: {Count} deadline triggers pending", triageId, desired.Count);
    }
}
