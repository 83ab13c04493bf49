using System.Globalization;
using GuidanceFlow.Domain.Improvement;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>What the charts' icons and signals say, in words (pages and downloads alike).</summary>
public static class ProjectWords
{
    public static string Variation(Variation? v) => v switch
    {
        Domain.Improvement.Variation.CommonCause => "Common cause: no sign of change",
        Domain.Improvement.Variation.ImprovementHigh => "Special cause: improvement (higher)",
        Domain.Improvement.Variation.ImprovementLow => "Special cause: improvement (lower)",
        Domain.Improvement.Variation.ConcernHigh => "Special cause: concern (higher)",
        Domain.Improvement.Variation.ConcernLow => "Special cause: concern (lower)",
        Domain.Improvement.Variation.NeitherHigh => "Special cause: higher, neither better nor worse",
        Domain.Improvement.Variation.NeitherLow => "Special cause: lower, neither better nor worse",
        _ => "Not enough data yet",
    };

    public static string Assurance(Assurance? a) => a switch
    {
        Domain.Improvement.Assurance.AlwaysMeets => "The process meets the target every time",
        Domain.Improvement.Assurance.NeverMeets => "The process will not meet the target without changing",
        Domain.Improvement.Assurance.HitAndMiss => "The process meets the target by chance: hit and miss",
        _ => "No target to assess",
    };

    public static string Signal(ControlPoint p) => p.Signal switch
    {
        Domain.Improvement.Signal.CommonCause => "Common cause",
        _ => $"{p.Signal switch { Domain.Improvement.Signal.Improvement => "Improvement", Domain.Improvement.Signal.Concern => "Concern", _ => "Special cause" }}: {Rules(p.Rules)}",
    };

    public static string Rules(SpecialCauseRules rules) => string.Join(", ", new[]
    {
        (SpecialCauseRules.OutsideLimits, "outside the limits"), (SpecialCauseRules.Shift, "a run on one side of the mean"),
        (SpecialCauseRules.Trend, "a run rising or falling"), (SpecialCauseRules.NearLimits, "2 of 3 near a limit"),
    }.Where(r => rules.HasFlag(r.Item1)).Select(r => r.Item2));

    public static string Direction(Domain.Direction d) => d switch
    {
        Domain.Direction.HigherIsBetter => "Higher is better",
        Domain.Direction.LowerIsBetter => "Lower is better",
        _ => "Neither higher nor lower is better",
    };

    public static string Number(decimal v) => v.ToString("0.###", CultureInfo.GetCultureInfo("en-GB"));

    public static string Period(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>A measure's chart described in words: its span, latest lines, target, the variation and how many points signal.</summary>
    public static string ChartDescription(ProjectMeasure m, ControlChart chart)
    {
        if (chart.Points.Count == 0) return "No data yet.";
        var last = chart.Segments[^1];
        return $"{chart.Points.Count} points from {Period(chart.Points[0].Period)} to {Period(chart.Points[^1].Period)}. " +
               $"Latest mean {Number(last.Mean)}, process limits {Number(last.LowerLimit)} to {Number(last.UpperLimit)}" +
               $"{(m.Definition.Target is { } target ? $", target {Number(target)}" : "")}. {Variation(chart.Variation)}. " +
               $"{chart.Points.Count(x => x.Signal != Domain.Improvement.Signal.CommonCause)} points show special cause variation.";
    }

    /// <summary>A measure's XmR chart as an SVG file, with the key in its description since there is no page beside it.</summary>
    public static string ChartFile(ProjectMeasure m)
    {
        var chart = m.Chart();
        return Charts.XmrFile($"{m.Definition.Name} ({m.Definition.Unit}): XmR chart",
            ChartDescription(m, chart) + " " + Key, chart, m.Definition.Target, Number);
    }

    public const string SvgContentType = "image/svg+xml";

    public const string Key = "Line: the values in order. Solid: the mean. Dashed: the process limits. Dotted: the target. Grey circle: common cause; " +
                              "blue square: improvement; orange triangle: concern; purple diamond: special cause that is neither.";

    /// <summary>"Started 2 Mar 2026, ended 30 Mar 2026", or either alone.</summary>
    public static string CycleDates(PdsaNotes n)
    {
        var text = string.Join(", ", new[] { n.StartedOn is { } s ? $"started {Period(s)}" : null, n.EndedOn is { } e ? $"ended {Period(e)}" : null }.OfType<string>());
        return text.Length == 0 ? "" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string Status(ProjectStatus s) => s == ProjectStatus.Completed ? "Completed" : "Active";
}
