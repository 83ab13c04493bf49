using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Triage;

/// <summary>
/// A catalogue product reaches a group's queue. Queueing the same product for the same group again
/// (a repeated message, the reconciliation) changes nothing.
/// </summary>
public sealed record QueueForTriage(string Group, GuidanceProduct Product, int DueDays)
{
    public static Decision Decide(TriageItem? existing, QueueForTriage command, DateTimeOffset now)
    {
        if (existing is not null) return Decision.Accept();
        var product = command.Product;
        return Decision.Accept(new GuidanceQueuedForTriage(TriageItem.IdFor(command.Group, product.GuidanceNumber), command.Group,
            product.Id, product.GuidanceNumber, product.Type, product.Title, product.Issued,
            TriageDeadlines.DueAt(product.Issued, command.DueDays), now));
    }
}
