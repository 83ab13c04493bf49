using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Groups;

namespace GuidanceFlow.Workflows.Triage;

/// <summary>
/// A product newly in the catalogue reaches the triage queue of every group whose queue covers its
/// publication date. Sent through the outbox with the product's first version; the reconciliation sends
/// it again for recent products (a group set up since, a message lost), and a repeat queues nothing twice.
/// </summary>
public sealed record QueueProductForGroups(Guid ProductId);

/// <summary>Who queues guidance for triage: GuidanceFlow itself.</summary>
public static class TriageActors
{
    public static readonly Actor Queue = new("guidanceflow", "GuidanceFlow triage queue", "GuidanceFlow", "Scheduler");
}

// Two runs for the same product at once (the import and the reconciliation): the loser runs again and finds the items there.
[Wolverine.Attributes.RetryNow(typeof(JasperFx.Events.ExistingStreamIdCollisionException), 0, 10, 50)]
public static class QueueProductForGroupsHandler
{
    public static async Task<int> Handle(QueueProductForGroups message, IDocumentSession session, IMessageContext bus,
        TriageWriter writer, TriagePolicies policies, TimeProvider clock, CancellationToken ct)
    {
        var product = await session.LoadAsync<GuidanceProduct>(message.ProductId, ct);
        if (product is null || product.Status == GuidanceProductStatus.Withdrawn) return 0;
        var now = clock.GetUtcNow();
        var groups = (await session.Query<ImplementationGroup>().ToListAsync(ct))
            .Where(g => product.Issued >= g.TriageFrom(policies.LookBackDays, now)).ToList();
        if (groups.Count == 0) return 0;

        var existing = (await session.LoadManyAsync<TriageItem>(ct, groups.Select(g => TriageItem.IdFor(g.Id, product.GuidanceNumber))))
            .Select(i => i.Id).ToHashSet();
        var queued = 0;
        foreach (var group in groups.Where(g => !existing.Contains(TriageItem.IdFor(g.Id, product.GuidanceNumber))))
        {
            var decision = QueueForTriage.Decide(null, new(group.Id, product, policies.For(group).DueDays), now);
            await writer.Start(session, bus, TriageActors.Queue, decision);
            queued++;
        }
        return queued;
    }
}
