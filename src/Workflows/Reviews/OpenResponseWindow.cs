namespace GuidanceFlow.Workflows.Reviews;

public sealed class OpenResponseWindowValidator : AbstractValidator<OpenResponseWindow>
{
    public OpenResponseWindowValidator(TimeProvider clock)
    {
        RuleFor(c => c.Deadline).Must(d => d > clock.GetUtcNow()).WithMessage(OpenResponseWindow.DeadlineNotAhead)
            .Must(d => d < clock.GetUtcNow().AddYears(1)).WithMessage("The deadline must be within a year.");
    }
}
/// <summary>The chair opens the response window.</summary>
public static class OpenResponseWindowHandler
{
    [AggregateHandler]
    public static Decided Handle(OpenResponseWindow command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, OpenResponseWindow.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
