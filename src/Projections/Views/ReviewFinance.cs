using GuidanceFlow.Domain.Reviews;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Views;

/// <summary>One review's latest financial impact, for the health-economy finance view. Built by the async daemon.</summary>
public sealed class ReviewFinance
{
    public Guid Id { get; set; }
    public string GuidanceId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Group { get; set; } = "";
    public ReviewStatus Status { get; set; }
    public bool Assessed { get; set; }
    public FinancialImpactAssessed? Impact { get; set; }
    public DecisionOutcome? Outcome { get; set; }
}

public sealed class FinanceProjection : SingleStreamProjection<ReviewFinance, Guid>
{
    public static ReviewFinance Create(GuidanceReviewOpened e) =>
        new() { Id = e.ReviewId, GuidanceId = e.GuidanceId, Title = e.Title, Group = e.Group, Status = ReviewStatus.Opened };

    public static void Apply(FinancialImpactAssessed e, ReviewFinance f)
    {
        f.Impact = e;
        f.Assessed = true;
        f.Status = ReviewStatus.FinanciallyAssessed;
    }

    public static void Apply(FinancialImpactMarkedNotNeeded e, ReviewFinance f)
    {
        f.Impact = null;
        f.Assessed = false;
        f.Status = ReviewStatus.FinanciallyAssessed;
    }

    public static void Apply(DecisionRecorded e, ReviewFinance f)
    {
        f.Outcome = e.Outcome;
        f.Status = ReviewStatus.Decided;
    }

    public static void Apply(ReviewClosed e, ReviewFinance f) => f.Status = ReviewStatus.Closed;
}
