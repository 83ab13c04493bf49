using GuidanceFlow.Workflows.Notifications;
using GuidanceFlow.Projections;
using Wolverine;

namespace GuidanceFlow.Workflows.Reviews;

/// <summary>A command the review's rules refused; nothing was appended.</summary>
public sealed class ReviewCommandRejected(Rejection rejection) : Exception(rejection.Rule)
{
    public Rejection Rejection { get; } = rejection;
}

/// <summary>The caller wrote against a version of the review that is no longer current.</summary>
public sealed class StaleReviewVersion(Guid reviewId, long expected, long actual) : Exception(
    $"Review {reviewId} has changed since you loaded it: you sent version {expected}, it is now at version {actual}. Reload and try again.")
{
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}

/// <summary>Published, through the outbox, whenever a review's stream changes: its deadlines are re-synced.</summary>
public sealed record ReviewChanged(Guid ReviewId);

/// <summary>
/// The one place events reach a review's stream: checks the expected version, turns a rejection
/// into an exception (so the transaction never commits), records who acted in the event metadata,
/// and publishes what follows from the events — deadline sync and emails — through Wolverine's
/// outbox, so they commit with the events or not at all.
/// </summary>
public static class ReviewStream
{
    public static async Task Append(IEventStream<Review> stream, IDocumentSession session, IMessageContext bus,
        ReviewNotifications notifications, IReviewCommand command, Decision decision)
    {
        if (stream.Aggregate is null)
            throw new ReviewCommandRejected(Decision.NotFound(command.ReviewId).Rejection!);
        var current = stream.StartingVersion ?? 0;
        if (command.ExpectedVersion is { } expected && expected != current)
            throw new StaleReviewVersion(command.ReviewId, expected, current);
        if (decision.Rejection is { } rejection)
            throw new ReviewCommandRejected(rejection);

        RecordActor(session, command.Actor);
        stream.AppendMany(decision.Events);
        await Publish(bus, notifications, stream.Aggregate, command.ReviewId, decision.Events);
    }

    public static async Task Start(IDocumentSession session, IMessageContext bus, ReviewNotifications notifications,
        OpenReview command, Decision decision)
    {
        if (decision.Rejection is { } rejection)
            throw new ReviewCommandRejected(rejection);

        RecordActor(session, command.Actor);
        session.Events.StartStream<Review>(command.ReviewId, decision.Events.ToArray());
        await Publish(bus, notifications, null, command.ReviewId, decision.Events);
    }

    private static async Task Publish(IMessageContext bus, ReviewNotifications notifications, Review? before, Guid reviewId,
        IReadOnlyList<object> events)
    {
        var after = events.Aggregate(before, Review.Evolve);
        await bus.PublishAsync(new ReviewChanged(reviewId));
        if (after is null) return;
        foreach (var email in notifications.For(after, events))
            await bus.PublishAsync(email);
    }

    private static void RecordActor(IDocumentSession session, Actor actor)
    {
        session.LastModifiedBy = actor.UserId;
        session.SetHeader(ActorHeaders.Id, actor.UserId);
        session.SetHeader(ActorHeaders.Name, actor.Name);
        session.SetHeader(ActorHeaders.Organisation, actor.Organisation);
        session.SetHeader(ActorHeaders.Role, actor.Role);
    }
}
