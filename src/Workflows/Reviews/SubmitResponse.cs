namespace GuidanceFlow.Workflows.Reviews;

public sealed class SubmitResponseValidator : AbstractValidator<SubmitResponse>
{
    public SubmitResponseValidator(TimeProvider clock)
    {
        RecommendationResponseValidator.ForEach(this, c => c.Responses);
        // Submitting, not drafting: the domain's rule on target dates, answered as a 400 naming the field.
        RuleForEach(c => c.Responses).ChildRules(r => r.RuleFor(x => x.TargetDate)
            .Must((response, _) => response is null || SubmitResponse.TargetDateProblem(response, clock.GetUtcNow()) is null)
            .WithMessage((response, _) => SubmitResponse.TargetDateProblem(response, clock.GetUtcNow()) + "."))
            .When(c => c.Responses is not null);
    }
}

/// <summary>The rules for one answer, shared by submitting and by saving a draft.</summary>
public sealed class RecommendationResponseValidator : AbstractValidator<RecommendationResponse>
{
    public RecommendationResponseValidator()
    {
        RuleFor(x => x.RecommendationNumber).NotEmpty().MaximumLength(20);
        RuleFor(x => x.Compliance).IsInEnum();
        RuleFor(x => x.CurrentPractice).PlainText(multiline: true).MaximumLength(4000);
        RuleFor(x => x.Barriers).PlainText(multiline: true).MaximumLength(4000);
        RuleFor(x => x.ActionsNeeded).PlainText(multiline: true).MaximumLength(4000);
        RuleFor(x => x.Lead).PlainText().MaximumLength(200);
        RuleFor(x => x.TargetDate).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100)
            .WithMessage("Enter a target date between 2000 and 2100.");
        RuleFor(x => x.EstimatedOneOffCost).InclusiveBetween(0m, 1_000_000_000m)
            .WithMessage("Enter a one-off cost between £0 and £1,000,000,000.");
        RuleFor(x => x.EstimatedRecurrentCost).InclusiveBetween(0m, 1_000_000_000m)
            .WithMessage("Enter a recurrent cost between £0 and £1,000,000,000.");
    }

    public static void ForEach<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<RecommendationResponse>>> responses)
    {
        validator.RuleFor(responses).NotEmpty().WithMessage("Respond to at least one recommendation.")
            .Must(r => r is null || r.Count() <= 500).WithMessage("A submission can cover at most 500 recommendations.")
            .Must(r => r is null || r.Where(x => x is not null).Select(x => x.RecommendationNumber).Distinct().Count() == r.Count(x => x is not null))
            .WithMessage("Answer each recommendation once per submission.");
        validator.RuleForEach(responses).NotNull().WithMessage("Each answer must be an object.")
            .SetValidator(new RecommendationResponseValidator());
    }
}

/// <summary>A stakeholder (or their delegate) submits or amends a response.</summary>
public static class SubmitResponseHandler
{
    [AggregateHandler]
    public static Decided Handle(SubmitResponse command, IEventStream<Review> stream, IDocumentSession session, TimeProvider clock)
    {
        // Submitted: the draft has served its purpose (kept if the submission is refused: the transaction rolls back).
        session.Delete<ResponseDraft>(ResponseDraft.IdFor(command.ReviewId, command.StakeholderId));
        return new(command, SubmitResponse.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
