namespace GuidanceFlow.Domain.Improvement;

/// <summary>One value of a measure for one period (the day, or the first day of the week or month it covers).</summary>
public sealed record DataPoint(DateOnly Period, decimal Value);

/// <summary>The rules that say a point is unlikely to be chance alone (special cause variation).</summary>
[Flags]
public enum SpecialCauseRules
{
    None = 0,
    /// <summary>The point is above the upper or below the lower process limit.</summary>
    OutsideLimits = 1,
    /// <summary>The point is one of 7 or more in a row on the same side of the mean.</summary>
    Shift = 2,
    /// <summary>The point is one of 6 or more in a row each higher (or each lower) than the one before.</summary>
    Trend = 4,
    /// <summary>The point is one of 2 of 3 in a row in the outer third between the mean and a limit (or beyond it), on the same side.</summary>
    NearLimits = 8,
}

/// <summary>Which way a special cause points: up (high) or down (low).</summary>
public enum Side { High, Low }

/// <summary>
/// What a special cause means for the measure: better, worse, or neither when the measure has no direction
/// of improvement (or its rules point both ways at once).
/// </summary>
public enum Signal { CommonCause, Improvement, Concern, Neither }

/// <summary>The variation icon, read from the latest point ("Making Data Count").</summary>
public enum Variation { CommonCause, ImprovementHigh, ImprovementLow, ConcernHigh, ConcernLow, NeitherHigh, NeitherLow }

/// <summary>The assurance icon: will the process as it runs now meet the target?</summary>
public enum Assurance
{
    /// <summary>The target lies outside the limits on the passing side: every point the process gives meets it.</summary>
    AlwaysMeets,
    /// <summary>The target lies outside the limits on the failing side: the process will not meet it without changing.</summary>
    NeverMeets,
    /// <summary>The target lies between the limits: the process meets it by chance, some periods and not others.</summary>
    HitAndMiss,
}

/// <summary>A run of points whose mean and limits are worked out together (from the start, or from a chosen point on).</summary>
public sealed record ProcessSegment(int First, int Last, decimal Mean, decimal AverageMovingRange, decimal UpperLimit, decimal LowerLimit)
{
    /// <summary>The line between the inner two thirds and the outer third, above the mean.</summary>
    public decimal UpperNear => Mean + (UpperLimit - Mean) * 2 / 3;
    public decimal LowerNear => Mean - (Mean - LowerLimit) * 2 / 3;
    public int Count => Last - First + 1;
}

/// <summary>One plotted point of an XmR chart: its value, the moving range to it, its segment's lines and what the rules say of it.</summary>
public sealed record ControlPoint(
    DateOnly Period, decimal Value, decimal? MovingRange, int Segment, decimal Mean, decimal UpperLimit, decimal LowerLimit,
    SpecialCauseRules Rules, Side? Side, Signal Signal);

/// <summary>An XmR (individuals and moving range) chart of one measure, with its icons.</summary>
public sealed record ControlChart(
    IReadOnlyList<ControlPoint> Points, IReadOnlyList<ProcessSegment> Segments, Variation? Variation, Assurance? Assurance,
    IReadOnlyList<string> Notes);

/// <summary>
/// Statistical process control as the NHS's "Making Data Count" uses it, with no I/O: an XmR chart's mean and
/// process limits (the mean ± 2.66 × the average moving range), recalculated from chosen points when the process
/// has changed, the four special-cause rules, and the variation and assurance icons.
/// </summary>
/// <remarks>
/// Choices where the sources leave room, so that every reader of a chart gets the same answer:
/// <list type="bullet">
/// <item>Each segment's lines come from its own points only; the first point of a segment has no moving range, and runs
/// (shifts, trends, 2 of 3) do not carry across a recalculation.</item>
/// <item>A point exactly on the mean ends a run on one side; two equal points in a row end a trend.</item>
/// <item>Near a limit means beyond two thirds of the way from the mean to it (two sigma, where the limit is three), on the
/// same side; a point beyond the limit is near it too.</item>
/// <item>A point that rules flag both high and low (a falling trend above the mean in a shift upwards) signals neither.</item>
/// <item>The assurance icon reads the latest segment's limits; a point equal to the target meets it.</item>
/// </list>
/// </remarks>
public static class ProcessControl
{
    /// <summary>3 ÷ 1.128: three sigma from the average moving range of consecutive pairs.</summary>
    public const decimal LimitFactor = 2.66m;
    public const int ShiftLength = 7;
    public const int TrendLength = 6;
    /// <summary>Limits from fewer points than this are shown as provisional.</summary>
    public const int ReliablePoints = 15;

    /// <summary>
    /// The chart of <paramref name="points"/> (ordered by period, one per period), with limits recalculated from each
    /// period in <paramref name="recalculateFrom"/> that leaves at least two points on each side of it.
    /// </summary>
    public static ControlChart Chart(IReadOnlyList<DataPoint> points, IEnumerable<DateOnly> recalculateFrom, Direction direction, decimal? target)
    {
        var notes = new List<string>();
        if (points.Count < 2)
            return new([], [], null, null, ["A chart needs at least two points: limits come from the differences between consecutive points."]);

        var segments = Segments(points, recalculateFrom, notes);
        var rules = new SpecialCauseRules[points.Count];
        var highs = new bool[points.Count];
        var lows = new bool[points.Count];
        void Flag(int i, SpecialCauseRules rule, Side side)
        {
            rules[i] |= rule;
            if (side == Side.High) highs[i] = true; else lows[i] = true;
        }

        foreach (var s in segments)
        {
            for (var i = s.First; i <= s.Last; i++)
            {
                if (points[i].Value > s.UpperLimit) Flag(i, SpecialCauseRules.OutsideLimits, Side.High);
                else if (points[i].Value < s.LowerLimit) Flag(i, SpecialCauseRules.OutsideLimits, Side.Low);
            }
            // Shifts: runs strictly on one side of the mean.
            Runs(s, i => Math.Sign(points[i].Value - s.Mean), ShiftLength,
                (i, sign) => Flag(i, SpecialCauseRules.Shift, sign > 0 ? Side.High : Side.Low));
            // Trends: each point above (or below) the one before; the first point of a rising run counts as part of it.
            Runs(s, i => i == s.First ? 0 : Math.Sign(points[i].Value - points[i - 1].Value), TrendLength - 1,
                (i, sign) =>
                {
                    Flag(i, SpecialCauseRules.Trend, sign > 0 ? Side.High : Side.Low);
                    Flag(i - 1, SpecialCauseRules.Trend, sign > 0 ? Side.High : Side.Low);
                });
            // Two of three in a row in the outer third, on the same side.
            for (var i = s.First; i + 2 <= s.Last; i++)
            {
                foreach (var side in new[] { Side.High, Side.Low })
                {
                    var near = Enumerable.Range(i, 3)
                        .Where(j => side == Side.High ? points[j].Value > s.UpperNear : points[j].Value < s.LowerNear).ToList();
                    if (near.Count >= 2) near.ForEach(j => Flag(j, SpecialCauseRules.NearLimits, side));
                }
            }
        }

        var charted = new List<ControlPoint>(points.Count);
        for (var n = 0; n < segments.Count; n++)
        {
            var s = segments[n];
            for (var i = s.First; i <= s.Last; i++)
            {
                Side? side = highs[i] == lows[i] ? null : highs[i] ? Side.High : Side.Low;
                var signal = rules[i] == SpecialCauseRules.None ? Signal.CommonCause : SignalOf(side, direction);
                charted.Add(new(points[i].Period, points[i].Value, i == s.First ? null : Math.Abs(points[i].Value - points[i - 1].Value),
                    n, s.Mean, s.UpperLimit, s.LowerLimit, rules[i], side, signal));
            }
        }

        var latest = segments[^1];
        if (latest.Count < ReliablePoints)
            notes.Add($"The limits come from {latest.Count} points: they are provisional until there are {ReliablePoints} or more.");
        var assurance = AssuranceOf(latest, direction, target);
        if (target is not null && direction == Direction.Neither)
            notes.Add("The measure has no direction of improvement, so whether it meets its target is not assessed.");
        return new(charted, segments, VariationOf(charted[^1], direction), assurance, notes);
    }

    /// <summary>The icon for the latest point: common cause, or a special cause that is an improvement, a concern or neither.</summary>
    public static Variation VariationOf(ControlPoint latest, Direction direction) => (latest.Signal, latest.Side) switch
    {
        (Signal.CommonCause, _) => Variation.CommonCause,
        (Signal.Improvement, Side.High) => Variation.ImprovementHigh,
        (Signal.Improvement, _) => Variation.ImprovementLow,
        (Signal.Concern, Side.High) => Variation.ConcernHigh,
        (Signal.Concern, _) => Variation.ConcernLow,
        // Flagged both ways at once: which way it went is taken from the value against the mean.
        (_, null) => latest.Value >= latest.Mean ? Variation.NeitherHigh : Variation.NeitherLow,
        (_, Side.High) => Variation.NeitherHigh,
        _ => Variation.NeitherLow,
    };

    public static Assurance? AssuranceOf(ProcessSegment latest, Direction direction, decimal? target) => (direction, target) switch
    {
        (_, null) or (Direction.Neither, _) => null,
        (Direction.HigherIsBetter, { } t) => t <= latest.LowerLimit ? Assurance.AlwaysMeets : t > latest.UpperLimit ? Assurance.NeverMeets : Assurance.HitAndMiss,
        (_, { } t) => t >= latest.UpperLimit ? Assurance.AlwaysMeets : t < latest.LowerLimit ? Assurance.NeverMeets : Assurance.HitAndMiss,
    };

    private static Signal SignalOf(Side? side, Direction direction) => (side, direction) switch
    {
        (null, _) or (_, Direction.Neither) => Signal.Neither,
        (Side.High, Direction.HigherIsBetter) or (Side.Low, Direction.LowerIsBetter) => Signal.Improvement,
        _ => Signal.Concern,
    };

    /// <summary>
    /// Why limits cannot be recalculated from each of <paramref name="recalculateFrom"/> (no point for that period, or a
    /// part of the chart that would have fewer than two points), in the words a chart's notes and a refused command use.
    /// </summary>
    public static IReadOnlyList<string> RecalculationProblems(IReadOnlyList<DataPoint> points, IEnumerable<DateOnly> recalculateFrom)
    {
        var problems = new List<string>();
        Starts(points, recalculateFrom, problems);
        return problems;
    }

    private static List<int> Starts(IReadOnlyList<DataPoint> points, IEnumerable<DateOnly> recalculateFrom, List<string> problems)
    {
        var starts = new List<int> { 0 };
        foreach (var from in recalculateFrom.Distinct().Order())
        {
            var at = IndexOf(points, from);
            if (at is null)
                problems.Add($"No point for {from:d MMM yyyy}: limits are not recalculated there.");
            else if (at.Value - starts[^1] < 2 || points.Count - at.Value < 2)
                problems.Add($"Limits are not recalculated from {from:d MMM yyyy}: each part of the chart needs at least two points.");
            else
                starts.Add(at.Value);
        }
        return starts;
    }

    /// <summary>Each segment's mean, average moving range and limits, from the chosen recalculation points that leave two points each side.</summary>
    private static List<ProcessSegment> Segments(IReadOnlyList<DataPoint> points, IEnumerable<DateOnly> recalculateFrom, List<string> notes)
    {
        var starts = Starts(points, recalculateFrom, notes);
        var segments = new List<ProcessSegment>(starts.Count);
        for (var n = 0; n < starts.Count; n++)
        {
            var (first, last) = (starts[n], n + 1 < starts.Count ? starts[n + 1] - 1 : points.Count - 1);
            var values = Enumerable.Range(first, last - first + 1).Select(i => points[i].Value).ToList();
            var mean = values.Sum() / values.Count;
            var ranges = values.Zip(values.Skip(1), (a, b) => Math.Abs(b - a)).ToList();
            var averageRange = ranges.Sum() / ranges.Count;
            segments.Add(new(first, last, mean, averageRange, mean + LimitFactor * averageRange, mean - LimitFactor * averageRange));
        }
        return segments;
    }

    private static int? IndexOf(IReadOnlyList<DataPoint> points, DateOnly period)
    {
        for (var i = 0; i < points.Count; i++)
            if (points[i].Period == period) return i;
        return null;
    }

    /// <summary>Calls <paramref name="flag"/> for every point of each run of at least <paramref name="length"/> equal non-zero signs.</summary>
    private static void Runs(ProcessSegment s, Func<int, int> signOf, int length, Action<int, int> flag)
    {
        var start = s.First;
        for (var i = s.First; i <= s.Last + 1; i++)
        {
            if (i <= s.Last && signOf(i) != 0 && signOf(i) == signOf(start)) continue;
            var sign = signOf(start);
            if (sign != 0 && i - start >= length)
                for (var j = start; j < i; j++) flag(j, sign);
            start = i;
        }
    }
}
