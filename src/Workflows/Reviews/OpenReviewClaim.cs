namespace GuidanceFlow.Workflows.Reviews;

/// <summary>
/// A group's one open review of a guidance. Inserted with the review's first events and removed when it
/// closes: two chairs opening the same guidance at the same moment cannot both succeed, because the
/// second insert of the same key fails and takes its whole transaction with it.
/// </summary>
public sealed class OpenReviewClaim
{
    public string Id { get; set; } = "";
    public Guid ReviewId { get; set; }

    public static string KeyFor(string group, string guidanceId) => $"{group.Trim()}\n{guidanceId.Trim().ToUpperInvariant()}";

    /// <summary>The group's open review of the guidance, if there is one.</summary>
    public static async Task<Guid?> OpenReviewOf(IQuerySession session, string group, string guidanceId, CancellationToken ct) =>
        (await session.LoadAsync<OpenReviewClaim>(KeyFor(group, guidanceId), ct))?.ReviewId;
}
