namespace GuidanceFlow.Domain.Reviews;

// The implementation stream of one guidance review. Events are facts in the past tense; once
// stored they never change, so add fields rather than rename them. Who acted is kept in the
// event store's metadata, not here.

/// <summary>
/// Marks the events of a review's stream. Every fold of them (<see cref="Review.Evolve"/>,
/// <see cref="ReviewProgress.Apply"/>, the read models) names each one; a test fails for one that is forgotten.
/// </summary>
public interface IReviewEvent
{
    Guid ReviewId { get; }
}

public sealed record GuidanceReviewOpened(
    Guid ReviewId,
    string GuidanceId,
    GuidanceType GuidanceType,
    string Title,
    DateOnly PublishedOn,
    string Group,
    string ChairUserId,
    string ChairName,
    DateTimeOffset OpenedAt,
    string? ChairEmail = null,
    /// <summary>The catalogue version of the guidance the review was opened on, when the catalogue had it.</summary>
    int? CatalogueVersion = null,
    /// <summary>A technology appraisal's funding period in days from publication (90 unless the appraisal says 30).</summary>
    int? FundingDays = null) : IReviewEvent;

/// <summary>One row of the grid. <paramref name="Strength"/> comes from the wording (the catalogue's rule);
/// <paramref name="YearTag"/> is NICE's, when the grid was built from the catalogue.</summary>
public sealed record Recommendation(string Number, string Text, IReadOnlyList<string> Settings,
    GuidanceFlow.Domain.Catalogue.RecommendationStrength? Strength = null, string? YearTag = null);

/// <summary>The whole grid; a later one replaces it until the response window opens.</summary>
public sealed record RecommendationGridCreated(Guid ReviewId, IReadOnlyList<Recommendation> Recommendations) : IReviewEvent;

public sealed record Stakeholder(
    string StakeholderId,
    string Name,
    string Email,
    string Organisation,
    Sector Sector,
    Discipline Discipline,
    string? OrganisationCode = null);

public sealed record StakeholdersInvited(Guid ReviewId, IReadOnlyList<Stakeholder> Stakeholders) : IReviewEvent;

public sealed record ResponseWindowOpened(Guid ReviewId, DateTimeOffset Deadline, DateTimeOffset OpenedAt) : IReviewEvent;

public sealed record RecommendationResponse(
    string RecommendationNumber,
    Compliance Compliance,
    string? CurrentPractice = null,
    string? Barriers = null,
    string? ActionsNeeded = null,
    string? Lead = null,
    DateOnly? TargetDate = null,
    decimal? EstimatedOneOffCost = null,
    decimal? EstimatedRecurrentCost = null);

/// <summary>
/// One submission by one stakeholder. It covers the recommendations it names; a later submission
/// for the same recommendation amends it. Revision counts the stakeholder's submissions (1, 2, …).
/// </summary>
public sealed record StakeholderResponseSubmitted(
    Guid ReviewId,
    string StakeholderId,
    int Revision,
    IReadOnlyList<RecommendationResponse> Responses,
    DateTimeOffset SubmittedAt) : IReviewEvent;

public sealed record ResponseWindowClosed(
    Guid ReviewId,
    WindowClosure ClosedBy,
    IReadOnlyList<string> NonResponders,
    DateTimeOffset ClosedAt,
    DateTimeOffset? FinancialImpactDue = null) : IReviewEvent;

public sealed record CollatedResponseDistributed(
    Guid ReviewId,
    IReadOnlyList<string> Recipients,
    DateTimeOffset DistributedAt) : IReviewEvent;

/// <summary>Money for one year of NICE's five-year horizon (year 1 = the first year of implementation).</summary>
public sealed record YearFigures(
    int Year,
    decimal OneOffCost = 0,
    decimal RecurrentCost = 0,
    decimal OneOffSaving = 0,
    decimal RecurrentSaving = 0)
{
    public decimal NetCost => OneOffCost + RecurrentCost - OneOffSaving - RecurrentSaving;
}

/// <summary>What one organisation bears for one recommendation (or for the guidance as a whole when no number).</summary>
public sealed record CostLine(
    string Organisation,
    Sector Sector,
    IReadOnlyList<YearFigures> Years,
    string? RecommendationNumber = null,
    string? Description = null);

public sealed record RecommendationImpact(
    string RecommendationNumber,
    IReadOnlyList<YearFigures> Years,
    bool Substantial);

public sealed record FinancialImpactAssessed(
    Guid ReviewId,
    int LocalPopulation,
    IReadOnlyList<CostLine> Lines,
    IReadOnlyList<RecommendationImpact> ByRecommendation,
    IReadOnlyList<YearFigures> Total,
    decimal RecommendationThreshold,
    decimal GuidanceThreshold,
    bool Substantial,
    IReadOnlyList<string> SubstantialBecause,
    DateTimeOffset AssessedAt) : IReviewEvent;

/// <summary>The chair's explicit statement that no financial assessment is needed, and why.</summary>
public sealed record FinancialImpactMarkedNotNeeded(Guid ReviewId, string Reason, DateTimeOffset MarkedAt) : IReviewEvent;

/// <summary>An agreed action: what, who owns it (a user or a named person, with an email to remind them by), by when.</summary>
public sealed record ActionItem(string Description, string Owner, DateOnly Due, string? OwnerEmail = null);

public sealed record DecisionRecorded(
    Guid ReviewId,
    DecisionOutcome Outcome,
    string Rationale,
    string? Risk,
    IReadOnlyList<ActionItem> Actions,
    DateOnly ReviewDate,
    DateTimeOffset DecidedAt) : IReviewEvent;

public sealed record ReviewClosed(Guid ReviewId, string Reason, DateTimeOffset ClosedAt) : IReviewEvent;

// Deadlines. Each records that a deadline was set, moved or acted on, so acting is decided from
// the stream alone and a trigger that fires twice finds nothing left to do.

/// <summary>The chair sets the group meeting at which the decision is due.</summary>
public sealed record DecisionMeetingScheduled(Guid ReviewId, DateTimeOffset MeetingAt) : IReviewEvent;

public sealed record DeadlineExtended(
    Guid ReviewId,
    DeadlineKind Deadline,
    DateTimeOffset PreviousDue,
    DateTimeOffset NewDue,
    string Reason,
    DateTimeOffset ExtendedAt) : IReviewEvent;

/// <summary>The chair reminded, there and then, the stakeholders who had not responded: one email each.</summary>
public sealed record NonRespondersReminded(
    Guid ReviewId,
    IReadOnlyList<string> Recipients,
    DateTimeOffset Deadline,
    DateTimeOffset RemindedAt) : IReviewEvent;

/// <summary>
/// The chair amended the recorded decision, saying why. The decision first recorded stays in the stream; readers
/// show the amended one as the decision and both in the record.
/// </summary>
public sealed record DecisionAmended(
    Guid ReviewId,
    DecisionOutcome Outcome,
    string Rationale,
    string? Risk,
    IReadOnlyList<ActionItem> Actions,
    DateOnly ReviewDate,
    string Reason,
    DateTimeOffset AmendedAt) : IReviewEvent;

/// <summary>A reminder went to the stakeholders who had not responded by then.</summary>
public sealed record ResponseReminderSent(
    Guid ReviewId,
    DateTimeOffset Deadline,
    int DaysBefore,
    IReadOnlyList<string> Recipients,
    DateTimeOffset SentAt) : IReviewEvent;

/// <summary>A deadline passed with its work not done; the chair was told.</summary>
public sealed record DeadlineEscalated(Guid ReviewId, DeadlineKind Deadline, DateTimeOffset DueAt, DateTimeOffset EscalatedAt) : IReviewEvent;

/// <summary>The review date after a decision arrived: monitoring reopens.</summary>
public sealed record ReviewDue(Guid ReviewId, DateOnly ReviewDate, DateTimeOffset DueAt) : IReviewEvent;

/// <summary>
/// The statutory funding deadline of a technology appraisal: a warning (days 60 and 80 of 90) or its passing (the last day).
/// <paramref name="PeriodDays"/> is the period it counted (absent in alerts of reviews from before periods other than 90).
/// </summary>
public sealed record FundingDeadlineAlert(Guid ReviewId, int Day, DateTimeOffset FundingDeadline, DateTimeOffset AlertedAt, int? PeriodDays = null)
    : IReviewEvent
{
    public int Period => PeriodDays ?? DeadlinePolicy.FundingDays;
    public bool Passed => Day >= Period;
}

/// <summary>The chair set a technology appraisal's funding period (the appraisal says 30 days, say), with the reason.</summary>
public sealed record FundingPeriodSet(Guid ReviewId, int Days, string Reason, DateTimeOffset SetAt) : IReviewEvent;

/// <summary>An invited stakeholder lets a colleague of their organisation respond on their behalf.</summary>
/// <param name="DelegateEmail">Where the colleague is told they have been asked (from the directory; absent in events recorded before it was kept).</param>
public sealed record ResponseDelegated(Guid ReviewId, string StakeholderId, string DelegateUserId, string DelegateName, DateTimeOffset DelegatedAt,
    string? DelegateEmail = null) : IReviewEvent;

public sealed record ResponseDelegationWithdrawn(Guid ReviewId, string StakeholderId, DateTimeOffset WithdrawnAt) : IReviewEvent;

/// <summary>
/// NICE's newer version of the guidance applied to a review not yet decided: the grid becomes the new
/// version's, responses to unchanged recommendations stay (under their new number if NICE renumbered them),
/// responses to reworded, withdrawn or removed ones are set aside for a fresh answer.
/// </summary>
public sealed record GuidanceUpdateApplied(
    Guid ReviewId,
    int FromVersion,
    int ToVersion,
    IReadOnlyList<Recommendation> Recommendations,
    IReadOnlyList<GuidanceFlow.Domain.Catalogue.RecommendationChange> Changes,
    DateTimeOffset AppliedAt) : IReviewEvent;

/// <summary>NICE changed guidance the group has already decided on: the decision is to be re-assessed (monitoring reopens).</summary>
public sealed record ReassessmentNeeded(
    Guid ReviewId,
    int FromVersion,
    int ToVersion,
    string Summary,
    DateTimeOffset RecordedAt) : IReviewEvent;

/// <summary>
/// At a decided review's review date the chair asks every invited stakeholder to answer compliance again by a deadline
/// (round 1, 2, …; the first answers are the baseline, round 0). Closing the round sets the next review date given here.
/// </summary>
public sealed record ReassessmentOpened(
    Guid ReviewId,
    int Round,
    DateTimeOffset Deadline,
    DateOnly NextReviewDate,
    DateTimeOffset OpenedAt) : IReviewEvent;

/// <summary>A re-assessment round closed (by the chair, or at its deadline): its answers are an assessment of their own.</summary>
public sealed record ReassessmentClosed(
    Guid ReviewId,
    int Round,
    WindowClosure ClosedBy,
    IReadOnlyList<string> NonResponders,
    DateOnly NextReviewDate,
    DateTimeOffset ClosedAt) : IReviewEvent;
