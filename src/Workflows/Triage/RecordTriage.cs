using GuidanceFlow.Domain.Triage;

namespace GuidanceFlow.Workflows.Triage;

public sealed class RecordTriageValidator : AbstractValidator<RecordTriage>
{
    public RecordTriageValidator()
    {
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Services).Must(s => s is null || s.Count <= 20).WithMessage("List at most 20 services.");
        RuleForEach(c => c.Services).NotNull().PlainText().MaximumLength(200);
        RuleFor(c => c.Organisations).Must(s => s is null || s.Count <= 20).WithMessage("List at most 20 organisations.");
        RuleForEach(c => c.Organisations).NotNull().PlainText().MaximumLength(200);
        RuleFor(c => c.ClinicalLead).PlainText().MaximumLength(200);
        RuleFor(c => c.ManagerialLead).PlainText().MaximumLength(200);
        RuleFor(c => c.Reason).PlainText(multiline: true).MaximumLength(2000);
        RuleFor(c => c.CoveredBy).PlainText().MaximumLength(300);
        // What each outcome needs is the domain's rule; here it is answered field by field.
        RuleFor(c => c).Custom((c, context) =>
        {
            foreach (var (field, message) in RecordTriage.Problems(c)) context.AddFailure(field, message);
        });
    }
}

/// <summary>The triage lead or chair records the group's triage of a product.</summary>
public static class RecordTriageHandler
{
    public static async Task Handle(RecordTriage command, IDocumentSession session, IMessageContext bus, TriageWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<TriageItem>(command.TriageId, ct);
        await writer.Append(stream, session, bus, command.Actor, RecordTriage.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }
}

public sealed class MoveTriageDeadlineValidator : AbstractValidator<MoveTriageDeadline>
{
    public MoveTriageDeadlineValidator(TimeProvider clock)
    {
        RuleFor(c => c.Reason).PlainText(multiline: true).NotEmpty().WithMessage("Say why the triage deadline moves.").MaximumLength(1000);
        RuleFor(c => c.DueAt).Must(d => d > clock.GetUtcNow()).WithMessage(MoveTriageDeadline.NotAhead)
            .Must(d => d < clock.GetUtcNow().AddYears(1)).WithMessage("Set the triage deadline within a year.");
    }
}

/// <summary>The chair moves an item's triage deadline.</summary>
public static class MoveTriageDeadlineHandler
{
    public static async Task Handle(MoveTriageDeadline command, IDocumentSession session, IMessageContext bus, TriageWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<TriageItem>(command.TriageId, ct);
        await writer.Append(stream, session, bus, command.Actor, MoveTriageDeadline.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
