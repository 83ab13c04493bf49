namespace GuidanceFlow.Workflows.Reviews;

public sealed class ScheduleDecisionMeetingValidator : AbstractValidator<ScheduleDecisionMeeting>
{
    public ScheduleDecisionMeetingValidator(TimeProvider clock) =>
        RuleFor(c => c.MeetingAt).Must(d => d > clock.GetUtcNow()).WithMessage(ScheduleDecisionMeeting.MeetingNotAhead)
            .Must(d => d < clock.GetUtcNow().AddYears(2)).WithMessage("The meeting must be within 2 years.");
}
/// <summary>The chair sets the decision meeting.</summary>
public static class ScheduleDecisionMeetingHandler
{
    [AggregateHandler]
    public static Decided Handle(ScheduleDecisionMeeting command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, ScheduleDecisionMeeting.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
