using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Workflows.Benchmarking;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Benchmarking;

/// <summary>A region's or a network's view: the area beside England, each of its groups by value, and by quarter.</summary>
public sealed class AreaModel : BenchmarkPage
{
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";

    public AreaView View { get; private set; } = null!;

    private LevelKind Level => Kind == "regions" ? LevelKind.Region : LevelKind.Network;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(string table) => await LoadAsync() ?? Download(BenchmarkTables.Of(View), table, FileName);

    public async Task<IActionResult> OnGetXlsxAsync() => await LoadAsync() ?? Download(BenchmarkTables.Of(View), null, FileName);

    private string FileName => $"benchmarks-{Kind}-{new string(View.Area.Code.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()}";

    private async Task<IActionResult?> LoadAsync()
    {
        var (denied, view) = await Benchmarks.AreaAsync(Level, Code, QuarterCount, Ct);
        if (denied != BenchmarkDenial.None)
            return Denied(denied, $"No {(Level == LevelKind.Region ? "NHS England region" : "learning and improvement network")} has the code {Code}.", BenchmarkRules.AreaNotYours);
        View = view!;
        return null;
    }

    public static IReadOnlyList<ChartDot> Dots(AreaMeasure m) => (m.Groups ?? []).Select(g => new ChartDot(g.Name, g.Yours, 0, g.Value)).ToList();

    public static IReadOnlyList<(string Name, decimal Value)> References(AreaMeasure m) =>
        m.Levels.Where(l => l.Value is not null).Select(l => (BenchmarkWords.Level(l.Kind, l.Name), l.Value!.Value)).ToList();

    public static string DescribeDots(AreaMeasure m) =>
        (m.Groups is null ? "Fewer than 3 groups have a figure." : $"{m.Groups.Count} groups: " + string.Join(", ", m.Groups.Select(g => BenchmarkWords.Value(m.Unit, g.Value))) + ".")
        + " " + string.Join(" ", References(m).Select(r => $"{r.Name}: {BenchmarkWords.Value(m.Unit, r.Value)}."));

    public static IReadOnlyList<ChartSeries> Series(AreaMeasure m) => m.Levels
        .Select((l, i) => new ChartSeries(BenchmarkWords.Level(l.Kind, l.Name), m.OverTime.Select(q => q.Levels[i].Value).ToList(), i == 0))
        .ToList();
}
