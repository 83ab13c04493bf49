namespace GuidanceFlow.Workflows.Reviews;

public sealed class CloseReviewValidator : AbstractValidator<CloseReview>
{
    public CloseReviewValidator() =>
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage("Say why the review is being closed.").MaximumLength(2000);
}

public static class CloseReviewHandler
{
    [AggregateHandler]
    public static Task Handle(CloseReview command, IEventStream<Review> stream, IDocumentSession session, IMessageContext bus, ReviewWriter writer, TimeProvider clock) =>
        writer.Append(stream, session, bus, command, CloseReview.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
