namespace GuidanceFlow.Workflows.Reviews;

public sealed class ExtendDeadlineValidator : AbstractValidator<ExtendDeadline>
{
    public ExtendDeadlineValidator(TimeProvider clock)
    {
        RuleFor(c => c.Deadline).IsInEnum();
        RuleFor(c => c.NewDue).Must(d => d > clock.GetUtcNow()).WithMessage(ExtendDeadline.NewDueNotAhead)
            .Must(d => d < clock.GetUtcNow().AddYears(5)).WithMessage("The new deadline must be within 5 years.");
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage(ExtendDeadline.ReasonMissing).MaximumLength(2000);
    }
}
/// <summary>The chair moves a deadline later.</summary>
public static class ExtendDeadlineHandler
{
    [AggregateHandler]
    public static Decided Handle(ExtendDeadline command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, ExtendDeadline.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
