namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The chair amends a recorded decision — a new outcome, rationale, actions or review date — and says why. The
/// decision first recorded is never changed: the amendment is a new event beside it, so the audit shows both.
/// </summary>
public sealed record AmendDecision(
    Guid ReviewId,
    DecisionOutcome Outcome,
    string Rationale,
    string? Risk,
    IReadOnlyList<ActionItem> Actions,
    DateOnly? ReviewDate,
    string Reason,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand, IDecisionContent
{
    public const string ReasonRequired = "Say why the decision is being amended.";

    public static Decision Decide(Review? review, AmendDecision command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (review!.Decision is not { } recorded)
            return Decision.Reject("There is no recorded decision to amend: record the decision first.");
        if (string.IsNullOrWhiteSpace(command.Reason)) return Decision.Reject(ReasonRequired);
        if (DecisionContent.Problem(command) is { } problem) return Decision.Reject(problem);
        // No review date given: the one already set stands.
        var reviewDate = command.ReviewDate ?? recorded.ReviewDate;
        if (command.ReviewDate is not null && reviewDate <= UkTime.DateOf(now))
            return Decision.Reject(RecordDecision.ReviewDateNotAhead);
        var risk = string.IsNullOrWhiteSpace(command.Risk) ? null : command.Risk.Trim();
        if (command.Outcome == recorded.Outcome && command.Rationale.Trim() == recorded.Rationale && risk == recorded.Risk
            && command.Actions.SequenceEqual(recorded.Actions) && reviewDate == recorded.ReviewDate)
            return Decision.Reject("The amendment changes nothing: change the outcome, rationale, risk, actions or review date.");

        return Decision.Accept(new DecisionAmended(command.ReviewId, command.Outcome, command.Rationale.Trim(), risk,
            command.Actions.ToList(), reviewDate, command.Reason.Trim(), now));
    }
}
