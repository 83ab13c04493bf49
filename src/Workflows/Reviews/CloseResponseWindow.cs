using GuidanceFlow.Workflows.Scheduling;

namespace GuidanceFlow.Workflows.Reviews;

/// <summary>The chair closes the window early (at the deadline the scheduler does, through <see cref="Scheduling.DeadlineReachedHandler"/>).</summary>
public static class CloseResponseWindowHandler
{
    [AggregateHandler]
    public static async Task<Decided> Handle(CloseResponseWindow command, IEventStream<Review> stream, IDocumentSession session,
        DeadlinePolicies policies, TimeProvider clock) =>
        new(command, CloseResponseWindow.Decide(stream.Aggregate, command, clock.GetUtcNow(),
            await policies.ForAsync(stream.Aggregate?.Group ?? "", session)));
}
