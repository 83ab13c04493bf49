namespace GuidanceFlow.Domain.Reviews;

/// <summary>What a decision says, whether first recorded or amended.</summary>
public interface IDecisionContent
{
    DecisionOutcome Outcome { get; }
    string Rationale { get; }
    string? Risk { get; }
    IReadOnlyList<ActionItem> Actions { get; }
    DateOnly? ReviewDate { get; }
}

/// <summary>The rules on what a decision says, for recording and amending alike.</summary>
public static class DecisionContent
{
    /// <summary>Null when the content may stand; else why not.</summary>
    public static string? Problem(IDecisionContent decision) =>
        string.IsNullOrWhiteSpace(decision.Rationale) ? "A decision needs its rationale."
        : decision.Outcome == DecisionOutcome.DoNotImplement && string.IsNullOrWhiteSpace(decision.Risk) ? RecordDecision.RiskRequired
        : null;
}

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
    Actor Actor) : IReviewCommand, IDecisionContent
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
        if (DecisionContent.Problem(command) is { } problem) return Decision.Reject(problem);
        // No review date given: the group's default, 12 months unless configured otherwise.
        var reviewDate = command.ReviewDate ?? DateOnly.FromDateTime(UkTime.ToUk(now).DateTime).AddMonths(policy.ReviewAfterMonths);
        if (reviewDate <= DateOnly.FromDateTime(now.UtcDateTime))
            return Decision.Reject(ReviewDateNotAhead);

        return Decision.Accept(new DecisionRecorded(command.ReviewId, command.Outcome, command.Rationale.Trim(),
            string.IsNullOrWhiteSpace(command.Risk) ? null : command.Risk.Trim(), command.Actions.ToList(),
            reviewDate, now));
    }
}
