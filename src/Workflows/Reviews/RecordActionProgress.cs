namespace GuidanceFlow.Workflows.Reviews;

public sealed class RecordActionProgressValidator : AbstractValidator<RecordActionProgress>
{
    public RecordActionProgressValidator()
    {
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.BlockedReason).NotEmpty().When(c => c.Status == ActionStatus.Blocked).WithMessage(RecordActionProgress.BlockedNeedsReason)
            .PlainText(multiline: true).MaximumLength(1000);
        RuleFor(c => c.Note).PlainText(multiline: true).MaximumLength(4000);
        RuleFor(c => c.Evidence).Must(e => e is null || e.Count <= ActionRules.MaxEvidence)
            .WithMessage($"Give at most {ActionRules.MaxEvidence} links as evidence.");
        RuleForEach(c => c.Evidence).NotNull().MaximumLength(500)
            .Must(l => Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" && string.IsNullOrEmpty(u.UserInfo))
            .WithMessage("Give each piece of evidence as a full web address starting https:// (a shared document, a policy, minutes).");
    }
}

/// <summary>Someone in the group records how an agreed action is going.</summary>
public static class RecordActionProgressHandler
{
    [AggregateHandler]
    public static Decided Handle(RecordActionProgress command, IEventStream<Review> stream, TimeProvider clock) =>
        new(command, RecordActionProgress.Decide(stream.Aggregate, command, clock.GetUtcNow()));
}
