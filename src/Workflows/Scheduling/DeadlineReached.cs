using GuidanceFlow.Workflows.Reviews;

namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>
/// Sent by a deadline's trigger and nothing more: the handler decides from the review's stream
/// whether anything is left to do, so a repeated, late or stale trigger appends and sends nothing.
/// </summary>
public sealed record DeadlineReached(Guid ReviewId, string Key) : IReviewCommand
{
    public long? ExpectedVersion => null;
    public Actor Actor => Actor.Scheduler;
}

public static class DeadlineReachedHandler
{
    [AggregateHandler]
    public static async Task<Decided> Handle(DeadlineReached command, IEventStream<Review> stream, IDocumentSession session,
        DeadlinePolicies policies, TimeProvider clock)
    {
        if (stream.Aggregate is not { } review) return Decided.Nothing(command);
        var decision = Deadlines.Act(review, command.Key, await policies.ForAsync(review.Group, session), clock.GetUtcNow());
        // Nothing left to do (already done, moved, no longer applies) is not an error.
        return decision.IsAccepted ? new(command, decision) : Decided.Nothing(command);
    }
}
