namespace GuidanceFlow.Workflows.Reviews;

public sealed class OpenReassessmentValidator : AbstractValidator<OpenReassessment>
{
    public OpenReassessmentValidator(TimeProvider clock)
    {
        RuleFor(c => c.Deadline).Must(d => d > clock.GetUtcNow()).WithMessage(OpenResponseWindow.DeadlineNotAhead)
            .Must(d => d < clock.GetUtcNow().AddYears(1)).WithMessage("The deadline must be within a year.");
        RuleFor(c => c.NextReviewDate)
            .Must((c, next) => ReassessmentRules.NextReviewDateProblem(c.Deadline, next!.Value) is null)
            .WithMessage((c, next) => ReassessmentRules.NextReviewDateProblem(c.Deadline, next!.Value))
            .When(c => c.NextReviewDate is not null);
    }
}

/// <summary>The chair opens a re-assessment round at the review date.</summary>
public static class OpenReassessmentHandler
{
    [AggregateHandler]
    public static Decided Handle(OpenReassessment command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, OpenReassessment.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
