using System.Collections.Immutable;

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The write-side state of one guidance review: only what the rules need to decide.
/// Immutable; every event yields a new state. The shared view lives in the projections.
/// </summary>
public sealed record Review(
    Guid Id,
    string GuidanceId,
    GuidanceType GuidanceType,
    string Title,
    DateOnly PublishedOn,
    string Group,
    string ChairUserId,
    ReviewStatus Status,
    ImmutableList<Recommendation> Recommendations,
    ImmutableList<Stakeholder> Stakeholders,
    DateTimeOffset? Deadline,
    ImmutableDictionary<string, int> Revisions,
    DecisionRecorded? Decision)
{
    public bool IsClosed => Status == ReviewStatus.Closed;
    public bool HasGrid => !Recommendations.IsEmpty;
    public bool IsInvited(string stakeholderId) => Stakeholders.Any(s => s.StakeholderId == stakeholderId);
    public bool HasRecommendation(string number) => Recommendations.Any(r => r.Number == number);

    public IReadOnlyList<string> NonResponders =>
        Stakeholders.Where(s => !Revisions.ContainsKey(s.StakeholderId)).Select(s => s.StakeholderId).ToList();

    public static Review Create(GuidanceReviewOpened e) => new(
        e.ReviewId, e.GuidanceId, e.GuidanceType, e.Title, e.PublishedOn, e.Group, e.ChairUserId,
        ReviewStatus.Opened, [], [], null, ImmutableDictionary<string, int>.Empty, null);

    public Review Apply(RecommendationGridCreated e) =>
        this with { Recommendations = [.. e.Recommendations], Status = ReviewStatus.GridReady };

    public Review Apply(StakeholdersInvited e) => this with { Stakeholders = Stakeholders.AddRange(e.Stakeholders) };

    public Review Apply(ResponseWindowOpened e) =>
        this with { Deadline = e.Deadline, Status = ReviewStatus.AwaitingResponses };

    public Review Apply(StakeholderResponseSubmitted e) =>
        this with { Revisions = Revisions.SetItem(e.StakeholderId, e.Revision) };

    public Review Apply(ResponseWindowClosed e) => this with { Status = ReviewStatus.Collated };

    public Review Apply(CollatedResponseDistributed e) => this;

    public Review Apply(FinancialImpactAssessed e) => this with { Status = ReviewStatus.FinanciallyAssessed };

    public Review Apply(FinancialImpactMarkedNotNeeded e) => this with { Status = ReviewStatus.FinanciallyAssessed };

    public Review Apply(DecisionRecorded e) => this with { Decision = e, Status = ReviewStatus.Decided };

    public Review Apply(ReviewClosed e) => this with { Status = ReviewStatus.Closed };
}

/// <summary>Checks shared by every command on an existing review, in the order a caller needs them.</summary>
public static class ReviewGuards
{
    public const string ClosedRule = "The review is closed; nothing more can be recorded on it.";

    /// <summary>Null when the command may go on to its own rules.</summary>
    public static Decision? Check(Review? review, IReviewCommand command)
    {
        if (review is null) return Decision.NotFound(command.ReviewId);
        if (review.IsClosed) return Decision.Reject(ClosedRule);
        return null;
    }
}
