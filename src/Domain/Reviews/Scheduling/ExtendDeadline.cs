namespace GuidanceFlow.Domain.Reviews;

/// <summary>The chair moves a deadline later, with a reason; everything it triggers moves with it.</summary>
public sealed record ExtendDeadline(
    Guid ReviewId,
    DeadlineKind Deadline,
    DateTimeOffset NewDue,
    string Reason,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string ReasonMissing = "Say why the deadline is being extended.";
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string NewDueNotAhead = "The new deadline must be in the future.";

    public static Decision Decide(Review? review, ExtendDeadline command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(command.Reason)) return Decision.Reject(ReasonMissing);
        if (command.NewDue <= now) return Decision.Reject(NewDueNotAhead);

        var current = review!.Progress.Extendable(command.Deadline);
        if (command.Deadline == DeadlineKind.TechnologyAppraisalFunding)
            return Decision.Reject($"The {review.FundingDays}-day funding deadline for a technology appraisal is statutory and cannot be extended.");
        if (current is null)
            return Decision.Reject($"This review has no open {Describe(command.Deadline)} to extend.");
        if (command.NewDue <= current)
            return Decision.Reject($"An extension must be later than the current deadline, {UkTime.Format(current.Value)}.");

        return Decision.Accept(new DeadlineExtended(command.ReviewId, command.Deadline, current.Value,
            command.NewDue.ToUniversalTime(), command.Reason.Trim(), now));
    }

    public static string Describe(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ResponseWindow => "response deadline",
        DeadlineKind.FinancialImpact => "financial impact deadline",
        DeadlineKind.Decision => "decision meeting",
        DeadlineKind.Review => "review date",
        _ => "technology appraisal funding deadline",
    };
}
