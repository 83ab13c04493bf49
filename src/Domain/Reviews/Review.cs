using System.Collections.Immutable;
using System.Text.Json.Serialization;

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
    ReviewProgress Progress,
    ImmutableList<Recommendation> Recommendations,
    ImmutableList<Stakeholder> Stakeholders,
    ImmutableDictionary<string, int> Revisions,
    DecisionRecorded? Decision)
{
    public string? ChairEmail { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>Deadline actions already taken (by key), so a trigger that fires again finds nothing to do.</summary>
    public ImmutableHashSet<string> Done { get; init; } = [];
    /// <summary>Stakeholder id → the colleague who may respond for them.</summary>
    public ImmutableDictionary<string, string> Delegates { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>
    /// The audit hash of the stream's last event, kept with the stored state by the event store so the
    /// next append links to it without reading the stream. The rules never read it.
    /// </summary>
    public string ChainHead { get; init; } = "";

    /// <summary>The catalogue version of the guidance the review is on (null when the catalogue did not have it at opening).</summary>
    public int? CatalogueVersion { get; init; }

    /// <summary>Each agreed action's status, by its description (<see cref="ActionRules.Key"/>); not started when absent.</summary>
    public ImmutableDictionary<string, ActionStatus> ActionStatuses { get; init; } = ImmutableDictionary<string, ActionStatus>.Empty;

    /// <summary>Why a blocked action is blocked, by its description.</summary>
    public ImmutableDictionary<string, string> ActionBlockedReasons { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When the decision's actions were last set (recorded or amended): a reminder is owed only for an action due after that day.</summary>
    public DateTimeOffset? ActionsSetAt { get; init; }

    /// <summary>Stakeholders who have answered in the open re-assessment round (the baseline counts anyone who ever responded).</summary>
    public ImmutableHashSet<string> RoundRespondents { get; init; } = [];

    /// <summary>The review date the open re-assessment round sets when it closes.</summary>
    public DateOnly? RoundNextReviewDate { get; init; }

    /// <summary>When the chair last reminded non-responders by hand: such reminders are at most one a day.</summary>
    public DateTimeOffset? LastRemindedByChairAt { get; init; }

    /// <summary>The decision as it now stands: the recorded one with an amendment's outcome, reasons, actions and review date.</summary>
    public static DecisionRecorded? Amended(DecisionRecorded? decision, DecisionAmended a) => decision is null ? null
        : decision with { Outcome = a.Outcome, Rationale = a.Rationale, Risk = a.Risk, Actions = a.Actions, ReviewDate = a.ReviewDate };

    /// <summary>A technology appraisal's funding period in days from publication.</summary>
    public int FundingDays { get; init; } = DeadlinePolicy.FundingDays;

    [JsonIgnore] public ReviewStatus Status => Progress.Status;

    public bool MayRespondFor(string stakeholderId, Actor actor) =>
        Respondents.MayRespondFor(stakeholderId, actor, Stakeholders.FirstOrDefault(s => s.StakeholderId == stakeholderId),
            Delegates.GetValueOrDefault(stakeholderId));

    [JsonIgnore] public bool IsClosed => Progress.IsClosed;
    [JsonIgnore] public bool HasGrid => !Recommendations.IsEmpty;
    public bool IsInvited(string stakeholderId) => Stakeholders.Any(s => s.StakeholderId == stakeholderId);
    public bool HasRecommendation(string number) => Recommendations.Any(r => r.Number == number);

    /// <summary>Who has not answered in the current assessment: never, for the baseline; not since the round opened, in a re-assessment.</summary>
    [JsonIgnore] public IReadOnlyList<string> NonResponders =>
        Stakeholders.Where(s => !HasAnsweredThisRound(s.StakeholderId)).Select(s => s.StakeholderId).ToList();

    public bool HasAnsweredThisRound(string stakeholderId) =>
        ReassessmentRules.HasAnswered(Progress.Round, Revisions.ContainsKey(stakeholderId), RoundRespondents.Contains(stakeholderId));

    /// <summary>
    /// The fold over a review's events: the one place the write model changes, used by the event store
    /// and the tests. Status and deadlines come from <see cref="ReviewProgress.Apply"/>; the rest is named here.
    /// </summary>
    public static Review? Evolve(Review? state, object @event)
    {
        if (@event is not IReviewEvent e) return state;
        if (e is GuidanceReviewOpened opened)
            return new Review(opened.ReviewId, opened.GuidanceId, opened.GuidanceType, opened.Title, opened.PublishedOn, opened.Group,
                opened.ChairUserId, ReviewProgress.Opened, [], [], ImmutableDictionary<string, int>.Empty, null)
                { ChairEmail = opened.ChairEmail, OpenedAt = opened.OpenedAt, CatalogueVersion = opened.CatalogueVersion,
                    FundingDays = opened.FundingDays ?? DeadlinePolicy.FundingDays };
        if (state is null) return null;

        var next = state with { Progress = ReviewProgress.Apply(state.Progress, e) };
        return e switch
        {
            RecommendationGridCreated g => next with { Recommendations = [.. g.Recommendations] },
            StakeholdersInvited i => next with { Stakeholders = state.Stakeholders.AddRange(i.Stakeholders) },
            StakeholderResponseSubmitted r => next with
            {
                Revisions = state.Revisions.SetItem(r.StakeholderId, r.Revision), RoundRespondents = state.RoundRespondents.Add(r.StakeholderId),
            },
            ReassessmentOpened o => next with { RoundRespondents = [], RoundNextReviewDate = o.NextReviewDate, LastRemindedByChairAt = null },
            ReassessmentClosed => next with { RoundNextReviewDate = null },
            DecisionRecorded d => next with { Decision = d, ActionsSetAt = d.DecidedAt },
            DecisionAmended a => next with
            {
                Decision = Amended(state.Decision, a),
                ActionsSetAt = state.Decision is { } before && before.Actions.SequenceEqual(a.Actions) ? state.ActionsSetAt : a.AmendedAt,
            },
            ActionProgressRecorded p => next with
            {
                ActionStatuses = state.ActionStatuses.SetItem(p.Action, p.Status),
                ActionBlockedReasons = p.BlockedReason is { } why ? state.ActionBlockedReasons.SetItem(p.Action, why) : state.ActionBlockedReasons.Remove(p.Action),
            },
            ActionReminderSent r => next with { Done = state.Done.Add(ActionRules.ReminderKey(r.Action, r.Due)) },
            ActionOverdue o => next with { Done = state.Done.Add(ActionRules.OverdueKey(o.Action, o.Due)) },
            NonRespondersReminded r => next with { LastRemindedByChairAt = r.RemindedAt },
            ResponseReminderSent r => next with { Done = state.Done.Add(DeadlineKeys.Reminder(r.Deadline, r.DaysBefore)) },
            DeadlineEscalated x => next with { Done = state.Done.Add(DeadlineKeys.Escalation(x.Deadline, x.DueAt)) },
            ReviewDue d => next with { Done = state.Done.Add(DeadlineKeys.ReviewDue(d.DueAt)) },
            FundingDeadlineAlert f => next with { Done = state.Done.Add(DeadlineKeys.Funding(f.Day)) },
            ResponseDelegated d => next with { Delegates = state.Delegates.SetItem(d.StakeholderId, d.DelegateUserId) },
            ResponseDelegationWithdrawn w => next with { Delegates = state.Delegates.Remove(w.StakeholderId) },
            GuidanceUpdateApplied u => next with { Recommendations = [.. u.Recommendations], CatalogueVersion = u.ToVersion },
            ReassessmentNeeded r => next with { CatalogueVersion = r.ToVersion },
            FundingPeriodSet f => next with { FundingDays = f.Days },
            // Only status and deadlines change: ReviewProgress has them.
            ResponseWindowOpened or ResponseWindowClosed or CollatedResponseDistributed or FinancialImpactAssessed
                or FinancialImpactMarkedNotNeeded or DecisionMeetingScheduled or DeadlineExtended or ReviewClosed => next,
            _ => throw new UnhandledReviewEvent(e),
        };
    }
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
