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
    public static ReviewView Create(GuidanceReviewOpened e) => new()
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
        Status = ReviewStatus.Opened,
    };

    public static void Apply(RecommendationGridCreated e, ReviewView view)
    {
        view.Recommendations = e.Recommendations
            .Select(r => new RecommendationView { Number = r.Number, Text = r.Text, Settings = [.. r.Settings] })
            .ToList();
        view.Status = ReviewStatus.GridReady;
        Collate(view);
    }

    public static void Apply(StakeholdersInvited e, ReviewView view)
    {
        view.Stakeholders.AddRange(e.Stakeholders);
        Collate(view);
    }

    public static void Apply(ResponseWindowOpened e, ReviewView view)
    {
        view.ResponseDeadline = e.Deadline;
        view.Status = ReviewStatus.AwaitingResponses;
    }

    public static void Apply(StakeholderResponseSubmitted e, ReviewView view)
    {
        foreach (var response in e.Responses)
        {
            view.Responses.RemoveAll(r => r.StakeholderId == e.StakeholderId &&
                                          r.Response.RecommendationNumber == response.RecommendationNumber);
            view.Responses.Add(new LatestResponse(e.StakeholderId, e.Revision, e.SubmittedAt, response));
        }
        Collate(view);
    }

    public static void Apply(ResponseWindowClosed e, ReviewView view)
    {
        view.FinancialImpactDue = e.FinancialImpactDue;
        view.WindowClosedAt = e.ClosedAt;
        view.WindowClosedBy = e.ClosedBy;
        view.Status = ReviewStatus.Collated;
    }

    public static void Apply(CollatedResponseDistributed e, ReviewView view) => view.DistributedAt = e.DistributedAt;

    public static void Apply(FinancialImpactAssessed e, ReviewView view)
    {
        view.FinancialImpact = e;
        view.FinancialImpactNotNeededReason = null;
        view.Status = ReviewStatus.FinanciallyAssessed;
    }

    public static void Apply(FinancialImpactMarkedNotNeeded e, ReviewView view)
    {
        view.FinancialImpact = null;
        view.FinancialImpactNotNeededReason = e.Reason;
        view.Status = ReviewStatus.FinanciallyAssessed;
    }

    public static void Apply(DecisionRecorded e, ReviewView view)
    {
        view.Decision = e;
        view.ReviewDueAt = DeadlinePolicy.ReviewDueAt(e.ReviewDate);
        view.Status = ReviewStatus.Decided;
    }

    public static void Apply(DecisionMeetingScheduled e, ReviewView view) => view.DecisionMeetingAt = e.MeetingAt;

    public static void Apply(DeadlineExtended e, ReviewView view)
    {
        view.Extensions.Add(e);
        switch (e.Deadline)
        {
            case DeadlineKind.ResponseWindow: view.ResponseDeadline = e.NewDue; break;
            case DeadlineKind.FinancialImpact: view.FinancialImpactDue = e.NewDue; break;
            case DeadlineKind.Decision: view.DecisionMeetingAt = e.NewDue; break;
            case DeadlineKind.Review: view.ReviewDueAt = e.NewDue; break;
        }
    }

    public static void Apply(ReviewDue e, ReviewView view) => view.Status = ReviewStatus.UnderReview;

    public static void Apply(ResponseDelegated e, ReviewView view)
    {
        view.Delegations.RemoveAll(d => d.StakeholderId == e.StakeholderId);
        view.Delegations.Add(e);
    }

    public static void Apply(ResponseDelegationWithdrawn e, ReviewView view) => view.Delegations.RemoveAll(d => d.StakeholderId == e.StakeholderId);

    public static void Apply(ReviewClosed e, ReviewView view)
    {
        view.Closure = e;
        view.Status = ReviewStatus.Closed;
    }

    /// <summary>Regroups the latest responses per recommendation and sector, and recounts.</summary>
    private static void Collate(ReviewView view)
    {
        var byId = view.Stakeholders.ToDictionary(s => s.StakeholderId);
        var responded = view.Responses.Select(r => r.StakeholderId).ToHashSet();

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
