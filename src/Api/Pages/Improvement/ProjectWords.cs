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

    public static string Status(ProjectStatus s) => s == ProjectStatus.Completed ? "Completed" : "Active";
}
