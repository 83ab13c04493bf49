using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Reviews;

namespace GuidanceFlow.Workflows.Triage;

/// <summary>
/// The chair opens the review of a relevant product: the triage records the review and the review's
/// stream starts, grid and all, in one transaction — both or neither.
/// </summary>
public static class OpenReviewFromTriageHandler
{
    public static async Task Handle(OpenReviewFromTriage command, IDocumentSession session, IMessageContext bus, TriageWriter triage,
        ReviewWriter reviews, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<TriageItem>(command.TriageId, ct);
        var item = stream.Aggregate;
        var product = item is null ? null : await session.LoadAsync<GuidanceProduct>(item.ProductId, ct);
        var open = item is null ? null : await OpenReviewClaim.OpenReviewOf(session, item.Group, item.GuidanceNumber, ct);
        var outcome = OpenReviewFromTriage.Decide(item, product, command, clock.GetUtcNow(), open);
        if (outcome.Review.Rejection is { } rejection) throw new TriageCommandRejected(rejection);

        await triage.Append(stream, session, bus, command.Actor, Decision.Accept([.. outcome.TriageEvents]));
        await reviews.Start(session, bus, new OpenReview(command.ReviewId, product!.GuidanceNumber, product.Type, product.Title,
            product.Issued, item!.Group, command.Actor), outcome.Review);
    }
}
