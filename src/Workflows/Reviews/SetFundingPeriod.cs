namespace GuidanceFlow.Workflows.Reviews;

public sealed class SetFundingPeriodValidator : AbstractValidator<SetFundingPeriod>
{
    public SetFundingPeriodValidator()
    {
        RuleFor(c => c.Days).InclusiveBetween(1, 365).WithMessage("Give a funding period of 1 to 365 days.");
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage("Say why the funding period is set.").MaximumLength(1000);
    }
}

/// <summary>The chair sets a technology appraisal's funding period.</summary>
public static class SetFundingPeriodHandler
{
    [AggregateHandler]
    public static Decided Handle(SetFundingPeriod command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, SetFundingPeriod.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
