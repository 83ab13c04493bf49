using Quartz;

namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>One trigger a stream's deadlines want: named by its deadline key, firing at <see cref="FireAt"/>.</summary>
public sealed record DesiredTrigger(string Key, DateTimeOffset FireAt, string Description);

/// <summary>
/// Makes a Quartz trigger group hold exactly the desired triggers: stale ones unscheduled, missing ones
/// scheduled (an already-due one fires now; a misfire after downtime fires once on recovery). Idempotent,
/// so event-driven syncs and reconciliations can all call it, on any node.
/// </summary>
public static class TriggerMirror
{
    public const string DeadlineKey = "deadlineKey";

    public static async Task SyncAsync(IScheduler scheduler, string group, JobKey job, IReadOnlyList<DesiredTrigger> desired,
        IReadOnlyDictionary<string, string> data, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), ct);
        var wanted = desired.Select(d => d.Key).ToHashSet();
        foreach (var stale in existing.Where(k => !wanted.Contains(k.Name)))
            await scheduler.UnscheduleJob(stale, ct);

        foreach (var deadline in desired.Where(d => existing.All(k => k.Name != d.Key)))
        {
            var builder = TriggerBuilder.Create().WithIdentity(deadline.Key, group).ForJob(job)
                .UsingJobData(DeadlineKey, deadline.Key)
                .WithDescription(deadline.Description)
                .StartAt(deadline.FireAt > now ? deadline.FireAt : now)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
            foreach (var (key, value) in data) builder = builder.UsingJobData(key, value);
            try
            {
                await scheduler.ScheduleJob(builder.Build(), new ScheduleJobOptions(), ct);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node synced the same stream at the same moment.
            }
        }
    }
}
