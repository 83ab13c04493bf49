using GuidanceFlow.Workflows.Notifications;
using GuidanceFlow.Projections;
using GuidanceFlow.Workflows.Audit;
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

/// <summary>Published, through the outbox, whenever a review's deadlines may have moved (or its group's policy changed): its triggers are re-synced.</summary>
public sealed record ReviewChanged(Guid ReviewId);

/// <summary>
/// The one place events reach a review's stream: checks the expected version, turns a rejection
/// into an exception (so the transaction never commits), records who acted and links each event
/// into the stream's hash chain, and publishes what follows from the events — deadline sync and
/// emails — through Wolverine's outbox, so they commit with the events or not at all.
/// </summary>
public sealed class ReviewWriter(ReviewNotifications notifications, AuditChain chain)
{
    public Task Append(IEventStream<Review> stream, IDocumentSession session, IMessageContext bus, IReviewCommand command,
        Decision decision)
    {
        if (stream.Aggregate is null)
            throw new ReviewCommandRejected(Decision.NotFound(command.ReviewId).Rejection!);
        var current = stream.StartingVersion ?? 0;
        if (command.ExpectedVersion is { } expected && expected != current)
            throw new StaleReviewVersion(command.ReviewId, expected, current);
        if (decision.Rejection is { } rejection)
            throw new ReviewCommandRejected(rejection);

        session.LastModifiedBy = command.Actor.UserId;
        IdempotentWrite.MarkIn(session, command.Actor.UserId);
        var linked = Linked(session, stream.Aggregate.ChainHead, command.Actor, decision.Events).ToList();
        if (decision.Events.OfType<ReviewClosed>().Any())
        {
            var (key, id) = (OpenReviewClaim.KeyFor(stream.Aggregate.Group, stream.Aggregate.GuidanceId), stream.Aggregate.Id);
            session.DeleteWhere<OpenReviewClaim>(c => c.Id == key && c.ReviewId == id);
        }
        stream.AppendMany(linked);
        WriteReceipt.Record(current, linked);
        return Publish(bus, stream.Aggregate, command.ReviewId, decision.Events);
    }

    public async Task Start(IDocumentSession session, IMessageContext bus, OpenReview command, Decision decision)
    {
        if (decision.Rejection is { } rejection)
            throw new ReviewCommandRejected(rejection);

        session.LastModifiedBy = command.Actor.UserId;
        IdempotentWrite.MarkIn(session, command.Actor.UserId);
        session.Events.StartStream<Review>(command.ReviewId, Linked(session, "", command.Actor, decision.Events).ToArray());
        var opened = decision.Events.OfType<GuidanceReviewOpened>().Single();
        session.Insert(new OpenReviewClaim { Id = OpenReviewClaim.KeyFor(opened.Group, opened.GuidanceId), ReviewId = opened.ReviewId });
        await Publish(bus, null, command.ReviewId, decision.Events);
    }

    private IEnumerable<IEvent> Linked(IDocumentSession session, string head, Actor actor, IReadOnlyList<object> events) =>
        chain.Attributed(session, head, actor, events);

    private async Task Publish(IMessageContext bus, Review? before, Guid reviewId, IReadOnlyList<object> events)
    {
        var after = events.Aggregate(before, Review.Evolve);
        // Most writes are responses, which move no deadline: their triggers need no sync.
        if (Deadlines.MayHaveMoved(before, after)) await bus.PublishAsync(new ReviewChanged(reviewId));
        if (after is null) return;
        foreach (var email in notifications.For(after, events))
            await bus.PublishAsync(email);
    }
}

/// <summary>
/// What a review command's handler returns: the domain's decision on the command. Wolverine runs
/// <see cref="ExecuteAsync"/> after the handler, in the same transaction, with the handler's own
/// event stream, session and outbox — the one step that appends (or refuses) for every command.
/// </summary>
public sealed record Decided(IReviewCommand Command, Decision Decision) : ISideEffect
{
    /// <summary>Nothing to do, and nothing wrong: a deadline that had already been acted on, moved or no longer applies.</summary>
    public static Decided Nothing(IReviewCommand command) => new(command, Decision.Accept());

    public Task ExecuteAsync(IEventStream<Review> stream, IDocumentSession session, IMessageContext bus, ReviewWriter writer) =>
        Decision is { IsAccepted: true, Events.Count: 0 } ? Task.CompletedTask : writer.Append(stream, session, bus, Command, Decision);
}

/// <summary>What opening a review returns: its first events, which start the stream.</summary>
public sealed record Opened(OpenReview Command, Decision Decision) : ISideEffect
{
    public Task ExecuteAsync(IDocumentSession session, IMessageContext bus, ReviewWriter writer) =>
        writer.Start(session, bus, Command, Decision);
}
