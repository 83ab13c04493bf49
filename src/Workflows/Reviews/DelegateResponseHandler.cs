namespace GuidanceFlow.Workflows.Reviews;

public sealed class DelegateResponseValidator : AbstractValidator<DelegateResponse>
{
    public DelegateResponseValidator()
    {
        RuleFor(c => c.DelegateUserId).MaximumLength(64).Matches("^[A-Za-z0-9._@|-]+$")
            .WithMessage("Use letters, digits, '.', '_', '@', '|' or '-' in a user id.");
        RuleFor(c => c.DelegateName).MaximumLength(200).PlainText();
    }
}

public static class DelegateResponseHandler
{
    [AggregateHandler]
    public static Task Handle(DelegateResponse command, IEventStream<Review> stream, IDocumentSession session, IMessageContext bus,
        ReviewWriter writer, TimeProvider clock) =>
        writer.Append(stream, session, bus, command, DelegateResponse.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
