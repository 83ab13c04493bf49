namespace GuidanceFlow.Workflows.Reviews;

public sealed class OpenResponseWindowValidator : AbstractValidator<OpenResponseWindow>
{
    public OpenResponseWindowValidator(TimeProvider clock)
    {
        RuleFor(c => c.Deadline).Must(d => d > clock.GetUtcNow()).WithMessage("The deadline must be in the future.")
            .Must(d => d < clock.GetUtcNow().AddYears(1)).WithMessage("The deadline must be within a year.");
    }
}

public static class OpenResponseWindowHandler
{
    [AggregateHandler]
    public static void Handle(OpenResponseWindow command, IEventStream<Review> stream, IDocumentSession session, TimeProvider clock) =>
        ReviewStream.Append(stream, session, command, OpenResponseWindow.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}

public static class CloseResponseWindowHandler
{
    [AggregateHandler]
    public static void Handle(CloseResponseWindow command, IEventStream<Review> stream, IDocumentSession session, TimeProvider clock) =>
        ReviewStream.Append(stream, session, command, CloseResponseWindow.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
