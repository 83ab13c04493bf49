using GuidanceFlow.Domain.Improvement;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>What the shared chart partial draws: one measure's chart, its element ids from <paramref name="Id"/>.</summary>
public sealed record XmrChartView(string Id, string Name, decimal? Target, ControlChart Chart);

/// <summary>What the charts' icons and signals say, in words (pages and downloads alike).</summary>
public static class ProjectWords
{
    public static string Variation(Variation? v) => ProcessControlWords.Variation(v);

    public static string Assurance(Assurance? a) => ProcessControlWords.Assurance(a);

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

    public static string Direction(Domain.Direction d) => ProcessControlWords.Direction(d);

    public static string Number(decimal v) => ProcessControlWords.Number(v);

    public static string Period(DateOnly d) => ProcessControlWords.Period(d);

    /// <summary>A measure's chart described in words: its span, latest lines, target, the variation and how many points signal.</summary>
    public static string ChartDescription(ProjectMeasure m, ControlChart chart) => ProcessControlWords.Describe(chart, m.Definition.Target);

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
