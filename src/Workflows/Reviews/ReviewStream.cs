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

/// <summary>
/// The one place events reach a review's stream: checks the expected version, turns a rejection
/// into an exception (so the transaction never commits), and records who acted in the event
/// metadata.
/// </summary>
public static class ReviewStream
{
    public const string ActorIdHeader = "actor-id";
    public const string ActorNameHeader = "actor-name";
    public const string ActorOrganisationHeader = "actor-organisation";
    public const string ActorRoleHeader = "actor-role";

    public static void Append(IEventStream<Review> stream, IDocumentSession session, IReviewCommand command, Decision decision)
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
    }

    public static void Start(IDocumentSession session, OpenReview command, Decision decision)
    {
        if (decision.Rejection is { } rejection)
            throw new ReviewCommandRejected(rejection);

        RecordActor(session, command.Actor);
        session.Events.StartStream<Review>(command.ReviewId, decision.Events.ToArray());
    }

    private static void RecordActor(IDocumentSession session, Actor actor)
    {
        session.LastModifiedBy = actor.UserId;
        session.SetHeader(ActorIdHeader, actor.UserId);
        session.SetHeader(ActorNameHeader, actor.Name);
        session.SetHeader(ActorOrganisationHeader, actor.Organisation);
        session.SetHeader(ActorRoleHeader, actor.Role);
    }
}
