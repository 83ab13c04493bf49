using System.Globalization;

namespace GuidanceFlow.Domain.Improvement;

/// <summary>What a control chart's icons say, in words: one wording for the pages, the downloads and what is shared with the library.</summary>
public static class ProcessControlWords
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Variation(Variation? v) => v switch
    {
        Improvement.Variation.CommonCause => "Common cause: no sign of change",
        Improvement.Variation.ImprovementHigh => "Special cause: improvement (higher)",
        Improvement.Variation.ImprovementLow => "Special cause: improvement (lower)",
        Improvement.Variation.ConcernHigh => "Special cause: concern (higher)",
        Improvement.Variation.ConcernLow => "Special cause: concern (lower)",
        Improvement.Variation.NeitherHigh => "Special cause: higher, neither better nor worse",
        Improvement.Variation.NeitherLow => "Special cause: lower, neither better nor worse",
        _ => "Not enough data yet",
    };

    public static string Assurance(Assurance? a) => a switch
    {
        Improvement.Assurance.AlwaysMeets => "The process meets the target every time",
        Improvement.Assurance.NeverMeets => "The process will not meet the target without changing",
        Improvement.Assurance.HitAndMiss => "The process meets the target by chance: hit and miss",
        _ => "No target to assess",
    };

    public static string Direction(Domain.Direction d) => d switch
    {
        Domain.Direction.HigherIsBetter => "Higher is better",
        Domain.Direction.LowerIsBetter => "Lower is better",
        _ => "Neither higher nor lower is better",
    };

    public static string Number(decimal v) => v.ToString("0.###", EnGb);

    public static string Period(DateOnly d) => d.ToString("d MMM yyyy", EnGb);

    /// <summary>A chart described in words: its span, latest lines, target, the variation and how many points signal.</summary>
    public static string Describe(ControlChart chart, decimal? target)
    {
        if (chart.Points.Count == 0) return "No data yet.";
        var last = chart.Segments[^1];
        return $"{chart.Points.Count} points from {Period(chart.Points[0].Period)} to {Period(chart.Points[^1].Period)}. " +
               $"Latest mean {Number(last.Mean)}, process limits {Number(last.LowerLimit)} to {Number(last.UpperLimit)}" +
               $"{(target is { } t ? $", target {Number(t)}" : "")}. {Variation(chart.Variation)}. " +
               $"{chart.Points.Count(x => x.Signal != Signal.CommonCause)} points show special cause variation.";
    }
}
