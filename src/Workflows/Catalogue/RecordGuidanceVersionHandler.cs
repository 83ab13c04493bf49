using GuidanceFlow.Domain.Catalogue;

namespace GuidanceFlow.Workflows.Catalogue;

/// <summary>A catalogue command the rules refused; nothing was appended.</summary>
public sealed class CatalogueCommandRejected(Rejection rejection) : Exception(rejection.Rule)
{
    public Rejection Rejection { get; } = rejection;
}

/// <summary>What recording a version did: the product's current version, and whether anything was appended.</summary>
public sealed record CatalogueVersionRecorded(Guid ProductId, string GuidanceNumber, int Version, bool Appended);

/// <summary>
/// Records a version of a NICE product (from NICE's API, an upload or by hand): loads the product's
/// stored state, lets the domain decide, appends what it decided — or nothing, for a document already
/// recorded, so an import can be run again safely.
/// </summary>
public static class RecordGuidanceVersionHandler
{
    public static async Task<CatalogueVersionRecorded> Handle(RecordGuidanceVersion command, IDocumentSession session, IMessageContext bus,
        TimeProvider clock, CancellationToken ct)
    {
        var id = GuidanceProduct.IdFor(command.Document.GuidanceNumber);
        var stream = await session.Events.FetchForWriting<GuidanceProduct>(id, ct);
        var decision = RecordGuidanceVersion.Decide(stream.Aggregate, command, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) throw new CatalogueCommandRejected(rejection);
        session.LastModifiedBy = command.Actor.UserId;
        IdempotentWrite.MarkIn(session, command.Actor.UserId);
        stream.AppendMany(decision.Events);
        // A new product reaches each group's triage queue, through the outbox: with the product or not at all.
        if (decision.Events.OfType<GuidanceProductPublished>().Any())
            await bus.PublishAsync(new GuidanceFlow.Workflows.Triage.QueueProductForGroups(id));
        var current = decision.Events.Aggregate(stream.Aggregate, GuidanceProduct.Evolve)!;
        return new(id, current.GuidanceNumber, current.Version, decision.Events.Count > 0);
    }
}

public sealed class WithdrawGuidanceValidator : AbstractValidator<WithdrawGuidance>
{
    public WithdrawGuidanceValidator() =>
        RuleFor(c => c.ReplacedBy).Must(r => r is null || GuidanceProduct.IsGuidanceNumber(r))
            .WithMessage("Give the replacing product's NICE guidance number: letters then digits, for example NG136.");
}

/// <summary>NICE withdraws a product (seen by the import, or recorded by a catalogue administrator): its page and versions stay.</summary>
public static class WithdrawGuidanceHandler
{
    public static async Task<bool> Handle(WithdrawGuidance command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<GuidanceProduct>(command.ProductId, ct);
        var decision = WithdrawGuidance.Decide(stream.Aggregate, command, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) throw new CatalogueCommandRejected(rejection);
        session.LastModifiedBy = command.Actor.UserId;
        IdempotentWrite.MarkIn(session, command.Actor.UserId);
        stream.AppendMany(decision.Events);
        return decision.Events.Count > 0;
    }
}
