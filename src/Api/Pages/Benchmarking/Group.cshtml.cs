using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Workflows.Benchmarking;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Benchmarking;

/// <summary>A group's "how we compare": each measure beside its system, networks, region and England, and by quarter.</summary>
public sealed class GroupModel : BenchmarkPage
{
    [BindProperty(SupportsGet = true)] public string Group { get; set; } = "";

    public GroupDashboard Dashboard { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(string table) => await LoadAsync() ?? Download(BenchmarkTables.Of(Dashboard), table, FileName);

    public async Task<IActionResult> OnGetXlsxAsync() => await LoadAsync() ?? Download(BenchmarkTables.Of(Dashboard), null, FileName);

    private string FileName => "benchmarks-" + new string(Group.Where(char.IsLetterOrDigit).Take(40).ToArray()).ToLowerInvariant();

    private async Task<IActionResult?> LoadAsync()
    {
        var (denied, dashboard) = await Benchmarks.GroupAsync(Group, QuarterCount, Ct);
        if (denied != BenchmarkDenial.None) return Denied(denied, $"No implementation group named {Group} that you can see.", BenchmarkRules.NotYours);
        Dashboard = dashboard!;
        return null;
    }

    public static IReadOnlyList<ChartBar> Bars(MeasureComparison m) => m.Levels
        .Select(l => new ChartBar(BenchmarkWords.Level(l.Kind, l.Name), l.Value, l.Suppressed ? "Not shown: fewer than 3 groups" : "No figure", l.Kind == LevelKind.Group))
        .ToList();

    public static string Describe(MeasureComparison m) => string.Join("; ", m.Levels.Select(l =>
        $"{BenchmarkWords.Level(l.Kind, l.Name)}: {(l.Value is { } v ? BenchmarkWords.Value(m.Unit, v) : l.Suppressed ? "not shown" : "no figure")}")) + ".";

    /// <summary>The lines over quarters: the group, then each wider level shown at least once.</summary>
    public static IReadOnlyList<ChartSeries> Series(MeasureComparison m, IReadOnlyList<LevelRef> levels) => levels
        .Select(l => new ChartSeries(BenchmarkWords.Level(l.Kind, l.Name),
            m.OverTime.Select(q => q.Levels.Single(x => x.Kind == l.Kind && x.Code == l.Code).Value).ToList(), l.Kind == LevelKind.Group))
        .Where(s => s.You || s.Values.Any(v => v is not null))
        .ToList();

    public static string DescribeOverTime(MeasureComparison m, IReadOnlyList<ChartSeries> series) =>
        series.Count == 0 || series.All(s => s.Values.All(v => v is null)) ? "No figures in these quarters."
            : string.Join(" ", series.Select(s => $"{s.Name}: " + string.Join(", ",
                s.Values.Select((v, i) => $"{m.OverTime[i].Quarter} {(v is { } x ? BenchmarkWords.Value(m.Unit, x) : "none")}")) + "."));
}
