using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// Where a review stands: its status, its deadlines and which of them are overdue. The one place
/// that says what each event does to them — the write model (<see cref="Review.Evolve"/>) and every
/// read model fold their events through <see cref="Apply"/>, so they cannot disagree.
/// </summary>
public sealed record ReviewProgress(
    ReviewStatus Status,
    DateTimeOffset? ResponseDeadline = null,
    /// <summary>When the current response deadline was set (the window opened or was extended): reminders due before it are not sent.</summary>
    DateTimeOffset? WindowScheduledAt = null,
    DateTimeOffset? FinancialImpactDue = null,
    /// <summary>The group meeting at which the decision is due.</summary>
    DateTimeOffset? DecisionDue = null,
    DateTimeOffset? ReviewDueAt = null)
{
    /// <summary>Deadlines that passed with their work undone (escalated) and not resolved since, in the order they fell.</summary>
    public ImmutableList<DeadlineKind> Overdue { get; init; } = [];

    /// <summary>When the response window closed, early or at its deadline: refusals say so with the true date.</summary>
    public DateTimeOffset? WindowClosedAt { get; init; }

    /// <summary>Which assessment the answers belong to: 0 the baseline, then each re-assessment round (1, 2, …).</summary>
    public int Round { get; init; }

    public static readonly ReviewProgress Opened = new(ReviewStatus.Opened);

    /// <summary>What one event does to status and deadlines. Every review event is named here, even those that change neither.</summary>
    public static ReviewProgress Apply(ReviewProgress p, IReviewEvent e) => e switch
    {
        GuidanceReviewOpened => Opened,
        RecommendationGridCreated => p with { Status = ReviewStatus.GridReady },
        ResponseWindowOpened w => p with
        {
            Status = ReviewStatus.AwaitingResponses, ResponseDeadline = w.Deadline, WindowScheduledAt = w.OpenedAt,
        },
        ResponseWindowClosed c => p with { Status = ReviewStatus.Collated, FinancialImpactDue = c.FinancialImpactDue, WindowClosedAt = c.ClosedAt },
        FinancialImpactAssessed or FinancialImpactMarkedNotNeeded => p with
        {
            Status = ReviewStatus.FinanciallyAssessed, Overdue = p.Overdue.Remove(DeadlineKind.FinancialImpact),
        },
        DecisionRecorded d => p with
        {
            Status = ReviewStatus.Decided, ReviewDueAt = DeadlinePolicy.ReviewDueAt(d.ReviewDate),
            Overdue = p.Overdue.RemoveAll(k => k is DeadlineKind.Decision or DeadlineKind.TechnologyAppraisalFunding),
        },
        DecisionMeetingScheduled m => p with { DecisionDue = m.MeetingAt },
        // An amended decision brings its own review date, while monitoring is still ahead of it.
        DecisionAmended a when p.Status == ReviewStatus.Decided => p with { ReviewDueAt = DeadlinePolicy.ReviewDueAt(a.ReviewDate) },
        DeadlineExtended x => Extended(p, x) with { Overdue = p.Overdue.Remove(x.Deadline) },
        DeadlineEscalated x => p with { Overdue = Add(p.Overdue, x.Deadline) },
        FundingDeadlineAlert { Passed: true } => p with { Overdue = Add(p.Overdue, DeadlineKind.TechnologyAppraisalFunding) },
        // NICE changing the guidance while a round is open leaves the round to run: it is the re-assessment asked for.
        ReassessmentNeeded when p.Status == ReviewStatus.Reassessing => p,
        ReviewDue or ReassessmentNeeded => p with { Status = ReviewStatus.UnderReview },
        ReassessmentOpened o => p with
        {
            Status = ReviewStatus.Reassessing, Round = o.Round, ResponseDeadline = o.Deadline, WindowScheduledAt = o.OpenedAt,
            WindowClosedAt = null, Overdue = p.Overdue.Remove(DeadlineKind.ResponseWindow),
        },
        // Monitoring goes on from the round's answers, to the next review date set when it opened.
        ReassessmentClosed c => p with
        {
            Status = ReviewStatus.Decided, WindowClosedAt = c.ClosedAt, ReviewDueAt = DeadlinePolicy.ReviewDueAt(c.NextReviewDate),
            Overdue = p.Overdue.Remove(DeadlineKind.ResponseWindow),
        },
        ReviewClosed => p with { Status = ReviewStatus.Closed, Overdue = [] },
        // Events that change neither status nor deadlines.
        StakeholdersInvited or StakeholderResponseSubmitted or CollatedResponseDistributed or ResponseReminderSent
            or FundingDeadlineAlert or ResponseDelegated or ResponseDelegationWithdrawn or GuidanceUpdateApplied or FundingPeriodSet
            or NonRespondersReminded or DecisionAmended or ActionProgressRecorded or ActionReminderSent or ActionOverdue => p,
        _ => throw new UnhandledReviewEvent(e),
    };

    private static ReviewProgress Extended(ReviewProgress p, DeadlineExtended x) => x.Deadline switch
    {
        DeadlineKind.ResponseWindow => p with { ResponseDeadline = x.NewDue, WindowScheduledAt = x.ExtendedAt },
        DeadlineKind.FinancialImpact => p with { FinancialImpactDue = x.NewDue },
        DeadlineKind.Decision => p with { DecisionDue = x.NewDue },
        DeadlineKind.Review => p with { ReviewDueAt = x.NewDue },
        _ => p,
    };

    private static ImmutableList<DeadlineKind> Add(ImmutableList<DeadlineKind> overdue, DeadlineKind kind) =>
        overdue.Contains(kind) ? overdue : overdue.Add(kind);

    [JsonIgnore] public bool IsClosed => Status == ReviewStatus.Closed;

    /// <summary>
    /// A response window is open — the first one, or a re-assessment round — until it is closed (by the chair or at its
    /// deadline). Every rule of the window (reminders, closing, extending, inviting, responding) asks this one question.
    /// </summary>
    [JsonIgnore] public bool CollectingResponses => CollectingStatuses.Contains(Status);

    /// <summary>The statuses in which a response window is open, for queries over stored views.</summary>
    public static readonly ReviewStatus[] CollectingStatuses = [ReviewStatus.AwaitingResponses, ReviewStatus.Reassessing];

    /// <summary>Stakeholders may respond (and delegate) only while a window is open and its deadline is ahead.</summary>
    public bool WindowOpenAt(DateTimeOffset now) => CollectingResponses && ResponseDeadline > now;

    /// <summary>A re-assessment round may be opened once the review date has arrived (or NICE changed decided guidance).</summary>
    [JsonIgnore] public bool MayOpenReassessment => Status == ReviewStatus.UnderReview;

    /// <summary>Why no one may respond now, with the true cause and date: not opened yet, the deadline passed, or closed (early or at the deadline).</summary>
    public string WhyWindowIsShut(DateTimeOffset now) => Status switch
    {
        < ReviewStatus.AwaitingResponses => "The response window has not been opened yet.",
        _ when CollectingResponses => $"The deadline for responses passed at {UkTime.Format(ResponseDeadline!.Value)}.",
        _ when WindowClosedAt is { } at && ResponseDeadline is { } due && at < due =>
            $"The chair closed the response window early, at {UkTime.Format(at)} (the deadline had been {UkTime.Format(due)}).",
        _ when WindowClosedAt is { } at => $"The response window closed at its deadline, {UkTime.Format(at)}.",
        _ => "The response window has closed.",
    };

    /// <summary>The grid can be built and rebuilt until the response window opens.</summary>
    [JsonIgnore] public bool GridMayChange => Status is ReviewStatus.Opened or ReviewStatus.GridReady;

    /// <summary>Stakeholders can be invited until the response window closes, and while a re-assessment round is open.</summary>
    [JsonIgnore] public bool MayInvite => Status <= ReviewStatus.AwaitingResponses || Status == ReviewStatus.Reassessing;

    /// <summary>The financial impact is recorded after the window closes and before the decision.</summary>
    [JsonIgnore] public bool FinancialImpactMayChange => Status is ReviewStatus.Collated or ReviewStatus.FinanciallyAssessed;

    /// <summary>The decision follows the financial impact (assessed, or marked not needed) and is recorded once.</summary>
    [JsonIgnore] public bool DecisionMayBeRecorded => Status == ReviewStatus.FinanciallyAssessed;

    /// <summary>The deadline of a kind that can still be extended at this stage; null when there is none.</summary>
    public DateTimeOffset? Extendable(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ResponseWindow when CollectingResponses => ResponseDeadline,
        DeadlineKind.FinancialImpact when Status == ReviewStatus.Collated => FinancialImpactDue,
        DeadlineKind.Decision when Status is ReviewStatus.Collated or ReviewStatus.FinanciallyAssessed => DecisionDue,
        DeadlineKind.Review when Status == ReviewStatus.Decided => ReviewDueAt,
        _ => null,
    };

    /// <summary>The date the review next needs something by, at its stage: for the register and the views.</summary>
    [JsonIgnore] public DateTimeOffset? NextDeadline => Status switch
    {
        ReviewStatus.AwaitingResponses or ReviewStatus.Reassessing => ResponseDeadline,
        ReviewStatus.Collated => new[] { FinancialImpactDue, DecisionDue }.Where(d => d is not null).Min(),
        ReviewStatus.FinanciallyAssessed => DecisionDue,
        ReviewStatus.Decided => ReviewDueAt,
        _ => null,
    };
}

/// <summary>An event type that a fold does not name: a new event was added without deciding what it does.</summary>
public sealed class UnhandledReviewEvent(IReviewEvent e)
    : InvalidOperationException($"{e.GetType().Name} is not handled: say what it does, or that it does nothing, in every fold of review events.");
