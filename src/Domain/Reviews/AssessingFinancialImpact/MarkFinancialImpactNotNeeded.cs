namespace GuidanceFlow.Domain.Reviews;

/// <summary>The chair states that no financial assessment is needed, with the reason, so a decision can follow.</summary>
public sealed record MarkFinancialImpactNotNeeded(
    Guid ReviewId,
    string Reason,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string ReasonMissing = "Say why no financial assessment is needed.";

    public static Decision Decide(Review? review, MarkFinancialImpactNotNeeded command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (FinancialStage.Check(review!) is { } notNow) return notNow;
        if (string.IsNullOrWhiteSpace(command.Reason))
            return Decision.Reject(ReasonMissing);
        return Decision.Accept(new FinancialImpactMarkedNotNeeded(command.ReviewId, command.Reason.Trim(), now));
    }
}
