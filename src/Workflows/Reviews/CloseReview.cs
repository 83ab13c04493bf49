namespace GuidanceFlow.Workflows.Reviews;

public sealed class CloseReviewValidator : AbstractValidator<CloseReview>
{
    public CloseReviewValidator() =>
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage(CloseReview.ReasonMissing).MaximumLength(2000);
}
/// <summary>The chair closes the review.</summary>
public static class CloseReviewHandler
{
    [AggregateHandler]
    public static Decided Handle(CloseReview command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, CloseReview.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
