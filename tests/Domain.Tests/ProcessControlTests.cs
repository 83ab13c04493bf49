using GuidanceFlow.Domain.Improvement;

namespace GuidanceFlow.Domain.Tests;

/// <summary>
/// Statistical process control with no database: each chart below is worked by hand in its comment (mean, average
/// moving range, limits = mean ± 2.66 × that range, near-limit lines two thirds of the way out) and checked against
/// what <see cref="ProcessControl"/> draws.
/// </summary>
public class ProcessControlTests
{
    private static readonly DateOnly January2025 = new(2025, 1, 1);

    /// <summary>Monthly points from January 2025.</summary>
    private static List<DataPoint> Monthly(params decimal[] values) =>
        values.Select((v, i) => new DataPoint(January2025.AddMonths(i), v)).ToList();

    private static ControlChart Chart(decimal[] values, Direction direction = Direction.HigherIsBetter, decimal? target = null, params DateOnly[] recalculateFrom) =>
        ProcessControl.Chart(Monthly(values), recalculateFrom, direction, target);

    private static decimal R(decimal d) => Math.Round(d, 4);

    private static int[] Flagged(ControlChart chart, SpecialCauseRules rule) =>
        chart.Points.Select((p, i) => (p, i)).Where(x => x.p.Rules.HasFlag(rule)).Select(x => x.i).ToArray();

    // 10 11 10 11 12 11 10 11 10 11: sum 107, mean 10.7; nine moving ranges of 1, average 1;
    // limits 10.7 ± 2.66 = 13.36 and 8.04; near-limit lines 10.7 ± 1.7733 = 12.4733 and 8.9267.
    private static readonly decimal[] Steady = [10, 11, 10, 11, 12, 11, 10, 11, 10, 11];

    [Fact]
    public void The_mean_and_process_limits_come_from_the_average_moving_range()
    {
        var chart = Chart(Steady);

        var segment = Assert.Single(chart.Segments);
        Assert.Equal(10.7m, segment.Mean);
        Assert.Equal(1m, segment.AverageMovingRange);
        Assert.Equal(13.36m, segment.UpperLimit);
        Assert.Equal(8.04m, segment.LowerLimit);
        Assert.Equal(12.4733m, R(segment.UpperNear));
        Assert.Equal(8.9267m, R(segment.LowerNear));
        Assert.Null(chart.Points[0].MovingRange); // nothing before the first point
        Assert.Equal([1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m], chart.Points.Skip(1).Select(p => p.MovingRange!.Value));
        // The longest run on one side is 3 (11 12 11), the longest rise 3 points (10 11 12): chance alone.
        Assert.All(chart.Points, p => Assert.Equal(SpecialCauseRules.None, p.Rules));
        Assert.All(chart.Points, p => Assert.Equal(Signal.CommonCause, p.Signal));
        Assert.Equal(Variation.CommonCause, chart.Variation);
        Assert.Contains(chart.Notes, n => n.Contains("from 10 points") && n.Contains("provisional"));
    }

    [Theory]
    // Higher is better: a target at or below the lower limit is met every period; above the upper limit, never.
    [InlineData(Direction.HigherIsBetter, "8", Assurance.AlwaysMeets)]
    [InlineData(Direction.HigherIsBetter, "8.04", Assurance.AlwaysMeets)]
    [InlineData(Direction.HigherIsBetter, "9", Assurance.HitAndMiss)]
    [InlineData(Direction.HigherIsBetter, "13.36", Assurance.HitAndMiss)]
    [InlineData(Direction.HigherIsBetter, "14", Assurance.NeverMeets)]
    // Lower is better: the mirror image.
    [InlineData(Direction.LowerIsBetter, "14", Assurance.AlwaysMeets)]
    [InlineData(Direction.LowerIsBetter, "13.36", Assurance.AlwaysMeets)]
    [InlineData(Direction.LowerIsBetter, "9", Assurance.HitAndMiss)]
    [InlineData(Direction.LowerIsBetter, "8.04", Assurance.HitAndMiss)]
    [InlineData(Direction.LowerIsBetter, "8", Assurance.NeverMeets)]
    [InlineData(Direction.Neither, "9", null)]
    [InlineData(Direction.HigherIsBetter, null, null)]
    public void Assurance_compares_the_target_with_the_latest_limits(Direction direction, string? target, Assurance? expected) =>
        Assert.Equal(expected, Chart(Steady, direction, target is null ? null : decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture)).Assurance);

    [Theory]
    // ... 11 then 15: sum 122, mean 11.0909; moving ranges nine 1s and 4, average 1.3; upper limit 11.0909 + 3.458 = 14.5489.
    [InlineData(15, Direction.HigherIsBetter, Variation.ImprovementHigh)]
    [InlineData(15, Direction.LowerIsBetter, Variation.ConcernHigh)]
    [InlineData(15, Direction.Neither, Variation.NeitherHigh)]
    // ... 11 then 6: sum 113, mean 10.2727; moving ranges nine 1s and 5, average 1.4; lower limit 10.2727 − 3.724 = 6.5487.
    [InlineData(6, Direction.HigherIsBetter, Variation.ConcernLow)]
    [InlineData(6, Direction.LowerIsBetter, Variation.ImprovementLow)]
    [InlineData(6, Direction.Neither, Variation.NeitherLow)]
    public void A_point_outside_the_limits_is_a_special_cause_whose_meaning_follows_the_direction(int last, Direction direction, Variation expected)
    {
        var chart = Chart([.. Steady, last], direction);

        var segment = Assert.Single(chart.Segments);
        Assert.Equal(last == 15 ? 14.5489m : 6.5487m, R(last == 15 ? segment.UpperLimit : segment.LowerLimit));
        Assert.Equal([10], Flagged(chart, SpecialCauseRules.OutsideLimits));
        Assert.Equal(last == 15 ? Side.High : Side.Low, chart.Points[^1].Side);
        Assert.Equal(expected, chart.Variation);
        Assert.All(chart.Points.Take(10), p => Assert.Equal(Signal.CommonCause, p.Signal));
    }

    [Fact]
    public void Seven_points_in_a_row_above_the_mean_are_a_shift_and_six_are_not()
    {
        // 8 12 8 12 8 then seven 11s: sum 125, mean 10.4167; moving ranges 4 4 4 4 3 and six 0s = 19 over 11, 1.7273;
        // limits 15.0112 and 5.8221, near lines 13.4797 and 7.3536: nothing near or outside; the 11s are level, no trend.
        var seven = Chart([8, 12, 8, 12, 8, 11, 11, 11, 11, 11, 11, 11]);
        Assert.Equal(10.4167m, R(seven.Segments[0].Mean));
        Assert.Equal(15.0112m, R(seven.Segments[0].UpperLimit));
        Assert.Equal([5, 6, 7, 8, 9, 10, 11], Flagged(seven, SpecialCauseRules.Shift));
        Assert.Equal([SpecialCauseRules.None], seven.Points.Take(5).Select(p => p.Rules).Distinct());
        Assert.Equal([SpecialCauseRules.Shift], seven.Points.Skip(5).Select(p => p.Rules).Distinct());
        Assert.Equal(Variation.ImprovementHigh, seven.Variation);
        Assert.Equal(Variation.ConcernHigh, Chart([8, 12, 8, 12, 8, 11, 11, 11, 11, 11, 11, 11], Direction.LowerIsBetter).Variation);

        // One 11 fewer: sum 114, mean 10.3636; six 11s above it are not enough.
        var six = Chart([8, 12, 8, 12, 8, 11, 11, 11, 11, 11, 11]);
        Assert.Empty(Flagged(six, SpecialCauseRules.Shift));
        Assert.Equal(Variation.CommonCause, six.Variation);
    }

    [Fact]
    public void A_point_on_the_mean_ends_a_run()
    {
        // 12 12 12 10 12 12 12 6 6 6: sum 100, mean exactly 10 — the fourth point is on it, leaving runs of 3 and 3.
        var broken = Chart([12, 12, 12, 10, 12, 12, 12, 6, 6, 6]);
        Assert.Equal(10m, broken.Segments[0].Mean);
        Assert.Empty(Flagged(broken, SpecialCauseRules.Shift));
        Assert.Equal(SpecialCauseRules.None, broken.Points[3].Rules);

        // The same with 13 there: sum 103, mean 10.3, and all seven points are above it.
        var run = Chart([12, 12, 12, 13, 12, 12, 12, 6, 6, 6]);
        Assert.Equal(10.3m, run.Segments[0].Mean);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Flagged(run, SpecialCauseRules.Shift));
    }

    [Fact]
    public void Six_points_each_higher_than_the_last_are_a_trend_and_five_are_not()
    {
        // 10 10 10 8 9 10 11 12 13 10 10: sum 113, mean 10.2727; moving ranges 0 0 2 1 1 1 1 1 3 0 = 10, average 1;
        // limits 12.9327 and 7.6127. The rise 8 9 10 11 12 13 is six points; 13 is also above the upper limit.
        // The first six points (10 10 10 8 9 10) are all below the mean, one short of a shift.
        var rising = Chart([10, 10, 10, 8, 9, 10, 11, 12, 13, 10, 10]);
        Assert.Equal(12.9327m, R(rising.Segments[0].UpperLimit));
        Assert.Equal([3, 4, 5, 6, 7, 8], Flagged(rising, SpecialCauseRules.Trend));
        Assert.Equal([8], Flagged(rising, SpecialCauseRules.OutsideLimits));
        Assert.Empty(Flagged(rising, SpecialCauseRules.Shift));
        Assert.All(rising.Points.Skip(3).Take(6), p => Assert.Equal((Side.High, Signal.Improvement), (p.Side!.Value, p.Signal)));
        Assert.Equal(Variation.CommonCause, rising.Variation); // the latest point is back to chance

        // 10 10 10 8 9 10 11 12 10 10: the rise 8..12 is five points; mean 10, limits 12.3644 and 7.6356.
        var shorter = Chart([10, 10, 10, 8, 9, 10, 11, 12, 10, 10]);
        Assert.All(shorter.Points, p => Assert.Equal(SpecialCauseRules.None, p.Rules));

        // Falling is the mirror image; level points end a trend.
        var falling = Chart([10, 10, 10, 12, 11, 10, 9, 8, 7, 10, 10], Direction.LowerIsBetter);
        Assert.Equal([3, 4, 5, 6, 7, 8], Flagged(falling, SpecialCauseRules.Trend));
        Assert.Equal(Signal.Improvement, falling.Points[5].Signal);
        Assert.Empty(Flagged(Chart([8, 9, 10, 10, 11, 12, 13, 10, 10, 10]), SpecialCauseRules.Trend));
    }

    [Fact]
    public void Two_of_three_points_in_the_outer_third_are_a_special_cause()
    {
        // 10 11 (×5) 10 14 11 14: sum 154, mean exactly 11; moving ranges ten 1s, 4, 3, 3 = 20 over 13;
        // upper limit 11 + 2.66 × 20/13 = 15.0923, near line 11 + 2/3 × 4.0923 = 13.7282. Both 14s are beyond it,
        // within three points: flagged; the 11 between them is not.
        var near = Chart([10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 14, 11, 14]);
        Assert.Equal(11m, near.Segments[0].Mean);
        Assert.Equal(15.0923m, R(near.Segments[0].UpperLimit));
        Assert.Equal(13.7282m, R(near.Segments[0].UpperNear));
        Assert.Equal([11, 13], Flagged(near, SpecialCauseRules.NearLimits));
        Assert.Empty(Flagged(near, SpecialCauseRules.OutsideLimits));
        Assert.Equal(Variation.ImprovementHigh, near.Variation);

        // With another 11 between them the 14s are four points apart: sum 165, mean 11; moving ranges ten 1s, 4, 3, 0, 3 = 20
        // over 14; limits 11 ± 2.66 × 10/7 = 14.8 and 7.2; near line 13.5333. Never two in any three.
        var apart = Chart([10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 14, 11, 11, 14]);
        Assert.Equal((14.8m, 7.2m), (R(apart.Segments[0].UpperLimit), R(apart.Segments[0].LowerLimit)));
        Assert.Empty(Flagged(apart, SpecialCauseRules.NearLimits));
        Assert.Equal(Variation.CommonCause, apart.Variation);
        Assert.DoesNotContain(apart.Notes, n => n.Contains("provisional")); // 15 points
    }

    [Fact]
    public void Limits_recalculated_from_a_chosen_point_describe_the_changed_process()
    {
        // 10 11 10 11 10 11 then 20 21 20 21 20 21 20. As one process: sum 206, mean 15.8462; moving ranges five 1s, 9, six 1s
        // = 20 over 12, 1.6667; limits 20.2795 and 11.4128: the 21s are above, every 10 and 11 below, the last seven a shift.
        decimal[] values = [10, 11, 10, 11, 10, 11, 20, 21, 20, 21, 20, 21, 20];
        var one = Chart(values);
        Assert.Equal(20.2795m, R(one.Segments[0].UpperLimit));
        Assert.Equal([6, 7, 8, 9, 10, 11, 12], Flagged(one, SpecialCauseRules.Shift));
        Assert.Equal([0, 1, 2, 3, 4, 5, 7, 9, 11], Flagged(one, SpecialCauseRules.OutsideLimits));

        // Recalculated from July 2025 (the seventh point): before it mean 10.5, limits 13.16 and 7.84; from it
        // sum 143, mean 20.4286, moving ranges six 1s, limits 23.0886 and 17.7686. Each part is chance alone.
        var two = Chart(values, recalculateFrom: new DateOnly(2025, 7, 1));
        Assert.Equal(2, two.Segments.Count);
        Assert.Equal((0, 5, 10.5m, 13.16m, 7.84m), (two.Segments[0].First, two.Segments[0].Last, two.Segments[0].Mean, two.Segments[0].UpperLimit, two.Segments[0].LowerLimit));
        Assert.Equal((6, 12, 20.4286m, 23.0886m, 17.7686m),
            (two.Segments[1].First, two.Segments[1].Last, R(two.Segments[1].Mean), R(two.Segments[1].UpperLimit), R(two.Segments[1].LowerLimit)));
        Assert.Null(two.Points[6].MovingRange); // the jump is not a moving range of either part
        Assert.Equal(1, two.Points[6].Segment);
        Assert.All(two.Points, p => Assert.Equal(SpecialCauseRules.None, p.Rules));
        Assert.Equal(Variation.CommonCause, two.Variation);
        // A target is judged against the latest limits (17.7686 to 23.0886): 19 lies between them, 17 below the lower.
        Assert.Equal(Assurance.HitAndMiss, Chart(values, Direction.HigherIsBetter, 19m, new DateOnly(2025, 7, 1)).Assurance);
        Assert.Equal(Assurance.AlwaysMeets, Chart(values, Direction.HigherIsBetter, 17m, new DateOnly(2025, 7, 1)).Assurance);
    }

    [Fact]
    public void A_recalculation_that_would_leave_a_part_of_one_point_or_names_no_point_is_not_made_and_says_why()
    {
        decimal[] values = [10, 11, 10, 11, 10, 11, 20];
        var last = Chart(values, recalculateFrom: new DateOnly(2025, 7, 1)); // the last point alone
        Assert.Single(last.Segments);
        Assert.Contains(last.Notes, n => n.Contains("1 Jul 2025") && n.Contains("at least two points"));

        var missing = Chart(values, recalculateFrom: new DateOnly(2025, 3, 15));
        Assert.Single(missing.Segments);
        Assert.Contains(missing.Notes, n => n.Contains("No point for 15 Mar 2025"));

        var tooFew = ProcessControl.Chart(Monthly(10), [], Direction.HigherIsBetter, null);
        Assert.Empty(tooFew.Points);
        Assert.Null(tooFew.Variation);
        Assert.Contains(tooFew.Notes, n => n.Contains("at least two points"));
    }

    [Fact]
    public void Runs_do_not_carry_across_a_recalculation()
    {
        // As one process (sum 163, mean 14.8182) the four 16s and three 20s are seven in a row above the mean: a shift.
        decimal[] values = [10, 10, 10, 16, 16, 16, 16, 20, 20, 20, 9];
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], Flagged(Chart(values), SpecialCauseRules.Shift));
        // Recalculated from August 2025: 10 10 10 16 16 16 16 (sum 94, mean 13.4286) has four above its mean, and
        // 20 20 20 9 (sum 69, mean 17.25) three above its own: two runs, neither a shift.
        var chart = Chart(values, recalculateFrom: new DateOnly(2025, 8, 1));
        Assert.Equal(2, chart.Segments.Count);
        Assert.Empty(Flagged(chart, SpecialCauseRules.Shift));
    }

    [Fact]
    public void A_point_flagged_both_ways_signals_neither()
    {
        // 5 ×6 then 16 15 14 13 12 11 10: sum 121, mean 9.3077. The seven falling points are all above the mean (a shift
        // upwards) and fall seven in a row (a trend downwards): the rules disagree, so neither improvement nor concern.
        var chart = Chart([5, 5, 5, 5, 5, 5, 16, 15, 14, 13, 12, 11, 10]);
        Assert.Equal([6, 7, 8, 9, 10, 11, 12], Flagged(chart, SpecialCauseRules.Shift));
        Assert.Equal([6, 7, 8, 9, 10, 11, 12], Flagged(chart, SpecialCauseRules.Trend));
        Assert.Null(chart.Points[^1].Side);
        Assert.Equal(Signal.Neither, chart.Points[^1].Signal);
        Assert.Equal(Variation.NeitherHigh, chart.Variation); // 10 is above the mean
    }
}
