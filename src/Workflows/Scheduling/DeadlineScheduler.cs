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
    public const string DeadlineKey = TriggerMirror.DeadlineKey;

    public async Task SyncAsync(Guid reviewId, IDocumentSession session, CancellationToken ct)
    {
        var review = await session.LoadAsync<Review>(reviewId, ct);
        var desired = review is null ? [] : Deadlines.Pending(review, await policies.ForAsync(review.Group, session, ct));

        await TriggerMirror.SyncAsync(await schedulers.GetScheduler(ct), reviewId.ToString(), Job,
            desired.Select(d => new DesiredTrigger(d.Key, d.FireAt, d.Description)).ToList(),
            new Dictionary<string, string> { [ReviewIdKey] = reviewId.ToString() }, clock.GetUtcNow(), ct);

        session.DeleteWhere<ScheduledDeadline>(d => d.ReviewId == reviewId);
        if (review is not null) session.Store(desired.Select(d => ScheduledDeadline.From(review, d)).ToArray());
        logger.LogDebug("Review {ReviewId}: {Count} deadline triggers pending", reviewId, desired.Count);
    }
}
