namespace GuidanceFlow.Workflows.Reviews;

public sealed class SubmitResponseValidator : AbstractValidator<SubmitResponse>
{
    public SubmitResponseValidator()
    {
        RuleFor(c => c.Responses).NotEmpty().WithMessage("Respond to at least one recommendation.")
            .Must(r => r.Count <= 500).WithMessage("A submission can cover at most 500 recommendations.");
        RuleFor(c => c.Responses)
            .Must(r => r.Select(x => x.RecommendationNumber).Distinct().Count() == r.Count)
            .When(c => c.Responses is not null)
            .WithMessage("Answer each recommendation once per submission.");
        RuleForEach(c => c.Responses).ChildRules(r =>
        {
            r.RuleFor(x => x.RecommendationNumber).NotEmpty().MaximumLength(20);
            r.RuleFor(x => x.Compliance).IsInEnum();
            r.RuleFor(x => x.CurrentPractice).MaximumLength(4000);
            r.RuleFor(x => x.Barriers).MaximumLength(4000);
            r.RuleFor(x => x.ActionsNeeded).MaximumLength(4000);
            r.RuleFor(x => x.Lead).MaximumLength(200);
            r.RuleFor(x => x.TargetDate).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100)
                .WithMessage("Enter a target date between 2000 and 2100.");
            r.RuleFor(x => x.EstimatedOneOffCost).InclusiveBetween(0m, 1_000_000_000m)
                .WithMessage("Enter a one-off cost between £0 and £1,000,000,000.");
            r.RuleFor(x => x.EstimatedRecurrentCost).InclusiveBetween(0m, 1_000_000_000m)
                .WithMessage("Enter a recurrent cost between £0 and £1,000,000,000.");
        });
    }
}

public static class SubmitResponseHandler
{
    [AggregateHandler]
    public static Task Handle(SubmitResponse command, IEventStream<Review> stream, IDocumentSession session, IMessageContext bus, ReviewNotifications notifications, TimeProvider clock) =>
        ReviewStream.Append(stream, session, bus, notifications, command, SubmitResponse.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
