namespace GuidanceFlow.Domain.Reviews;

/// <summary>The chair closes the review; after this its stream takes no more events.</summary>
public sealed record CloseReview(Guid ReviewId, string Reason, long? ExpectedVersion, Actor Actor) : IReviewCommand
{
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string ReasonMissing = "Say why the review is being closed.";

    public static Decision Decide(Review? review, CloseReview command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(command.Reason))
            return Decision.Reject(ReasonMissing);
        return Decision.Accept(new ReviewClosed(command.ReviewId, command.Reason.Trim(), now));
    }
}
