namespace GuidanceFlow.Domain.Reviews;

/// <summary>The chair sets (or moves) the group meeting at which the decision is due.</summary>
public sealed record ScheduleDecisionMeeting(
    Guid ReviewId,
    DateTimeOffset MeetingAt,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string MeetingNotAhead = "The meeting must be in the future.";

    public static Decision Decide(Review? review, ScheduleDecisionMeeting command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (review!.Status >= ReviewStatus.Decided)
            return Decision.Reject("The decision has already been recorded.");
        if (command.MeetingAt <= now)
            return Decision.Reject(MeetingNotAhead);
        return Decision.Accept(new DecisionMeetingScheduled(command.ReviewId, command.MeetingAt.ToUniversalTime()));
    }
}
