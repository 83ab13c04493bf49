using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Reviews;

/// <summary>
/// Builds <see cref="ReviewView"/> inline, in the same transaction as the events, so a read
/// straight after a write already shows it.
/// </summary>
public sealed class ReviewViewProjection : SingleStreamProjection<ReviewView, Guid>
{
    public override ReviewView? Evolve(ReviewView? view, Guid id, IEvent e) => Step(view, e);

    /// <summary>
    /// The view at <paramref name="view"/>'s version brought forward by the events appended right after
    /// it: the same fold the inline projection just stored, so a write can answer without reading it back.
    /// </summary>
    public static ReviewView Forward(ReviewView view, IReadOnlyList<IEvent> appended)
    {
        foreach (var e in appended) view = Step(view, e)!;
        view.Version += appended.Count;
        return view;
    }

    /// <summary>One event into the view: its standing and what it keeps, then the action it tracks with who acted (from the event's headers).</summary>
    private static ReviewView? Step(ReviewView? view, IEvent e)
    {
        view = ReviewStanding.Fold(view, e, Opened, Keep);
        if (view is not null) Track(view, e);
        return view;
    }

    private static void Track(ReviewView view, IEvent e)
    {
        if (ActionHistoryEntry.Of(e) is not var (action, entry)) return;
        var tracked = view.ActionTracking.FirstOrDefault(t => t.Action == action);
        if (tracked is null) view.ActionTracking.Add(tracked = new TrackedAction { Action = action });
        tracked.History.Add(entry);
        if (e.Data is ActionProgressRecorded progress) (tracked.Status, tracked.BlockedReason) = (progress.Status, progress.BlockedReason);
    }

    private static ReviewView Opened(GuidanceReviewOpened e) => new()
    {
        Id = e.ReviewId,
        GuidanceId = e.GuidanceId,
        GuidanceType = e.GuidanceType,
        Title = e.Title,
        PublishedOn = e.PublishedOn,
        Group = e.Group,
        ChairUserId = e.ChairUserId,
        ChairName = e.ChairName,
        OpenedAt = e.OpenedAt,
        CatalogueVersion = e.CatalogueVersion,
    };

    /// <summary>What the shared view keeps beyond status and deadlines.</summary>
    private static void Keep(ReviewView view, IReviewEvent e)
    {
        // A view stored before compliance over time was kept has a grid but no record of it yet: recover it first.
        if (view.ComplianceOverTime.Numbers.IsEmpty && view.Recommendations.Count > 0)
            view.ComplianceOverTime = ComplianceOverTime.Recovered(view.Recommendations.Select(r => r.Number),
                view.Responses.Select(r => (r.StakeholderId, r.Response)), view.WindowClosedAt);
        view.ComplianceOverTime = ComplianceOverTime.Evolve(view.ComplianceOverTime, e);
        switch (e)
        {
            case RecommendationGridCreated g:
                view.Recommendations = g.Recommendations.Select(Row).ToList();
                Collate(view);
                break;
            case GuidanceUpdateApplied u:
                view.Recommendations = u.Recommendations.Select(Row).ToList();
                // Answers follow a renumbered recommendation; those to reworded, withdrawn or removed ones are set aside.
                view.Responses = view.Responses
                    .Select(r => FollowNiceUpdate.NumberAfter(r.Response.RecommendationNumber, u) is { } number
                        ? r with { Response = r.Response with { RecommendationNumber = number } } : null)
                    .OfType<LatestResponse>().ToList();
                view.CatalogueVersion = u.ToVersion;
                view.NiceUpdates.Add(new(u.FromVersion, u.ToVersion, GuidanceFlow.Domain.Catalogue.RecommendationChanges.Summarise(u.Changes), false, u.AppliedAt));
                Collate(view);
                break;
            case ReassessmentNeeded r:
                view.CatalogueVersion = r.ToVersion;
                view.NiceUpdates.Add(new(r.FromVersion, r.ToVersion, r.Summary, true, r.RecordedAt));
                break;
            case StakeholdersInvited i:
                view.Stakeholders.AddRange(i.Stakeholders);
                Collate(view);
                break;
            case StakeholderResponseSubmitted r:
                foreach (var response in r.Responses)
                {
                    view.Responses.RemoveAll(x => x.StakeholderId == r.StakeholderId &&
                                                  x.Response.RecommendationNumber == response.RecommendationNumber);
                    view.Responses.Add(new LatestResponse(r.StakeholderId, r.Revision, r.SubmittedAt, response));
                }
                if (!view.RespondedThisRound.Contains(r.StakeholderId)) view.RespondedThisRound.Add(r.StakeholderId);
                Collate(view);
                break;
            case ReassessmentOpened o:
                view.Reassessments.Add(new ReassessmentRound(o.Round, o.OpenedAt, o.Deadline, o.NextReviewDate));
                view.RespondedThisRound = [];
                (view.WindowClosedAt, view.WindowClosedBy, view.LastRemindedByChairAt) = (null, null, null);
                Collate(view);
                break;
            case ReassessmentClosed c:
                view.Reassessments = view.Reassessments
                    .Select(r => r.Round == c.Round ? r with { ClosedAt = c.ClosedAt, ClosedBy = c.ClosedBy, NonResponders = c.NonResponders } : r).ToList();
                (view.WindowClosedAt, view.WindowClosedBy) = (c.ClosedAt, c.ClosedBy);
                break;
            case ResponseWindowClosed c:
                view.WindowClosedAt = c.ClosedAt;
                view.WindowClosedBy = c.ClosedBy;
                break;
            case CollatedResponseDistributed d:
                view.DistributedAt = d.DistributedAt;
                break;
            case FinancialImpactAssessed f:
                view.FinancialImpact = f;
                view.FinancialImpactNotNeededReason = null;
                break;
            case FinancialImpactMarkedNotNeeded n:
                view.FinancialImpact = null;
                view.FinancialImpactNotNeededReason = n.Reason;
                break;
            case DecisionRecorded d:
                view.Decision = d;
                break;
            case DecisionAmended a:
                view.Decision = Review.Amended(view.Decision, a);
                view.DecisionAmendments.Add(a);
                break;
            case DeadlineExtended x:
                view.Extensions.Add(x);
                break;
            case NonRespondersReminded r:
                view.LastRemindedByChairAt = r.RemindedAt;
                break;
            case ResponseDelegated d:
                view.Delegations.RemoveAll(x => x.StakeholderId == d.StakeholderId);
                view.Delegations.Add(d);
                break;
            case ResponseDelegationWithdrawn w:
                view.Delegations.RemoveAll(x => x.StakeholderId == w.StakeholderId);
                break;
            case ReviewClosed c:
                view.Closure = c;
                break;
        }
    }

    private static RecommendationView Row(Recommendation r) =>
        new() { Number = r.Number, Text = r.Text, Settings = [.. r.Settings], Strength = r.Strength, YearTag = r.YearTag };

    /// <summary>Regroups the latest responses per recommendation and sector, and recounts.</summary>
    internal static void Collate(ReviewView view)
    {
        var byId = view.Stakeholders.ToDictionary(s => s.StakeholderId);
        var ever = view.Responses.Select(r => r.StakeholderId).ToHashSet();
        var responded = view.Stakeholders.Select(s => s.StakeholderId)
            .Where(id => ReassessmentRules.HasAnswered(view.Round, ever.Contains(id), view.RespondedThisRound.Contains(id))).ToHashSet();
        view.NeverResponded = view.Stakeholders.Count(s => !ever.Contains(s.StakeholderId));

        view.InvitedCount = view.Stakeholders.Count;
        view.RespondedCount = view.Stakeholders.Count(s => responded.Contains(s.StakeholderId));
        view.NotResponded = view.Stakeholders.Where(s => !responded.Contains(s.StakeholderId))
            .Select(s => new StakeholderRef(s.StakeholderId, s.Name, s.Organisation, s.Sector)).ToList();
        view.ComplianceTotals = new ComplianceCounts();

        foreach (var recommendation in view.Recommendations)
        {
            var latest = view.Responses
                .Where(r => r.Response.RecommendationNumber == recommendation.Number && byId.ContainsKey(r.StakeholderId))
                .ToList();

            recommendation.Compliance = new ComplianceCounts();
            foreach (var stakeholder in view.Stakeholders)
            {
                var answer = latest.FirstOrDefault(r => r.StakeholderId == stakeholder.StakeholderId);
                recommendation.Compliance.Add(answer?.Response.Compliance);
                view.ComplianceTotals.Add(answer?.Response.Compliance);
            }

            recommendation.BySector = latest
                .GroupBy(r => byId[r.StakeholderId].Sector)
                .OrderBy(g => g.Key)
                .Select(g => new SectorResponses(g.Key, g.OrderBy(r => byId[r.StakeholderId].Name)
                    .Select(r => ToView(byId[r.StakeholderId], r)).ToList()))
                .ToList();

            recommendation.Barriers = latest
                .Where(r => !string.IsNullOrWhiteSpace(r.Response.Barriers))
                .Select(r => new RaisedPoint(r.StakeholderId, byId[r.StakeholderId].Name, byId[r.StakeholderId].Sector,
                    r.Response.Barriers!))
                .ToList();
            recommendation.EstimatedOneOffCost = latest.Sum(r => r.Response.EstimatedOneOffCost ?? 0);
            recommendation.EstimatedRecurrentCost = latest.Sum(r => r.Response.EstimatedRecurrentCost ?? 0);
        }
    }

    private static StakeholderResponseView ToView(Stakeholder s, LatestResponse r) => new(
        s.StakeholderId, s.Name, s.Organisation, s.Discipline, r.Response.Compliance, r.Response.CurrentPractice,
        r.Response.Barriers, r.Response.ActionsNeeded, r.Response.Lead, r.Response.TargetDate,
        r.Response.EstimatedOneOffCost, r.Response.EstimatedRecurrentCost, r.Revision, r.SubmittedAt);
}
