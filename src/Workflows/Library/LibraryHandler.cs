using GuidanceFlow.Domain.Library;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Groups;
using GuidanceFlow.Workflows.Validation;

namespace GuidanceFlow.Workflows.Library;

/// <summary>What any entry's content may hold: plain text of bounded length, NICE numbers, at most a few links.</summary>
public sealed class LibraryContentValidator : AbstractValidator<LibraryContent>
{
    public const int MaxBodyLength = 20_000;

    public LibraryContentValidator()
    {
        RuleFor(c => c.Title).PlainText().MaximumLength(200);
        RuleFor(c => c.Summary).PlainText(multiline: true).MaximumLength(1000);
        RuleFor(c => c.Sections).Must(s => s is null || s.Count <= 12).WithMessage("Give at most 12 sections.");
        RuleForEach(c => c.Sections).NotNull().ChildRules(section =>
        {
            section.RuleFor(s => s.Heading).NotEmpty().WithMessage("Give each section a heading.").PlainText().MaximumLength(120);
            section.RuleFor(s => s.Text).PlainText(multiline: true).MaximumLength(MaxBodyLength);
        });
        RuleFor(c => c.Guidance).Must(g => g is null || g.Count <= 20).WithMessage("Name at most 20 NICE products.");
        RuleForEach(c => c.Guidance).NotNull().MaximumLength(20);
        RuleFor(c => c.Sectors).Must(s => s is null || s.Count <= 8).WithMessage("Choose at most 8 sectors.");
        RuleForEach(c => c.Sectors).IsInEnum();
        RuleFor(c => c.Region).IsInEnum();
        RuleFor(c => c.CostBand).IsInEnum();
        RuleFor(c => c.Organisation).PlainText().MaximumLength(200);
        RuleFor(c => c.ServiceArea).PlainText().MaximumLength(200);
        RuleFor(c => c.Contact).PlainText().MaximumLength(300);
        RuleFor(c => c.Links).Must(l => l is null || l.Count <= 10).WithMessage("Give at most 10 links.");
        RuleForEach(c => c.Links).NotNull().MaximumLength(500)
            .Must(l => Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" && string.IsNullOrEmpty(u.UserInfo))
            .WithMessage("Give each link as a full web address starting https:// (or http://).");
        // What content needs is the domain's rule; here it is answered field by field.
        RuleFor(c => c).Custom((c, context) =>
        {
            foreach (var (field, message) in LibraryRules.Problems(c)) context.AddFailure(field, message);
        });
    }
}

public sealed class SubmitGoodPracticeValidator : AbstractValidator<SubmitGoodPractice>
{
    public SubmitGoodPracticeValidator() => RuleFor(c => c.Content).NotNull().SetValidator(new LibraryContentValidator()).OverridePropertyName("");
}

public sealed class ReviseLibraryEntryValidator : AbstractValidator<ReviseLibraryEntry>
{
    public ReviseLibraryEntryValidator()
    {
        RuleFor(c => c.Content).NotNull().SetValidator(new LibraryContentValidator()).OverridePropertyName("");
        RuleFor(c => c.Note).PlainText(multiline: true).MaximumLength(1000);
    }
}

public sealed class ModerateLibraryEntryValidator : AbstractValidator<ModerateLibraryEntry>
{
    public ModerateLibraryEntryValidator()
    {
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Reason).PlainText(multiline: true).MaximumLength(2000);
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Outcome != ModerationOutcome.Approve)
            .WithMessage(c => ModerateLibraryEntry.ReasonNeeded(c.Outcome));
    }
}

public sealed class WithdrawLibraryEntryValidator : AbstractValidator<WithdrawLibraryEntry>
{
    public WithdrawLibraryEntryValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the entry is withdrawn.").PlainText(multiline: true).MaximumLength(1000);
}

public sealed class AddCaseStudyUpdateValidator : AbstractValidator<AddCaseStudyUpdate>
{
    public AddCaseStudyUpdateValidator() =>
        RuleFor(c => c.Text).NotEmpty().WithMessage("Say what the update is.").PlainText(multiline: true).MaximumLength(4000);
}

/// <summary>Each library command: load the entry, decide, append through the <see cref="LibraryWriter"/>.</summary>
public static class LibraryHandler
{
    /// <summary>The entry's stream for writing; the empty id (never an entry's) is no entry, where Marten would refuse it outright.</summary>
    private static async Task<IEventStream<LibraryEntry>> Fetch(IDocumentSession session, Guid id, CancellationToken ct) =>
        id == Guid.Empty
            ? throw new LibraryCommandRejected(new Rejection(RejectionKind.NotFound, LibraryRules.NoSuchEntry(id)))
            : await session.Events.FetchForWriting<LibraryEntry>(id, ct);

    public static async Task Handle(DraftCaseStudy command, IDocumentSession session, IMessageContext bus, LibraryWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<LibraryEntry>(LibraryEntry.CaseStudyIdFor(command.ReviewId), ct);
        var review = await session.LoadAsync<ReviewView>(command.ReviewId, ct);
        var group = review is null ? null : await session.LoadAsync<ImplementationGroup>(review.Group, ct);
        var facts = review is null ? null
            : new ReviewForLibrary(review.Id, review.Group, review.GuidanceId, review.Status, review.Decision?.Outcome);
        await writer.Append(stream, session, bus, command.Actor,
            DraftCaseStudy.Decide(stream.Aggregate, facts, GroupRules.NeverPublishesToLibrary(group), command, clock.GetUtcNow()));
    }

    public static async Task Handle(PublishCaseStudy command, IDocumentSession session, IMessageContext bus, LibraryWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.EntryId, ct);
        var group = stream.Aggregate?.Group is { } name ? await session.LoadAsync<ImplementationGroup>(name, ct) : null;
        await writer.Append(stream, session, bus, command.Actor,
            PublishCaseStudy.Decide(stream.Aggregate, GroupRules.NeverPublishesToLibrary(group), command, clock.GetUtcNow()));
    }

    public static async Task Handle(SubmitGoodPractice command, IDocumentSession session, IMessageContext bus, LibraryWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.EntryId, ct);
        await writer.Append(stream, session, bus, command.Actor, SubmitGoodPractice.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }

    public static async Task Handle(ReviseLibraryEntry command, IDocumentSession session, IMessageContext bus, LibraryWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.EntryId, ct);
        await writer.Append(stream, session, bus, command.Actor, ReviseLibraryEntry.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }

    public static async Task Handle(ModerateLibraryEntry command, IDocumentSession session, IMessageContext bus, LibraryWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.EntryId, ct);
        await writer.Append(stream, session, bus, command.Actor, ModerateLibraryEntry.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }

    public static async Task Handle(WithdrawLibraryEntry command, IDocumentSession session, IMessageContext bus, LibraryWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.EntryId, ct);
        await writer.Append(stream, session, bus, command.Actor, WithdrawLibraryEntry.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }

    public static async Task Handle(AddCaseStudyUpdate command, IDocumentSession session, IMessageContext bus, LibraryWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await Fetch(session, command.EntryId, ct);
        await writer.Append(stream, session, bus, command.Actor, AddCaseStudyUpdate.Decide(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
