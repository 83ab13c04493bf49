namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>After every change to a review (published through the outbox with its events): its triggers are synced.</summary>
public static class ReviewChangedHandler
{
    public static Task Handle(ReviewChanged message, DeadlineScheduler scheduler, IDocumentSession session, CancellationToken ct) =>
        scheduler.SyncAsync(message.ReviewId, session, ct);
}
