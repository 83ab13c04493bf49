using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Views;

/// <summary>One review's latest financial impact, for the health-economy finance view. Built by the async daemon.</summary>
public sealed class ReviewFinance : ReviewStanding
{
    public Guid Id { get; set; }
    public string GuidanceId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Group { get; set; } = "";
    public bool Assessed { get; set; }
    public FinancialImpactAssessed? Impact { get; set; }
    public DecisionOutcome? Outcome { get; set; }
}

public sealed class FinanceProjection : SingleStreamProjection<ReviewFinance, Guid>
{
    public override ReviewFinance? Evolve(ReviewFinance? finance, Guid id, IEvent e) => ReviewStanding.Fold(finance, e, Opened, Keep);

    private static ReviewFinance Opened(GuidanceReviewOpened e) =>
        new() { Id = e.ReviewId, GuidanceId = e.GuidanceId, Title = e.Title, Group = e.Group };

    private static void Keep(ReviewFinance f, IReviewEvent e)
    {
        switch (e)
        {
            case FinancialImpactAssessed assessed:
                (f.Impact, f.Assessed) = (assessed, true);
                break;
            case FinancialImpactMarkedNotNeeded:
                (f.Impact, f.Assessed) = (null, false);
                break;
            case DecisionRecorded decided:
                f.Outcome = decided.Outcome;
                break;
            case DecisionAmended amended:
                f.Outcome = amended.Outcome;
                break;
        }
    }
}
