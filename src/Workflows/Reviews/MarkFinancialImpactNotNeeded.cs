namespace GuidanceFlow.Workflows.Reviews;

public sealed class MarkFinancialImpactNotNeededValidator : AbstractValidator<MarkFinancialImpactNotNeeded>
{
    public MarkFinancialImpactNotNeededValidator() =>
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage(MarkFinancialImpactNotNeeded.ReasonMissing).MaximumLength(2000);
}
/// <summary>The chair states no financial assessment is needed.</summary>
public static class MarkFinancialImpactNotNeededHandler
{
    [AggregateHandler]
    public static Decided Handle(MarkFinancialImpactNotNeeded command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, MarkFinancialImpactNotNeeded.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
