using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Projections.Reviews;

/// <summary>
/// The shared primary/secondary-care view of one review: one record for every organisation,
/// "rather than them and us". Rebuilt from the review's events; never written by hand.
/// </summary>
public sealed class ReviewView : ReviewStanding
{
    public Guid Id { get; set; }

    /// <summary>The stream version this view reflects; send it back as If-Match when writing.</summary>
    public long Version { get; set; }

    public string GuidanceId { get; set; } = "";
    public GuidanceType GuidanceType { get; set; }
    public string Title { get; set; } = "";
    public DateOnly PublishedOn { get; set; }
    public string Group { get; set; } = "";
    public string ChairUserId { get; set; } = "";
    public string ChairName { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? WindowClosedAt { get; set; }
    public WindowClosure? WindowClosedBy { get; set; }
    public DateTimeOffset? DistributedAt { get; set; }
    public List<DeadlineExtended> Extensions { get; set; } = [];
    /// <summary>Who may respond for whom: an invited stakeholder's colleague, by delegation.</summary>
    public List<ResponseDelegated> Delegations { get; set; } = [];

    public List<Stakeholder> Stakeholders { get; set; } = [];
    public List<RecommendationView> Recommendations { get; set; } = [];

    /// <summary>Latest response per stakeholder per recommendation, the source the grouped view is built from.</summary>
    public List<LatestResponse> Responses { get; set; } = [];

    public int InvitedCount { get; set; }
    public int RespondedCount { get; set; }
    public List<StakeholderRef> NotResponded { get; set; } = [];
    /// <summary>Invited stakeholders with no answer at all (in a re-assessment round, fewer than <see cref="NotResponded"/>).</summary>
    public int? NeverResponded { get; set; }
    public ComplianceCounts ComplianceTotals { get; set; } = new();

    public FinancialImpactAssessed? FinancialImpact { get; set; }
    public string? FinancialImpactNotNeededReason { get; set; }
    /// <summary>The decision as it now stands (amendments applied); the first record and each amendment stay in the stream.</summary>
    public DecisionRecorded? Decision { get; set; }
    public List<DecisionAmended> DecisionAmendments { get; set; } = [];
    /// <summary>Progress on the decision's agreed actions, by action (its description), each with its history.</summary>
    public List<TrackedAction> ActionTracking { get; set; } = [];
    /// <summary>When the chair last reminded non-responders by hand (at most once a day).</summary>
    public DateTimeOffset? LastRemindedByChairAt { get; set; }
    public ReviewClosed? Closure { get; set; }

    /// <summary>The catalogue version of the guidance the review is on; null when it was opened on none.</summary>
    public int? CatalogueVersion { get; set; }

    /// <summary>NICE updates followed: applied to the grid, or recorded as needing re-assessment of the decision.</summary>
    public List<NiceUpdateFollowed> NiceUpdates { get; set; } = [];

    /// <summary>The group's compliance per recommendation at each assessment: the baseline, then each re-assessment round.</summary>
    public ComplianceOverTime ComplianceOverTime { get; set; } = ComplianceOverTime.Empty;

    /// <summary>Each re-assessment round: when it opened, its deadline, and once closed, how and who did not answer again.</summary>
    public List<ReassessmentRound> Reassessments { get; set; } = [];

    /// <summary>Who has answered in the open re-assessment round (unused for the baseline, where anyone who responded has).</summary>
    public List<string> RespondedThisRound { get; set; } = [];

    /// <summary>
    /// The same view with only the answers of <paramref name="stakeholderIds"/>: what a stakeholder reads before the
    /// collated response is shared. Who has responded stays (it is no one's answer); every count, cost and barrier is
    /// collated again from the answers left, so nothing of the others' answers shows through a total.
    /// </summary>
    public ReviewView WithAnswersOnlyOf(IReadOnlySet<string> stakeholderIds)
    {
        var copy = (ReviewView)MemberwiseClone();
        copy.Responses = Responses.Where(r => stakeholderIds.Contains(r.StakeholderId)).ToList();
        copy.Recommendations = Recommendations.Select(r => new RecommendationView
        {
            Number = r.Number, Text = r.Text, Strength = r.Strength, YearTag = r.YearTag, Settings = r.Settings,
        }).ToList();
        ReviewViewProjection.Collate(copy);
        (copy.InvitedCount, copy.RespondedCount, copy.NotResponded, copy.NeverResponded) = (InvitedCount, RespondedCount, NotResponded, NeverResponded);
        copy.ComplianceOverTime = ComplianceOverTime with { Answers = ComplianceOverTime.Answers.Clear() };
        copy.AnswersWithheld = true;
        return copy;
    }

    /// <summary>
    /// A starting point for the financial impact from what stakeholders estimated: a cost line per organisation, sector and
    /// recommendation, the one-off cost in year 1 and the recurrent cost in each of the five years. The finance lead edits it.
    /// </summary>
    public List<CostLine> CostLinesFromEstimates()
    {
        var byId = Stakeholders.ToDictionary(s => s.StakeholderId);
        return Responses
            .Where(r => byId.ContainsKey(r.StakeholderId) && (r.Response.EstimatedOneOffCost > 0 || r.Response.EstimatedRecurrentCost > 0))
            .GroupBy(r => (byId[r.StakeholderId].Organisation, byId[r.StakeholderId].Sector, r.Response.RecommendationNumber))
            .OrderBy(g => g.Key.Sector).ThenBy(g => g.Key.Organisation).ThenBy(g => g.Key.RecommendationNumber)
            .Select(g =>
            {
                var oneOff = g.Sum(r => r.Response.EstimatedOneOffCost ?? 0);
                var recurrent = g.Sum(r => r.Response.EstimatedRecurrentCost ?? 0);
                var years = Enumerable.Range(1, ResourceImpact.HorizonYears)
                    .Select(y => new YearFigures(y, OneOffCost: y == 1 ? oneOff : 0, RecurrentCost: recurrent))
                    .Where(y => y.OneOffCost > 0 || y.RecurrentCost > 0).ToList();
                return new CostLine(g.Key.Organisation, g.Key.Sector, years, g.Key.RecommendationNumber, "From the stakeholders' estimates");
            }).ToList();
    }

    /// <summary>True when other stakeholders' answers were left out of this copy (<see cref="WithAnswersOnlyOf"/>).</summary>
    public bool AnswersWithheld { get; set; }

    /// <summary>Whether a stakeholder has answered in the current assessment: at all for the baseline, since it opened in a re-assessment round.</summary>
    public bool HasAnsweredThisRound(string stakeholderId) =>
        ReassessmentRules.HasAnswered(Round, Responses.Any(r => r.StakeholderId == stakeholderId), RespondedThisRound.Contains(stakeholderId));

    /// <summary>The colleague an invited stakeholder has delegated their response to, if any.</summary>
    public string? DelegateOf(string stakeholderId) => Delegations.FirstOrDefault(d => d.StakeholderId == stakeholderId)?.DelegateUserId;
}

/// <summary>One re-assessment round as the review shows it; <see cref="ClosedAt"/> is null while it is open.</summary>
public sealed record ReassessmentRound(int Round, DateTimeOffset OpenedAt, DateTimeOffset Deadline, DateOnly NextReviewDate,
    DateTimeOffset? ClosedAt = null, WindowClosure? ClosedBy = null, IReadOnlyList<string>? NonResponders = null);

public sealed record NiceUpdateFollowed(int FromVersion, int ToVersion, string Summary, bool Reassessment, DateTimeOffset At);

public sealed record StakeholderRef(string StakeholderId, string Name, string Organisation, Sector Sector);

public sealed record LatestResponse(
    string StakeholderId,
    int Revision,
    DateTimeOffset SubmittedAt,
    RecommendationResponse Response);

public sealed class RecommendationView
{
    public string Number { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>How firmly NICE words it (from its wording) and NICE's year tag, when the grid came from the catalogue.</summary>
    public GuidanceFlow.Domain.Catalogue.RecommendationStrength? Strength { get; set; }
    public string? YearTag { get; set; }
    public List<string> Settings { get; set; } = [];
    public ComplianceCounts Compliance { get; set; } = new();
    public List<SectorResponses> BySector { get; set; } = [];
    public List<RaisedPoint> Barriers { get; set; } = [];
    public decimal EstimatedOneOffCost { get; set; }
    public decimal EstimatedRecurrentCost { get; set; }
}

public sealed record SectorResponses(Sector Sector, List<StakeholderResponseView> Responses);

public sealed record StakeholderResponseView(
    string StakeholderId,
    string Name,
    string Organisation,
    Discipline Discipline,
    Compliance Compliance,
    string? CurrentPractice,
    string? Barriers,
    string? ActionsNeeded,
    string? Lead,
    DateOnly? TargetDate,
    decimal? EstimatedOneOffCost,
    decimal? EstimatedRecurrentCost,
    int Revision,
    DateTimeOffset SubmittedAt);

public sealed record RaisedPoint(string StakeholderId, string Name, Sector Sector, string Text);

public sealed class ComplianceCounts
{
    /// <summary>
    /// Of the places not yet assessed, those of stakeholders with no response at all (<paramref name="view"/>'s
    /// NotResponded: once the window closed they did not respond) and those who responded but left this recommendation open.
    /// </summary>
    public (int NoResponse, int LeftOpen) Unassessed(ReviewView view)
    {
        // In a re-assessment round, those who have not answered again still have their last answers: only those who never did count
        // here (worked out once per fold; a view stored before rounds has none, and there they are the same people).
        var none = view.NeverResponded ?? view.NotResponded.Count;
        return (none, Math.Max(0, NotYetAssessed - none));
    }

    public int Met { get; set; }
    public int PartiallyMet { get; set; }
    public int NotMet { get; set; }
    public int NotApplicable { get; set; }
    public int NotYetAssessed { get; set; }

    public void Add(Compliance? compliance)
    {
        switch (compliance)
        {
            case Domain.Reviews.Compliance.Met: Met++; break;
            case Domain.Reviews.Compliance.PartiallyMet: PartiallyMet++; break;
            case Domain.Reviews.Compliance.NotMet: NotMet++; break;
            case Domain.Reviews.Compliance.NotApplicable: NotApplicable++; break;
            default: NotYetAssessed++; break;
        }
    }
}

/// <summary>One agreed action's progress as recorded: where it stands, and every update, reminder and alert with who and when.</summary>
public sealed class TrackedAction
{
    public string Action { get; set; } = "";
    public ActionStatus Status { get; set; }
    public string? BlockedReason { get; set; }
    public List<ActionHistoryEntry> History { get; set; } = [];
}

/// <summary>One line of an action's history: a progress update (its status, note, evidence), a reminder or an overdue alert.</summary>
public sealed record ActionHistoryEntry(DateTimeOffset At, string What, string? ByUserId, string? ByName, ActionStatus? Status, string? Note,
    IReadOnlyList<string> Evidence)
{
    /// <summary>The action an event is about and its line of history, with who acted from the event's headers; null for other events.</summary>
    public static (string Action, ActionHistoryEntry Entry)? Of(JasperFx.Events.IEvent e)
    {
        var by = ActorHeaders.Of(e);
        return e.Data switch
        {
            ActionProgressRecorded p => (p.Action, new ActionHistoryEntry(p.RecordedAt,
                p.Status == ActionStatus.Blocked ? $"Blocked: {p.BlockedReason}" : StatusWords(p.Status), by.UserId, by.Name, p.Status, p.Note, p.Evidence)),
            ActionReminderSent r => (r.Action, new ActionHistoryEntry(r.SentAt,
                r.OwnerEmail is null ? $"Due {Day(r.Due)} (the owner has no email to be reminded by)" : $"Owner reminded: due {Day(r.Due)}", null, null, null, null, [])),
            ActionOverdue o => (o.Action, new ActionHistoryEntry(o.AlertedAt, $"Overdue: was due {Day(o.Due)}; the chair was told", null, null, null, null, [])),
            _ => null,
        };
    }

    public static string StatusWords(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        _ => "Blocked",
    };

    private static string Day(DateOnly d) => d.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
