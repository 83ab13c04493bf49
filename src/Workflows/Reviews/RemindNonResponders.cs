namespace GuidanceFlow.Workflows.Reviews;

/// <summary>The chair reminds those who have not responded, now (at most once a day).</summary>
public static class RemindNonRespondersHandler
{
    [AggregateHandler]
    public static Decided Handle(RemindNonResponders command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, RemindNonResponders.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
