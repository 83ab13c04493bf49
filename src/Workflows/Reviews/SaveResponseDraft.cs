namespace GuidanceFlow.Workflows.Reviews;

public sealed record SaveResponseDraft(Guid ReviewId, string StakeholderId, IReadOnlyList<RecommendationResponse> Responses, Actor Actor);

public sealed class SaveResponseDraftValidator : AbstractValidator<SaveResponseDraft>
{
    public SaveResponseDraftValidator() => RecommendationResponseValidator.ForEach(this, c => c.Responses);
}

public static class SaveResponseDraftHandler
{
    public static async Task Handle(SaveResponseDraft command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var review = await session.LoadAsync<Review>(command.ReviewId, ct);
        // A draft may be saved only where the response itself could be submitted.
        var decision = SubmitResponse.Decide(review, new SubmitResponse(command.ReviewId, command.StakeholderId, command.Responses, null, command.Actor), now);
        if (decision.Rejection is { } rejection) throw new ReviewCommandRejected(rejection);

        IdempotentWrite.MarkIn(session, command.Actor.UserId);
        session.Store(new ResponseDraft
        {
            Id = ResponseDraft.IdFor(command.ReviewId, command.StakeholderId), ReviewId = command.ReviewId,
            StakeholderId = command.StakeholderId, Responses = [.. command.Responses], SavedAt = now,
        });
    }
}
