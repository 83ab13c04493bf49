using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using JasperFx.Events;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Reviews stored before compliance over time was kept: the shared view recovers the record (the grid, each stakeholder's
/// latest answers and the baseline at the window's close) at its next event, so a re-assessment round starts from the truth;
/// benchmarking's copy was always stored in the same shape, so an older document reads the same.
/// </summary>
public sealed class ComplianceRecordTests
{
    private static readonly Guid ReviewId = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ReviewViewProjection _projection = new();

    private ReviewView Fold(ReviewView? view, params IReviewEvent[] events) =>
        events.Aggregate(view, (v, e) => _projection.Evolve(v, ReviewId, new Event<IReviewEvent>(e) { StreamId = ReviewId, Timestamp = At }))!;

    private static StakeholderResponseSubmitted Answer(string stakeholder, params (string Number, Compliance Compliance)[] answers) =>
        new(ReviewId, stakeholder, 1, answers.Select(a => new RecommendationResponse(a.Number, a.Compliance)).ToList(), At);

    [Fact]
    public void A_view_stored_before_compliance_over_time_recovers_its_baseline_at_its_next_event()
    {
        var view = Fold(null,
            new GuidanceReviewOpened(ReviewId, "NG12", GuidanceType.NG, "Suspected cancer", new DateOnly(2025, 1, 1), "Riverside", "amara", "Dr Amara", At),
            new RecommendationGridCreated(ReviewId, [new("1.1.1", "a", []), new("1.1.2", "b", [])]),
            new StakeholdersInvited(ReviewId, [new("tom", "Tom", "t@example.nhs.uk", "Trust", Sector.Secondary, Discipline.Consultant),
                new("priya", "Priya", "p@example.nhs.uk", "Practice", Sector.Primary, Discipline.GP)]),
            new ResponseWindowOpened(ReviewId, At.AddDays(14), At),
            Answer("tom", ("1.1.1", Compliance.Met), ("1.1.2", Compliance.NotMet)),
            Answer("priya", ("1.1.1", Compliance.Met)),
            new ResponseWindowClosed(ReviewId, WindowClosure.ByChair, [], At.AddDays(3)));
        var kept = view.ComplianceOverTime;
        // As an earlier version stored it: no record at all.
        view.ComplianceOverTime = ComplianceOverTime.Empty;

        view = Fold(view, new FinancialImpactMarkedNotNeeded(ReviewId, "No cost", At.AddDays(4)));

        var baseline = Assert.Single(view.ComplianceOverTime.Assessments);
        Assert.Equal((At.AddDays(3), "MN"), (baseline.At, baseline.Codes)); // 1.1.1 met by both; 1.1.2 not met by Tom, the only one to answer
        Assert.Equal(kept.Answers, view.ComplianceOverTime.Answers);
        Assert.Equal(kept.Numbers, view.ComplianceOverTime.Numbers);
    }

    [Fact]
    public void A_benchmark_document_stored_before_rounds_reads_its_answers_and_baseline()
    {
        var json = $$"""
            {"Id":"{{ReviewId}}","Group":"Riverside","Guidance":"NG12","Type":"NG","PublishedOn":"2025-01-01","OpenedAt":"2026-03-02T09:00:00+00:00",
             "Numbers":["1.1.1"],"Answers":{"tom":"P"},"Assessments":[{"At":"2026-03-05T09:00:00+00:00","Numbers":["1.1.1"],"Codes":"P"}]}
            """;
        var stored = System.Text.Json.JsonSerializer.Deserialize<ReviewBenchmark>(json,
            new System.Text.Json.JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } })!;
        Assert.Equal(0, Assert.Single(stored.Assessments).Round);
        var next = ReviewBenchmark.Evolve(stored, new ReassessmentClosed(ReviewId, 1, WindowClosure.ByChair, ["tom"], new DateOnly(2027, 3, 1), At.AddDays(400)))!;
        Assert.Equal([(0, "P"), (1, "P")], next.Assessments.Select(a => (a.Round, a.Codes)));
    }
}
