namespace GuidanceFlow.Workflows.Reviews;

public sealed class AssessFinancialImpactValidator : AbstractValidator<AssessFinancialImpact>
{
    private const decimal Ceiling = 10_000_000_000m;

    public AssessFinancialImpactValidator()
    {
        RuleFor(c => c.LocalPopulation).InclusiveBetween(1, 60_000_000)
            .WithMessage("Enter the population of the health economy, between 1 and 60,000,000.");
        RuleFor(c => c.Lines).NotEmpty().WithMessage("Add at least one cost line.")
            .Must(l => l.Count <= 1000).WithMessage("An assessment can hold at most 1,000 cost lines.");
        RuleForEach(c => c.Lines).NotNull().WithMessage("Each cost line must be an object.");
        RuleForEach(c => c.Lines).ChildRules(line =>
        {
            line.RuleFor(x => x.RecommendationNumber).MaximumLength(20);
            line.RuleFor(x => x.Organisation).PlainText().NotEmpty().MaximumLength(200);
            line.RuleFor(x => x.Sector).IsInEnum();
            line.RuleFor(x => x.Description).PlainText(multiline: true).MaximumLength(1000);
            line.RuleFor(x => x.Years).NotEmpty().WithMessage("Give the figures for at least one year.")
                .Must(y => y.Where(f => f is not null).Select(f => f.Year).Distinct().Count() == y.Count(f => f is not null))
                .When(x => x.Years is not null)
                .WithMessage("Give each year once.");
            line.RuleForEach(x => x.Years).NotNull().WithMessage("Each year must be an object.");
            line.RuleForEach(x => x.Years).ChildRules(year =>
            {
                year.RuleFor(f => f.Year).InclusiveBetween(1, ResourceImpact.HorizonYears)
                    .WithMessage("Years run from 1 to 5, NICE's resource-impact horizon.");
                year.RuleFor(f => f.OneOffCost).InclusiveBetween(0m, Ceiling);
                year.RuleFor(f => f.RecurrentCost).InclusiveBetween(0m, Ceiling);
                year.RuleFor(f => f.OneOffSaving).InclusiveBetween(0m, Ceiling);
                year.RuleFor(f => f.RecurrentSaving).InclusiveBetween(0m, Ceiling);
            });
        });
    }
}
/// <summary>The finance lead or chair records the financial impact.</summary>
public static class AssessFinancialImpactHandler
{
    [AggregateHandler]
    public static Decided Handle(AssessFinancialImpact command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, AssessFinancialImpact.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
