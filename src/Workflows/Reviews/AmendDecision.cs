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
    public static Decided Handle(AmendDecision command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, AmendDecision.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
