namespace GuidanceFlow.Domain.Reviews;

/// <summary>The chair asks every invited stakeholder to respond by a deadline.</summary>
public sealed record OpenResponseWindow(
    Guid ReviewId,
    DateTimeOffset Deadline,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string DeadlineNotAhead = "The deadline must be in the future.";

    public static Decision Decide(Review? review, OpenResponseWindow command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (!review!.HasGrid)
            return Decision.Reject("The response window cannot open before the grid of recommendations exists.");
        if (review.Status != ReviewStatus.GridReady)
            return Decision.Reject("The response window has already been opened for this review.");
        if (review.Stakeholders.IsEmpty)
            return Decision.Reject("Invite at least one stakeholder before opening the response window.");
        if (command.Deadline <= now)
            return Decision.Reject(DeadlineNotAhead);

        return Decision.Accept(new ResponseWindowOpened(command.ReviewId, command.Deadline.ToUniversalTime(), now));
    }
}
