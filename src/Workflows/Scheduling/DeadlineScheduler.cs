using Microsoft.Extensions.Logging;
using Quartz;

namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>
/// Mirrors a review's pending deadlines (derived from its events) into Quartz triggers in the
/// clustered PostgreSQL job store: one trigger per deadline action, grouped by review. Idempotent,
/// so the event-driven sync, the start-up reconciliation and the periodic one can all call it.
/// </summary>
public sealed class DeadlineScheduler(ISchedulerFactory schedulers, DeadlinePolicies policies, TimeProvider clock,
    ILogger<DeadlineScheduler> logger)
{
    public static readonly JobKey Job = new("deadline-reached", "guidanceflow");
    public const string ReviewIdKey = "reviewId";
    public const string DeadlineKey = "deadlineKey";

    public async Task SyncAsync(Guid reviewId, IDocumentSession session, CancellationToken ct)
    {
        var review = await session.LoadAsync<Review>(reviewId, ct);
        var desired = review is null ? [] : Deadlines.Pending(review, await policies.ForAsync(review.Group, session, ct));

        var scheduler = await schedulers.GetScheduler(ct);
        var existing = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(reviewId.ToString()), ct);
        var wanted = desired.Select(d => d.Key).ToHashSet();

        foreach (var stale in existing.Where(k => !wanted.Contains(k.Name)))
            await scheduler.UnscheduleJob(stale, ct);

        var now = clock.GetUtcNow();
        foreach (var deadline in desired.Where(d => existing.All(k => k.Name != d.Key)))
        {
            var trigger = TriggerBuilder.Create()
                .WithIdentity(deadline.Key, reviewId.ToString())
                .ForJob(Job)
                .UsingJobData(ReviewIdKey, reviewId.ToString())
                .UsingJobData(DeadlineKey, deadline.Key)
                .WithDescription(deadline.Description)
                // Already due (opened late, or found missing by reconciliation): fire now, not at the next misfire scan.
                .StartAt(deadline.FireAt > now ? deadline.FireAt : now)
                // Late after downtime: fire once on recovery.
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            try
            {
                await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), ct);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node synced the same review at the same moment.
            }
        }

        session.DeleteWhere<ScheduledDeadline>(d => d.ReviewId == reviewId);
        if (review is not null) session.Store(desired.Select(d => ScheduledDeadline.From(review, d)).ToArray());
        logger.LogDebug("Review {ReviewId}: {Count} deadline triggers pending", reviewId, desired.Count);
    }
}
