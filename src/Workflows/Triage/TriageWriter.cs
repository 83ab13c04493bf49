using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Audit;
using Wolverine;

namespace GuidanceFlow.Workflows.Triage;

/// <summary>A triage command the rules refused; nothing was appended.</summary>
public sealed class TriageCommandRejected(Rejection rejection) : Exception(rejection.Rule)
{
    public Rejection Rejection { get; } = rejection;
}

/// <summary>Published with a triage's events whenever its deadlines may have moved: its triggers are synced.</summary>
public sealed record TriageChanged(Guid TriageId);

/// <summary>
/// The one place events reach a triage stream, as <see cref="Reviews.ReviewWriter"/> is for reviews: who
/// acted on every event, each linked into the stream's audit chain, and what follows (trigger sync,
/// emails) published through the outbox, so it commits with the events or not at all.
/// </summary>
public sealed class TriageWriter(AuditChain chain, TriageNotifications notifications)
{
    public async Task Append(IEventStream<TriageItem> stream, IDocumentSession session, IMessageContext bus, Actor actor,
        Decision decision)
    {
        if (decision.Rejection is { } rejection) throw new TriageCommandRejected(rejection);
        if (decision.Events.Count == 0) return;
        session.LastModifiedBy = actor.UserId;
        IdempotentWrite.MarkIn(session, actor.UserId);
        stream.AppendMany(chain.Attributed(session, stream.Aggregate?.ChainHead ?? "", actor, decision.Events).ToList());
        await Publish(session, bus, stream.Aggregate, decision.Events);
    }

    /// <summary>Starts an item's stream (it reaches a group's queue).</summary>
    public async Task Start(IDocumentSession session, IMessageContext bus, Actor actor, Decision decision)
    {
        var queued = decision.Events.OfType<GuidanceQueuedForTriage>().Single();
        session.LastModifiedBy = actor.UserId;
        session.Events.StartStream<TriageItem>(queued.TriageId, chain.Attributed(session, "", actor, decision.Events).ToArray());
        await Publish(session, bus, null, decision.Events);
    }

    private async Task Publish(IDocumentSession session, IMessageContext bus, TriageItem? before, IReadOnlyList<object> events)
    {
        var after = events.Aggregate(before, TriageItem.Evolve)!;
        await bus.PublishAsync(new TriageChanged(after.Id));
        foreach (var email in await notifications.ForAsync(after, events, session))
            await bus.PublishAsync(email);
    }
}
