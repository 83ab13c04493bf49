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
/// <summary>A stakeholder delegates their response to a colleague, or withdraws it.</summary>
public static class DelegateResponseHandler
{
    [AggregateHandler]
    public static Decided Handle(DelegateResponse command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, DelegateResponse.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
