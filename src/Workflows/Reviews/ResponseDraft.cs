namespace GuidanceFlow.Workflows.Reviews;

/// <summary>
/// A stakeholder's work in progress. Private until submitted, so it is a document, not an event:
/// the audit trail records what was said, not what was drafted. Submitting removes it.
/// </summary>
public sealed class ResponseDraft
{
    public string Id { get; set; } = "";
    public Guid ReviewId { get; set; }
    public string StakeholderId { get; set; } = "";
    public List<RecommendationResponse> Responses { get; set; } = [];
    public DateTimeOffset SavedAt { get; set; }

    public static string IdFor(Guid reviewId, string stakeholderId) => $"{reviewId}/{stakeholderId}";
}
