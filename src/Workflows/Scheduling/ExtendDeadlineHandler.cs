namespace GuidanceFlow.Workflows.Scheduling;

public sealed class ExtendDeadlineValidator : AbstractValidator<ExtendDeadline>
{
    public ExtendDeadlineValidator(TimeProvider clock)
    {
        RuleFor(c => c.Deadline).IsInEnum();
        RuleFor(c => c.NewDue).Must(d => d > clock.GetUtcNow()).WithMessage("The new deadline must be in the future.")
            .Must(d => d < clock.GetUtcNow().AddYears(5)).WithMessage("The new deadline must be within 5 years.");
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage("Say why the deadline is being extended.").MaximumLength(2000);
    }
}

public static class ExtendDeadlineHandler
{
    [AggregateHandler]
    public static Task Handle(ExtendDeadline command, IEventStream<Review> stream, IDocumentSession session, IMessageContext bus,
        ReviewWriter writer, TimeProvider clock) =>
        writer.Append(stream, session, bus, command, ExtendDeadline.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}

public sealed class ScheduleDecisionMeetingValidator : AbstractValidator<ScheduleDecisionMeeting>
{
    public ScheduleDecisionMeetingValidator(TimeProvider clock) =>
        RuleFor(c => c.MeetingAt).Must(d => d > clock.GetUtcNow()).WithMessage("The meeting must be in the future.")
            .Must(d => d < clock.GetUtcNow().AddYears(2)).WithMessage("The meeting must be within 2 years.");
}

public static class ScheduleDecisionMeetingHandler
{
    [AggregateHandler]
    public static Task Handle(ScheduleDecisionMeeting command, IEventStream<Review> stream, IDocumentSession session, IMessageContext bus,
        ReviewWriter writer, TimeProvider clock) =>
        writer.Append(stream, session, bus, command,
            ScheduleDecisionMeeting.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
