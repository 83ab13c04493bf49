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
    public static Decision Decide(Review? review, ExtendDeadline command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(command.Reason)) return Decision.Reject("Say why the deadline is being extended.");
        if (command.NewDue <= now) return Decision.Reject("The new deadline must be in the future.");

        var current = review!.Progress.Extendable(command.Deadline);
        if (command.Deadline == DeadlineKind.TechnologyAppraisalFunding)
            return Decision.Reject("The 90-day funding deadline for a technology appraisal is statutory and cannot be extended.");
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

/// <summary>The chair sets (or moves) the group meeting at which the decision is due.</summary>
public sealed record ScheduleDecisionMeeting(
    Guid ReviewId,
    DateTimeOffset MeetingAt,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, ScheduleDecisionMeeting command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (review!.Status >= ReviewStatus.Decided)
            return Decision.Reject("The decision has already been recorded.");
        if (command.MeetingAt <= now)
            return Decision.Reject("The meeting must be in the future.");
        return Decision.Accept(new DecisionMeetingScheduled(command.ReviewId, command.MeetingAt.ToUniversalTime()));
    }
}
