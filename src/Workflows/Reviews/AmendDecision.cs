namespace GuidanceFlow.Workflows.Reviews;

public sealed class AmendDecisionValidator : AbstractValidator<AmendDecision>
{
    public AmendDecisionValidator(TimeProvider clock)
    {
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage(AmendDecision.ReasonRequired).MaximumLength(4000);
        Include(new DecisionContentValidator(clock));
    }
}

/// <summary>The chair amends the recorded decision, with a reason; the first record stays.</summary>
public static class AmendDecisionHandler
{
    [AggregateHandler]
    public static async Task<Decided> Handle(AmendDecision command, IEventStream<Review> stream, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        command = command with { Actions = await ActionOwners.WithEmailsAsync(command.Actions, session, ct) };
        return new(command, AmendDecision.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
