using GuidanceFlow.Workflows.Scheduling;

namespace GuidanceFlow.Workflows.Reviews;

/// <summary>The rules on what a decision says, recorded or amended: one validator both include.</summary>
public sealed class DecisionContentValidator : AbstractValidator<IDecisionContent>
{
    public DecisionContentValidator(TimeProvider clock)
    {
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Rationale).PlainText(multiline: true).NotEmpty().WithMessage("Give the rationale for the decision.").MaximumLength(8000);
        RuleFor(c => c.Risk).PlainText(multiline: true).NotEmpty().When(c => c.Outcome == DecisionOutcome.DoNotImplement)
            .WithMessage(RecordDecision.RiskRequired);
        RuleFor(c => c.Risk).PlainText(multiline: true).MaximumLength(4000);
        RuleFor(c => c.ReviewDate).Must(d => d is null || d > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithMessage(RecordDecision.ReviewDateNotAhead)
            .Must(d => d is null || d < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(10))
            .WithMessage("The review date must be within 10 years.");
        RuleFor(c => c.Actions).NotNull().Must(a => a.Count <= 200).WithMessage("Record at most 200 actions.");
        RuleForEach(c => c.Actions).NotNull().WithMessage("Each action must be an object.");
        // An action is known by its description, so its progress follows it through amendments: one description, one action.
        RuleFor(c => c.Actions).Must(a => a is null || a.Where(x => x is not null).GroupBy(x => x.Description?.Trim()).All(g => g.Count() == 1))
            .WithMessage("Each action needs its own description: two actions say the same.");
        RuleForEach(c => c.Actions).ChildRules(a =>
        {
            a.RuleFor(x => x.Description).PlainText(multiline: true).NotEmpty().MaximumLength(2000);
            a.RuleFor(x => x.Owner).PlainText().NotEmpty().MaximumLength(200);
            a.RuleFor(x => x.Due).Must(d => d.Year is >= 2000 and <= 2100).WithMessage("Enter a due date between 2000 and 2100.");
            a.RuleFor(x => x.OwnerEmail).EmailAddress().WithMessage("Enter the owner's email address like name@example.nhs.uk, or leave it out.")
                .MaximumLength(254).When(x => !string.IsNullOrEmpty(x.OwnerEmail));
        });
    }
}

public sealed class RecordDecisionValidator : AbstractValidator<RecordDecision>
{
    public RecordDecisionValidator(TimeProvider clock) => Include(new DecisionContentValidator(clock));
}

/// <summary>The chair records the group's decision.</summary>
public static class RecordDecisionHandler
{
    [AggregateHandler]
    public static async Task<Decided> Handle(RecordDecision command, IEventStream<Review> stream, IDocumentSession session,
        DeadlinePolicies policies, TimeProvider clock, CancellationToken ct)
    {
        command = command with { Actions = await ActionOwners.WithEmailsAsync(command.Actions, session, ct) };
        return new(command, RecordDecision.Decide(stream.Aggregate, command, clock.GetUtcNow(),
            await policies.ForAsync(stream.Aggregate?.Group ?? "", session, ct)));
    }
}
