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
    public static Task Handle(OpenResponseWindow command, IEventStream<Review> stream, IDocumentSession session, IMessageContext bus, ReviewWriter writer, TimeProvider clock) =>
        writer.Append(stream, session, bus, command, OpenResponseWindow.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}

public static class CloseResponseWindowHandler
{
    [AggregateHandler]
    public static async Task Handle(CloseResponseWindow command, IEventStream<Review> stream, IDocumentSession session, IMessageContext bus,
        ReviewWriter writer, DeadlinePolicies policies, TimeProvider clock) =>
        await writer.Append(stream, session, bus, command,
            CloseResponseWindow.Decide(stream.Aggregate, command, clock.GetUtcNow(), await policies.ForAsync(stream.Aggregate?.Group ?? "", session)));
}
