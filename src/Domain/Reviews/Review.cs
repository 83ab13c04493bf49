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
    // Deadline state: when each was set and what has already been done about it.
    public string? ChairEmail { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? WindowScheduledAt { get; init; }
    public DateTimeOffset? FinancialImpactDue { get; init; }
    public DateTimeOffset? DecisionDue { get; init; }
    public DateTimeOffset? ReviewDueAt { get; init; }
    public ImmutableHashSet<string> Done { get; init; } = [];
    /// <summary>Stakeholder id → the colleague who may respond for them.</summary>
    public ImmutableDictionary<string, string> Delegates { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The stakeholder themselves, or their delegate from the same organisation.</summary>
    public bool MayRespondFor(string stakeholderId, Actor actor) =>
        actor.UserId == stakeholderId
        || (Delegates.TryGetValue(stakeholderId, out var delegateId) && delegateId == actor.UserId
            && Stakeholders.Any(s => s.StakeholderId == stakeholderId && s.Organisation == actor.Organisation));

    public bool IsClosed => Status == ReviewStatus.Closed;
    public bool HasGrid => !Recommendations.IsEmpty;
    public bool IsInvited(string stakeholderId) => Stakeholders.Any(s => s.StakeholderId == stakeholderId);
    public bool HasRecommendation(string number) => Recommendations.Any(r => r.Number == number);

    public IReadOnlyList<string> NonResponders =>
        Stakeholders.Where(s => !Revisions.ContainsKey(s.StakeholderId)).Select(s => s.StakeholderId).ToList();

    /// <summary>The fold over a review's events: the one place state changes, used by the event store and the tests.</summary>
    public static Review? Evolve(Review? state, object @event) => (state, @event) switch
    {
        (null, GuidanceReviewOpened e) => new Review(
            e.ReviewId, e.GuidanceId, e.GuidanceType, e.Title, e.PublishedOn, e.Group, e.ChairUserId,
            ReviewStatus.Opened, [], [], null, ImmutableDictionary<string, int>.Empty, null)
            { ChairEmail = e.ChairEmail, OpenedAt = e.OpenedAt },
        (null, _) => null,
        (_, RecommendationGridCreated e) => state with { Recommendations = [.. e.Recommendations], Status = ReviewStatus.GridReady },
        (_, StakeholdersInvited e) => state with { Stakeholders = state.Stakeholders.AddRange(e.Stakeholders) },
        (_, ResponseWindowOpened e) => state with
        {
            Deadline = e.Deadline, WindowScheduledAt = e.OpenedAt, Status = ReviewStatus.AwaitingResponses,
        },
        (_, StakeholderResponseSubmitted e) => state with { Revisions = state.Revisions.SetItem(e.StakeholderId, e.Revision) },
        (_, ResponseWindowClosed e) => state with { Status = ReviewStatus.Collated, FinancialImpactDue = e.FinancialImpactDue },
        (_, FinancialImpactAssessed or FinancialImpactMarkedNotNeeded) => state with { Status = ReviewStatus.FinanciallyAssessed },
        (_, DecisionRecorded e) => state with
        {
            Decision = e, Status = ReviewStatus.Decided, ReviewDueAt = DeadlinePolicy.ReviewDueAt(e.ReviewDate),
        },
        (_, ReviewClosed) => state with { Status = ReviewStatus.Closed },
        (_, DecisionMeetingScheduled e) => state with { DecisionDue = e.MeetingAt },
        (_, DeadlineExtended { Deadline: DeadlineKind.ResponseWindow } e) =>
            state with { Deadline = e.NewDue, WindowScheduledAt = e.ExtendedAt },
        (_, DeadlineExtended { Deadline: DeadlineKind.FinancialImpact } e) => state with { FinancialImpactDue = e.NewDue },
        (_, DeadlineExtended { Deadline: DeadlineKind.Decision } e) => state with { DecisionDue = e.NewDue },
        (_, DeadlineExtended { Deadline: DeadlineKind.Review } e) => state with { ReviewDueAt = e.NewDue },
        (_, ResponseReminderSent e) => state with { Done = state.Done.Add(DeadlineKeys.Reminder(e.Deadline, e.DaysBefore)) },
        (_, DeadlineEscalated e) => state with { Done = state.Done.Add(DeadlineKeys.Escalation(e.Deadline, e.DueAt)) },
        (_, ReviewDue e) => state with { Status = ReviewStatus.UnderReview, Done = state.Done.Add(DeadlineKeys.ReviewDue(e.DueAt)) },
        (_, FundingDeadlineAlert e) => state with { Done = state.Done.Add(DeadlineKeys.Funding(e.Day)) },
        (_, ResponseDelegated e) => state with { Delegates = state.Delegates.SetItem(e.StakeholderId, e.DelegateUserId) },
        (_, ResponseDelegationWithdrawn e) => state with { Delegates = state.Delegates.Remove(e.StakeholderId) },
        // Events this state does not need (CollatedResponseDistributed, and any added later) leave it as it is.
        _ => state,
    };
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
