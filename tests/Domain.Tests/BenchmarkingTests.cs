using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Tests;

/// <summary>Benchmarking's rules with no database, each against figures worked out by hand.</summary>
public class BenchmarkingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("nadia.khan", "Nadia Khan", "North network", "NetworkAdmin");
    private static readonly Actor Outsider = new("margaret.ellis", "Margaret Ellis", "Patient panel", "Reader");

    [Theory]
    [InlineData("MMM", Compliance.Met)]
    [InlineData("NNA", Compliance.NotMet)]
    [InlineData("MN", Compliance.PartiallyMet)]
    [InlineData("MMP", Compliance.PartiallyMet)]
    [InlineData("MA", Compliance.Met)]
    [InlineData("AA", Compliance.NotApplicable)]
    [InlineData("", null)]
    public void A_health_economy_meets_a_recommendation_only_where_every_organisation_it_applies_to_does(string answers, Compliance? expected) =>
        Assert.Equal(expected, GroupCompliance.Of(answers.Select(c => GroupCompliance.FromLetter(c)!.Value)));

    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-000000001701");
    private static readonly DateOnly Published = new(2026, 4, 10); // a technology appraisal, funded within 90 days: by 9 July

    private static ReviewBenchmark Fold(params IReviewEvent[] events) => events.Aggregate((ReviewBenchmark?)null, ReviewBenchmark.Evolve)!;

    private static IReviewEvent[] DecidedAppraisal(DateTimeOffset decidedAt) =>
    [
        new GuidanceReviewOpened(Id, "ta900", GuidanceType.TA, "A medicine", Published, "Riverside", "amara", "Amara", new(2026, 4, 20, 9, 0, 0, TimeSpan.Zero)),
        new RecommendationGridCreated(Id, [new("1.1", "Offer it", []), new("1.2", "Monitor it", []), new("1.3", "Record it", [])]),
        // The acute trust meets 1.1 and 1.2, not 1.3; the practice meets 1.1, finds 1.2 not applicable, partly meets 1.3.
        new StakeholderResponseSubmitted(Id, "acute", 1, [Given.Answer("1.1"), Given.Answer("1.2"), Given.Answer("1.3", Compliance.NotMet)], Now),
        new StakeholderResponseSubmitted(Id, "practice", 1,
            [Given.Answer("1.1"), Given.Answer("1.2", Compliance.NotApplicable), Given.Answer("1.3", Compliance.PartiallyMet)], Now),
        new ResponseWindowClosed(Id, WindowClosure.AtDeadline, [], new(2026, 5, 20, 16, 0, 0, TimeSpan.Zero)),
        new FinancialImpactAssessed(Id, 250_000, [], [], [new YearFigures(1, OneOffCost: 30_000, RecurrentCost: 20_000), new YearFigures(2, RecurrentCost: 20_000,
            RecurrentSaving: 5_000)], 0, 0, false, [], new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)),
        new DecisionRecorded(Id, DecisionOutcome.Implement, "Because", null, [], new DateOnly(2027, 6, 1), decidedAt),
    ];

    [Fact]
    public void A_review_yields_the_groups_compliance_at_the_baseline_its_days_from_publication_and_its_cost_per_hundred_thousand()
    {
        var review = Fold(DecidedAppraisal(new(2026, 7, 9, 22, 30, 0, TimeSpan.Zero))); // 23:30 UK time on 9 July: still day 90
        Assert.Equal("TA900", review.Guidance);
        var baseline = Assert.Single(review.Assessments);
        Assert.Equal("MMP", baseline.Codes); // 1.1 both met; 1.2 met where it applies; 1.3 not met and partly met
        Assert.Equal(new ComplianceCount(2, 1, 0, 0), baseline.Count());
        Assert.Equal(40, review.DaysToResponsesClosed); // 10 April to 20 May
        Assert.Equal(90, review.DaysToDecision);
        Assert.True(review.DecidedWithinFunding);
        // Net 30,000 + 20,000 + 20,000 − 5,000 = 65,000 for 250,000 people: 26,000 per 100,000.
        Assert.Equal(26_000m, review.NetCostPer100k);

        var late = Fold(DecidedAppraisal(new(2026, 7, 9, 23, 30, 0, TimeSpan.Zero))); // 00:30 on 10 July in the UK: day 91
        Assert.False(late.DecidedWithinFunding);
    }

    [Fact]
    public void Answers_follow_a_renumbered_recommendation_and_one_to_a_reworded_recommendation_is_set_aside()
    {
        var events = DecidedAppraisal(Now).Take(4).Append(new GuidanceUpdateApplied(Id, 1, 2,
            [new("1.1", "Offer it", []), new("1.2", "Monitor it closely", []), new("1.4", "Record it", [])],
            [new(Catalogue.RecommendationChangeKind.TextChanged, "1.2"), new(Catalogue.RecommendationChangeKind.Renumbered, "1.4", "1.3")], Now))
            .Append(new ResponseWindowClosed(Id, WindowClosure.ByChair, [], Now));
        var baseline = Assert.Single(Fold([.. events]).Assessments);
        Assert.Equal(["1.1", "1.2", "1.4"], baseline.Numbers);
        Assert.Equal("M-P", baseline.Codes);
    }

    [Theory]
    [InlineData("2026-04-01", "2026/27 Q1")]
    [InlineData("2026-06-30", "2026/27 Q1")]
    [InlineData("2026-12-03", "2026/27 Q3")]
    [InlineData("2027-03-31", "2026/27 Q4")]
    [InlineData("2027-01-01", "2026/27 Q4")]
    public void Quarters_are_the_NHS_financial_years(string date, string expected)
    {
        var quarter = FinancialQuarter.Of(DateOnly.Parse(date));
        Assert.Equal(expected, quarter.ToString());
        Assert.True(FinancialQuarter.TryParse(expected, out var parsed));
        Assert.Equal(quarter, parsed);
        Assert.True(quarter.Starts <= DateOnly.Parse(date));
    }

    [Fact]
    public void Quarters_count_back_across_the_year_end_and_nonsense_is_not_a_quarter()
    {
        Assert.Equal(["2025/26 Q3", "2025/26 Q4", "2026/27 Q1"], new FinancialQuarter(20261).Last(3).Select(q => q.ToString()));
        Assert.False(FinancialQuarter.TryParse("2026/28 Q1", out _));
        Assert.False(FinancialQuarter.TryParse("2026/27 Q5", out _));
        Assert.False(FinancialQuarter.TryParse("20261", out _));
    }

    [Fact]
    public void A_review_counts_each_fact_in_the_quarter_it_fell_and_measures_are_worked_out_from_the_sums()
    {
        var review = Fold(DecidedAppraisal(new(2026, 7, 9, 12, 0, 0, TimeSpan.Zero)));
        var tallies = BenchmarkTally.Of(review);
        var q1 = tallies[new FinancialQuarter(20261)]; // closed in May, costed in June
        var q2 = tallies[new FinancialQuarter(20262)]; // decided in July
        Assert.Equal((1, 40, 2, 1), (q1.Closed, q1.ClosedDays, q1.Met, q1.PartiallyMet));
        Assert.Equal((1, 26_000m), (q1.Costed, q1.Cost));
        Assert.Equal((1, 90, 1, 1, 1), (q2.Decided, q2.DecidedDays, q2.Implement, q2.TaDecided, q2.TaInTime));

        // Two groups' quarters added: 2 + 1 met of 3 + 3 applicable = 0.5; days (40 + 60) / 2 = 50.
        var other = new BenchmarkTally(Closed: 1, ClosedDays: 60, Met: 1, PartiallyMet: 1, NotMet: 1, NotApplicable: 4);
        var both = q1.Plus(other);
        Assert.Equal(0.5m, Measures.Value(Measure.ShareMet, both));
        Assert.Equal(50m, Measures.Value(Measure.DaysToResponsesClosed, both));
        Assert.Null(Measures.Value(Measure.DaysToTriage, both));
        Assert.Equal(1m, Measures.Value(Measure.TaDecidedInTime, q2));
    }

    private static IReadOnlySet<string> Set(params string[] groups) => groups.ToHashSet();

    [Fact]
    public void An_aggregate_of_fewer_than_three_groups_is_not_shown()
    {
        Assert.Equal([false, true], Suppression.Shown([Set("a", "b"), Set("a", "b", "c")]));
    }

    [Fact]
    public void A_narrower_aggregate_one_or_two_groups_short_of_a_wider_one_is_not_shown_since_their_difference_would_give_groups_away()
    {
        // System of 3 inside a region of 4: region minus system is one group's figures. The region (wider) is kept.
        Assert.Equal([false, true], Suppression.Shown([Set("a", "b", "c"), Set("a", "b", "c", "d")]));
        // Three short: the difference is itself an aggregate of three, so both are shown.
        Assert.Equal([true, true], Suppression.Shown([Set("a", "b", "c"), Set("a", "b", "c", "d", "e", "f")]));
        // The same groups at two levels give nothing away.
        Assert.Equal([true, true], Suppression.Shown([Set("a", "b", "c"), Set("a", "b", "c")]));
        // Sets that are not nested are not compared.
        Assert.Equal([true, true], Suppression.Shown([Set("a", "b", "c"), Set("c", "d", "e", "f")]));
    }

    [Fact]
    public void A_comparison_shows_each_level_over_its_groups_with_data_and_withholds_only_what_there_is_to_withhold()
    {
        var s = Seeded();
        var levels = BenchmarkLevel.Around("Riverside", s);
        GroupPlace Place(string g, string system) => new(g, system, "Y63", []);
        var days = new[] { ("Riverside", 100), ("b", 60), ("c", 120), ("d", 80) };
        var counted = days.Select(d => new Counted(d.Item1, d.Item1 == "Riverside" ? s.PlaceOf("Riverside") : Place(d.Item1, "QZZ"),
            new BenchmarkTally(Decided: 1, DecidedDays: d.Item2))).Append(new Counted("no decisions", Place("no decisions", "QAA"), BenchmarkTally.Zero)).ToList();
        var figures = Comparisons.Compare(levels, counted, t => t.Decided > 0, t => Measures.Value(Measure.DaysToDecision, t));
        // Riverside alone in its system and network (with data): withheld; its region of four and England of four: (100+60+120+80)/4 = 90.
        Assert.Equal([(1, 100m, false), (1, null, true), (1, null, true), (4, 90m, false), (4, 90m, false)],
            figures.Select(f => (f.Groups, f.Figure, f.Suppressed)));
        var none = Comparisons.Compare(levels, counted, t => t.Triaged > 0, t => Measures.Value(Measure.DaysToTriage, t));
        Assert.All(none, f => Assert.False(f.Suppressed));
    }

    [Fact]
    public void A_group_stands_by_its_rank_and_quartile_with_the_better_way_of_each_measure_first()
    {
        var days = new Dictionary<string, decimal> { ["a"] = 30, ["b"] = 45, ["c"] = 45, ["d"] = 90, ["e"] = 120, ["f"] = 200, ["g"] = 10, ["h"] = 60 };
        Assert.Equal(new Standing(3, 2, 8), Standings.Of(Measure.DaysToDecision, "b", days)); // 10 and 30 are quicker; tied with c
        Assert.Equal(new Standing(1, 1, 8), Standings.Of(Measure.DaysToDecision, "g", days));
        Assert.Equal(new Standing(8, 4, 8), Standings.Of(Measure.DaysToDecision, "f", days));
        Assert.Equal(new Standing(1, 1, 8), Standings.Of(Measure.ShareMet, "f", days)); // higher is better
        Assert.Null(Standings.Of(Measure.DaysToDecision, "x", days));
        Assert.Null(Standings.Of(Measure.DaysToDecision, "a", new Dictionary<string, decimal> { ["a"] = 1, ["b"] = 2 }));
    }

    private static NhsStructure Apply(NhsStructure? state, Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Rule);
        return decision.Events.Aggregate(state ?? NhsStructure.Empty, NhsStructure.Evolve);
    }

    private static NhsStructure Seeded()
    {
        var config = StructureRules.ConfigurationActor;
        var s = Apply(null, StructureChange.Decide(null, new RecordRegion("y63", "North East and Yorkshire", config), Now));
        s = Apply(s, StructureChange.Decide(s, new RecordSystem("QAA", "Riverside ICB", "Y63", config), Now));
        s = Apply(s, StructureChange.Decide(s, new RecordNetwork("LIN-NEY", "North learning network", "Y63", config), Now));
        s = Apply(s, StructureChange.Decide(s, new AppointNetworkAdmin("LIN-NEY", "nadia.khan", "Nadia Khan", config), Now));
        return Apply(s, StructureChange.Decide(s, new PlaceGroup("Riverside", "qaa", ["lin-ney"], true, config), Now));
    }

    [Fact]
    public void The_configuration_seeds_the_structure_and_a_group_is_placed_in_its_system_region_and_networks()
    {
        var s = Seeded();
        Assert.Equal(new GroupPlace("Riverside", "QAA", "Y63", ["LIN-NEY"]), s.PlaceOf("Riverside"), new PlaceComparer());
        Assert.True(s.IsNetworkAdmin("nadia.khan"));
        Assert.Equal(["Riverside", "QAA", "LIN-NEY", "Y63", "ENG"], BenchmarkLevel.Around("Riverside", s).Select(l => l.Code));
        // Loading the same file again changes nothing.
        Assert.Empty(StructureChange.Decide(s, new RecordSystem("qaa", "Riverside ICB", "y63", StructureRules.ConfigurationActor), Now).Events);
        // A system moved to another region takes its groups.
        s = Apply(s, StructureChange.Decide(s, new RecordRegion("Y56", "London", Admin), Now));
        s = Apply(s, StructureChange.Decide(s, new RecordSystem("QAA", "Riverside ICB", "Y56", Admin), Now));
        Assert.Equal("Y56", s.PlaceOf("Riverside")!.Region);
    }

    private sealed class PlaceComparer : IEqualityComparer<GroupPlace?>
    {
        public bool Equals(GroupPlace? x, GroupPlace? y) =>
            x is not null && y is not null && (x.Group, x.System, x.Region) == (y.Group, y.System, y.Region) && x.Networks.SequenceEqual(y.Networks);
        public int GetHashCode(GroupPlace? obj) => 0;
    }

    [Fact]
    public void Only_network_admins_change_the_structure_and_every_reference_must_exist()
    {
        var s = Seeded();
        StructureChange.Decide(s, new RecordRegion("Y56", "London", Outsider), Now).ShouldBeRefused("network admins", RejectionKind.Forbidden);
        StructureChange.Decide(s, new RecordSystem("QBB", "Eastmoor ICB", "Y99", Admin), Now).ShouldBeRefused("no NHS England region with the code Y99");
        StructureChange.Decide(s, new PlaceGroup("Eastmoor", "QZZ", [], true, Admin), Now).ShouldBeRefused("no integrated care system with the code QZZ");
        StructureChange.Decide(s, new PlaceGroup("Eastmoor", "QAA", ["NOPE"], true, Admin), Now).ShouldBeRefused("no learning and improvement network");
        StructureChange.Decide(s, new PlaceGroup("Nowhere", "QAA", [], false, Admin), Now).ShouldBeRefused("No implementation group", RejectionKind.NotFound);
        StructureChange.Decide(s, new RecordRegion("a b", "Spaces", Admin), Now).ShouldBeRefused("code");
        StructureChange.Decide(s, new RecordRegion("Y57", " ", Admin), Now).ShouldBeRefused("name");
    }

    [Fact]
    public void The_last_network_admin_stays_until_another_is_appointed()
    {
        var s = Seeded();
        StructureChange.Decide(s, new RemoveNetworkAdmin("LIN-NEY", "nadia.khan", Admin), Now).ShouldBeRefused("at least one network admin");
        s = Apply(s, StructureChange.Decide(s, new AppointNetworkAdmin("LIN-NEY", "owen.price", "Owen Price", Admin), Now));
        s = Apply(s, StructureChange.Decide(s, new RemoveNetworkAdmin("LIN-NEY", "nadia.khan", Admin), Now));
        Assert.False(s.IsNetworkAdmin("nadia.khan"));
    }

    [Fact]
    public void The_structure_fold_names_every_event()
    {
        var events = typeof(IStructureEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(IStructureEvent).IsAssignableFrom(t));
        foreach (var type in events)
        {
            var instance = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
            var thrown = Record.Exception(() => NhsStructure.Evolve(Seeded(), instance));
            Assert.False(thrown is InvalidOperationException, $"{type.Name}: {thrown?.Message}");
        }
    }
}
