namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The group records its decision with a rationale, an action plan and a review date. Not
/// implementing is a deviation from NICE, so it must state the risk accepted.
/// </summary>
public sealed record RecordDecision(
    Guid ReviewId,
    DecisionOutcome Outcome,
    string Rationale,
    string? Risk,
    IReadOnlyList<ActionItem> Actions,
    DateOnly? ReviewDate,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string RiskRequired = "Not implementing NICE guidance is a deviation: record the risk accepted.";
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string ReviewDateNotAhead = "The review date must be in the future.";

    public static Decision Decide(Review? review, RecordDecision command, DateTimeOffset now, DeadlinePolicy policy)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (!review!.Progress.DecisionMayBeRecorded)
            return Decision.Reject(review.Status switch
            {
                < ReviewStatus.Collated => "A decision can only be recorded after the response window has closed.",
                ReviewStatus.Collated => "A decision needs the financial impact assessed first, or marked not needed with a reason.",
                _ => "A decision has already been recorded for this review.",
            });
        if (string.IsNullOrWhiteSpace(command.Rationale))
            return Decision.Reject("A decision needs its rationale.");
        if (command.Outcome == DecisionOutcome.DoNotImplement && string.IsNullOrWhiteSpace(command.Risk))
            return Decision.Reject(RiskRequired);
        // No review date given: the group's default, 12 months unless configured otherwise.
        var reviewDate = command.ReviewDate ?? DateOnly.FromDateTime(UkTime.ToUk(now).DateTime).AddMonths(policy.ReviewAfterMonths);
        if (reviewDate <= DateOnly.FromDateTime(now.UtcDateTime))
            return Decision.Reject(ReviewDateNotAhead);

        return Decision.Accept(new DecisionRecorded(command.ReviewId, command.Outcome, command.Rationale.Trim(),
            string.IsNullOrWhiteSpace(command.Risk) ? null : command.Risk.Trim(), command.Actions.ToList(),
            reviewDate, now));
    }
}
