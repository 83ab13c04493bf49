using GuidanceFlow.Domain.Improvement;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Groups;
using GuidanceFlow.Workflows.Validation;

namespace GuidanceFlow.Workflows.Improvement;

/// <summary>A project command the rules refused; nothing was appended. Mapped to 403, 404 or 409 by the API.</summary>
public sealed class ProjectCommandRejected(Rejection rejection) : Exception(rejection.Rule)
{
    public Rejection Rejection { get; } = rejection;
}

internal static class ProjectValidation
{
    public static void Aim<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string>> title, System.Linq.Expressions.Expression<Func<T, Aim>> aim)
    {
        v.RuleFor(title).NotEmpty().WithMessage("Give the project a title.").PlainText().MaximumLength(200);
        v.RuleFor(aim).NotNull().WithMessage("Send the aim: what, by how much, by when.");
        v.RuleFor(aim).ChildRules(a =>
        {
            a.RuleFor(x => x.What).NotEmpty().WithMessage("Say what the project aims to improve.").PlainText(multiline: true).MaximumLength(1000);
            a.RuleFor(x => x.HowMuch).NotEmpty().WithMessage("Say by how much.").PlainText().MaximumLength(300);
            a.RuleFor(x => x.ByWhen).Must(d => d.Year is >= 2000 and <= 2100).WithMessage("Give the aim's date, between 2000 and 2100.");
        });
    }
}

public sealed class StartProjectValidator : AbstractValidator<StartProject>
{
    public StartProjectValidator()
    {
        this.Aim(c => c.Title, c => c.Aim);
        RuleFor(c => c.Recommendations).Must(r => r is null || r.Count <= 50).WithMessage("Link at most 50 recommendations.");
        RuleForEach(c => c.Recommendations).NotEmpty().MaximumLength(20).PlainText();
        RuleFor(c => c.Actions).Must(a => a is null || a.Count <= 50).WithMessage("Link at most 50 actions.");
        RuleForEach(c => c.Actions).NotEmpty().MaximumLength(1000).PlainText(multiline: true);
        RuleFor(c => c.Team).Must(t => t is null || t.Count <= 30).WithMessage("Name at most 30 people for the team.");
        RuleForEach(c => c.Team).NotNull().ChildRules(m =>
        {
            m.RuleFor(x => x.UserId).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._@|-]+$").WithMessage("Use letters, digits, '.', '_', '@', '|' or '-' in a user id.");
            m.RuleFor(x => x.Name).NotEmpty().PlainText().MaximumLength(120);
        });
    }
}

public sealed class ReviseAimValidator : AbstractValidator<ReviseAim>
{
    public ReviseAimValidator() => this.Aim(c => c.Title, c => c.Aim);
}

public sealed class AddProjectMemberValidator : AbstractValidator<AddProjectMember>
{
    public AddProjectMemberValidator()
    {
        RuleFor(c => c.Member.UserId).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._@|-]+$")
            .WithMessage("Use letters, digits, '.', '_', '@', '|' or '-' in a user id.").OverridePropertyName("userId");
        RuleFor(c => c.Member.Name).NotEmpty().WithMessage("Give the person's name.").PlainText().MaximumLength(120).OverridePropertyName("name");
    }
}

public sealed class DefineMeasureValidator : AbstractValidator<DefineMeasure>
{
    public DefineMeasureValidator()
    {
        RuleFor(c => c.Definition).NotNull().WithMessage("Send the measure's definition.");
        RuleFor(c => c.Definition).ChildRules(d =>
        {
            d.RuleFor(x => x.Name).NotEmpty().WithMessage("Name the measure.").PlainText().MaximumLength(120);
            d.RuleFor(x => x.OperationalDefinition).NotEmpty().WithMessage("Give the measure's operational definition.").PlainText(multiline: true).MaximumLength(2000);
            d.RuleFor(x => x.Unit).NotEmpty().WithMessage("Give the measure's unit.").PlainText().MaximumLength(40);
            d.RuleFor(x => x.Direction).IsInEnum();
            d.RuleFor(x => x.Baseline).Must(b => b is null || Math.Abs(b.Value) <= ProjectRules.LargestValue).WithMessage("The baseline is too large.");
            d.RuleFor(x => x.Target).Must(t => t is null || Math.Abs(t.Value) <= ProjectRules.LargestValue).WithMessage("The target is too large.");
        }).OverridePropertyName("");
    }
}

public sealed class RecordMeasurementsValidator : AbstractValidator<RecordMeasurements>
{
    public RecordMeasurementsValidator()
    {
        RuleFor(c => c.Source).IsInEnum();
        // Each bad row named by its number and field: "points[3].value".
        RuleFor(c => c).Custom((c, context) =>
        {
            foreach (var (row, field, message) in ProjectRules.RowProblems(c.Points ?? []))
                context.AddFailure(row == 0 ? "points" : $"points[{row - 1}].{field}", message);
            for (var i = 0; i < (c.Points?.Count ?? 0); i++)
                if (c.Points![i]?.Note is { } note && !TextRules.IsPlain(note, multiline: true))
                    context.AddFailure($"points[{i}].note", $"Row {i + 1}: the note holds characters that are not text.");
        });
    }
}

public sealed class RemoveMeasurementValidator : AbstractValidator<RemoveMeasurement>
{
    public RemoveMeasurementValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the measurement is removed.").PlainText(multiline: true).MaximumLength(500);
}

public sealed class RecalculateLimitsValidator : AbstractValidator<RecalculateLimits>
{
    public RecalculateLimitsValidator() =>
        RuleFor(c => c.Reason).NotEmpty().When(c => !c.Withdraw).WithMessage("Say what changed in the process at that point.")
            .PlainText(multiline: true).MaximumLength(500);
}

public sealed class RecordPdsaCycleValidator : AbstractValidator<RecordPdsaCycle>
{
    public RecordPdsaCycleValidator()
    {
        RuleFor(c => c.Notes).NotNull().WithMessage("Send the cycle's notes.");
        RuleFor(c => c.Notes).ChildRules(n =>
        {
            n.RuleFor(x => x.Title).NotEmpty().WithMessage("Give the cycle a title.").PlainText().MaximumLength(200);
            n.RuleFor(x => x.Plan).NotEmpty().WithMessage("Write the plan.").PlainText(multiline: true).MaximumLength(4000);
            n.RuleFor(x => x.Do).PlainText(multiline: true).MaximumLength(4000);
            n.RuleFor(x => x.Study).PlainText(multiline: true).MaximumLength(4000);
            n.RuleFor(x => x.Act).PlainText(multiline: true).MaximumLength(4000);
            n.RuleFor(x => x.StartedOn).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Give a start date between 2000 and 2100.");
            n.RuleFor(x => x.EndedOn).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Give an end date between 2000 and 2100.");
        }).OverridePropertyName("");
    }
}

public sealed class ShareProjectWithLibraryValidator : AbstractValidator<ShareProjectWithLibrary>
{
    public ShareProjectWithLibraryValidator()
    {
        RuleFor(c => c.Region).IsInEnum();
        RuleFor(c => c.CostBand).IsInEnum();
        RuleFor(c => c.Sectors).NotNull().Must(s => s is null || s.Count <= 8).WithMessage("Choose at most 8 sectors.");
        RuleForEach(c => c.Sectors).IsInEnum();
    }
}

public sealed class CompleteProjectValidator : AbstractValidator<CompleteProject>
{
    public CompleteProjectValidator() =>
        RuleFor(c => c.Summary).NotEmpty().WithMessage("Write the project's summary.").PlainText(multiline: true).MaximumLength(8000);
}

/// <summary>
/// Each project command: load the project's stream, decide, append with who acted, each event linked into the stream's
/// audit chain. A refusal throws, so the transaction commits nothing.
/// </summary>
public static class ProjectHandler
{
    public static async Task Handle(StartProject command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.ProjectId, ct);
        DecidedReview? review = null;
        if (command.ReviewId is { } reviewId && await session.LoadAsync<ReviewView>(reviewId, ct) is { } view)
            review = new(view.Id, view.Group, view.GuidanceId, Domain.Library.LibraryRules.IsDecided(view.Status),
                view.Recommendations.Select(r => r.Number).ToList(), (view.DecisionAmendments.LastOrDefault()?.Actions ?? view.Decision?.Actions ?? []).Select(a => a.Description).ToList());
        Append(stream, session, chain, command.Actor, StartProject.Decide(stream.Aggregate, command, review, clock.GetUtcNow()));
    }

    public static Task Handle(ReviseAim command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => ReviseAim.Decide(project, command, clock.GetUtcNow()));

    public static Task Handle(RemoveProjectMember command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => RemoveProjectMember.Decide(project, command, clock.GetUtcNow()));

    public static Task Handle(DefineMeasure command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => DefineMeasure.Decide(project, command, clock.GetUtcNow()));

    public static Task Handle(RecordMeasurements command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => RecordMeasurements.Decide(project, command, clock.GetUtcNow()));

    public static Task Handle(RemoveMeasurement command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => RemoveMeasurement.Decide(project, command, clock.GetUtcNow()));

    public static Task Handle(RecalculateLimits command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => RecalculateLimits.Decide(project, command, clock.GetUtcNow()));

    public static Task Handle(RecordPdsaCycle command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => RecordPdsaCycle.Decide(project, command, clock.GetUtcNow()));

    public static Task Handle(CompleteProject command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Write(session, chain, command.ProjectId, command.Actor, ct, project => CompleteProject.Decide(project, command, clock.GetUtcNow()));

    public static async Task Handle(ShareProjectWithLibrary command, IDocumentSession session, AuditChain chain, IMessageContext bus,
        Library.LibraryWriter library, TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.ProjectId, ct);
        var group = stream.Aggregate is { } p ? await session.LoadAsync<ImplementationGroup>(p.Group, ct) : null;
        var decision = ShareProjectWithLibrary.Decide(stream.Aggregate, GroupRules.NeverPublishesToLibrary(group), command, clock.GetUtcNow());
        // One decision, two streams in one transaction: the project says where it went, the library's new entry holds what it says.
        Append(stream, session, chain, command.Actor, decision.Rejection is null ? Decision.Accept([.. decision.Events.OfType<IProjectEvent>()]) : decision);
        if (decision.Events.OfType<Domain.Library.ILibraryEvent>().ToList() is [var first, ..] entryEvents)
        {
            var entry = await session.Events.FetchForWriting<Domain.Library.LibraryEntry>(first.EntryId, ct);
            await library.Append(entry, session, bus, command.Actor, Decision.Accept([.. entryEvents]));
        }
    }

    public static async Task Handle(AddProjectMember command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct)
    {
        // Whether they have a role in the project's group: read here, decided by the rules.
        var project = await session.LoadAsync<ImprovementProject>(command.ProjectId, ct);
        var group = project is null ? null : await session.LoadAsync<ImplementationGroup>(project.Group, ct);
        var inGroup = group?.RolesOf(command.Member.UserId).Count > 0;
        await Write(session, chain, command.ProjectId, command.Actor, ct, p => AddProjectMember.Decide(p, command with { InGroup = inGroup }, clock.GetUtcNow()));
    }

    /// <summary>Loads the project's stream for writing, decides on it, appends what the rules give.</summary>
    private static async Task Write(IDocumentSession session, AuditChain chain, Guid projectId, Actor actor, CancellationToken ct,
        Func<ImprovementProject?, Decision> decide)
    {
        var stream = await Fetch(session, projectId, ct);
        Append(stream, session, chain, actor, decide(stream.Aggregate));
    }

    /// <summary>The project's stream for writing; the empty id (never a project's) is no project, where Marten would refuse it outright.</summary>
    private static async Task<IEventStream<ImprovementProject>> Fetch(IDocumentSession session, Guid id, CancellationToken ct) =>
        id == Guid.Empty
            ? throw new ProjectCommandRejected(new Rejection(RejectionKind.NotFound, ProjectRules.NoSuchProject(id)))
            : await session.Events.FetchForWriting<ImprovementProject>(id, ct);

    private static void Append(IEventStream<ImprovementProject> stream, IDocumentSession session, AuditChain chain, Actor actor, Decision decision)
    {
        if (decision.Rejection is { } rejection) throw new ProjectCommandRejected(rejection);
        if (decision.Events.Count == 0) return;
        session.LastModifiedBy = actor.UserId;
        IdempotentWrite.MarkIn(session, actor.UserId);
        // A new stream too: fetched for writing at version 0, so two first writes to one id cannot both succeed.
        stream.AppendMany(chain.Attributed(session, stream.Aggregate?.ChainHead ?? "", actor, decision.Events).ToList());
    }
}
