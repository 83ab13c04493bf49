namespace GuidanceFlow.Workflows.Reviews;

public sealed class CreateGridValidator : AbstractValidator<CreateGrid>
{
    public CreateGridValidator()
    {
        RuleFor(c => c.Recommendations).NotEmpty().WithMessage("Add at least one recommendation.")
            .Must(rs => rs.Count <= 500).WithMessage("A grid can hold at most 500 recommendations.");
        RuleFor(c => c.Recommendations)
            .Must(rs => rs.Where(r => r is not null).Select(r => r.Number?.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count()
                        == rs.Count(r => r is not null))
            .When(c => c.Recommendations is not null)
            .WithMessage("Recommendation numbers must be unique.");
        RuleForEach(c => c.Recommendations).NotNull().WithMessage("Each recommendation must be an object.");
        RuleForEach(c => c.Recommendations).ChildRules(r =>
        {
            r.RuleFor(x => x.Number).PlainText().NotEmpty().MaximumLength(20)
                .Matches(@"^[0-9]+(\.[0-9]+)*[a-z]?$").WithMessage("Enter a recommendation number such as 1.2.3.");
            r.RuleFor(x => x.Text).PlainText(multiline: true).NotEmpty().MaximumLength(2000);
            r.RuleFor(x => x.Settings).NotNull().Must(s => s.Count <= 20).WithMessage("List at most 20 settings.");
            r.RuleForEach(x => x.Settings).PlainText().NotEmpty().MaximumLength(100);
        });
    }
}
/// <summary>The chair builds or rebuilds the grid.</summary>
public static class CreateGridHandler
{
    [AggregateHandler]
    public static Decided Handle(CreateGrid command, IEventStream<Review> stream) =>
        new(command, CreateGrid.Decide(stream.Aggregate, command));
}
