using System.Globalization;
using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Domain;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Benchmarking;

/// <summary>Benchmarking's figures in words: values by unit, levels by kind, standings as people say them.</summary>
public static class BenchmarkWords
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Value(string unit, decimal value) => unit switch
    {
        "share" => (value * 100).ToString("0.#", EnGb) + "%",
        "pounds" => value < 0 ? "−£" + (-value).ToString("N0", EnGb) : "£" + value.ToString("N0", EnGb),
        _ => value.ToString("0.#", EnGb) + (value == 1 ? " day" : " days"),
    };

    public static string Kind(LevelKind kind) => kind switch
    {
        LevelKind.Group => "Group",
        LevelKind.System => "Integrated care system",
        LevelKind.Region => "NHS England region",
        LevelKind.Network => "Learning and improvement network",
        _ => "England",
    };

    public static string Level(LevelKind kind, string name) => kind switch
    {
        LevelKind.Group => name,
        LevelKind.England => "England",
        LevelKind.System => $"{name} (integrated care system)",
        LevelKind.Region => $"{name} (region)",
        _ => $"{name} (network)",
    };

    public static string Ordinal(int n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static readonly string[] Quartiles = ["", "first", "second", "third", "fourth"];

    public static string Standing(Standing s, Direction direction) => direction == Direction.Neither
        ? $"{Ordinal(s.Rank)} lowest of {s.Of} groups ({Quartiles[s.Quartile]} quartile, lowest first)"
        : $"{Ordinal(s.Rank)} of {s.Of} groups ({Quartiles[s.Quartile]} quartile; the first is the best quarter)";

    public static string Compliance(Compliance? c) => c switch
    {
        Domain.Reviews.Compliance.Met => "Met",
        Domain.Reviews.Compliance.PartiallyMet => "Partially met",
        Domain.Reviews.Compliance.NotMet => "Not met",
        Domain.Reviews.Compliance.NotApplicable => "Not applicable",
        _ => "Not assessed",
    };

    public static readonly string[] ComplianceNames = ["Met", "Partially met", "Not met", "Not applicable"];

    public static IReadOnlyList<decimal> Shares(ComplianceShares s) => [s.Met, s.PartiallyMet, s.NotMet, s.NotApplicable];
}

/// <summary>
/// Every table of a comparison as rows for download (CSV, one table; .xlsx, every table a sheet), the one place each is laid out,
/// so a download holds exactly what the page shows. Suppressed figures are empty cells with the reason beside them.
/// </summary>
public static class BenchmarkTables
{
    private const string Hidden = "Not shown: fewer than 3 groups";

    private static object? Number(decimal? v, string unit) => v is not { } value ? null : unit == "share" ? Math.Round(value * 100, 1) : value;

    private static string UnitHeader(string unit) => unit switch { "share" => "%", "pounds" => "£", _ => "days" };

    private static IReadOnlyList<object?> LevelCells(LevelKind kind, string name, int groups, bool suppressed) =>
        [BenchmarkWords.Kind(kind), name, groups, suppressed ? Hidden : ""];

    public static IReadOnlyList<TableSheet> Of(GroupDashboard d) =>
    [
        Measures(d.Measures.Select(m => (m.Name, m.Unit, m.Levels, m.Standing))),
        new("By quarter", ["Measure", "Unit", "Quarter", "Level", "Name", "Groups", "Note", "Value"],
            d.Measures.SelectMany(m => m.OverTime.SelectMany(q => q.Levels.Select(l => (IReadOnlyList<object?>)
                [m.Name, UnitHeader(m.Unit), q.Quarter, .. LevelCells(l.Kind, l.Name, l.Groups, l.Suppressed), Number(l.Value, m.Unit)]))),
            [40, 8, 12, 28, 40, 8, 30, 10]),
        Compliance(d.Compliance),
        new("Outcomes", ["Level", "Name", "Groups", "Note", "Decisions", "Implement %", "With local variation %", "Do not implement %", "Defer %"],
            d.Outcomes.Select(o => (IReadOnlyList<object?>)
                [.. LevelCells(o.Kind, o.Name, o.Groups, o.Suppressed), o.Shares?.Decisions, Number(o.Shares?.Implement, "share"),
                 Number(o.Shares?.LocalVariation, "share"), Number(o.Shares?.NotImplemented, "share"), Number(o.Shares?.Deferred, "share")]),
            [28, 40, 8, 30, 10, 12, 14, 14, 10]),
        new("Our reviews", ["Guidance", "Published", "Met %", "Partially met %", "Not met %", "Not applicable %", "Days to responses closed", "Days to decision",
                "Outcome", "Five-year net cost per 100,000 (£)"],
            d.Guidance.Select(r => (IReadOnlyList<object?>)
                [r.Guidance, r.PublishedOn.ToString("yyyy-MM-dd"), Number(r.Compliance?.Met, "share"), Number(r.Compliance?.PartiallyMet, "share"),
                 Number(r.Compliance?.NotMet, "share"), Number(r.Compliance?.NotApplicable, "share"), r.DaysToResponsesClosed, r.DaysToDecision,
                 r.Outcome?.ToString(), r.CostPer100k]),
            [12, 12, 8, 10, 10, 10, 12, 12, 20, 16]),
    ];

    /// <summary>Each measure's value at each level, and the group's rank beside its own.</summary>
    private static TableSheet Measures(IEnumerable<(string Name, string Unit, IReadOnlyList<LevelValue> Levels, Standing? Standing)> measures) =>
        new("Measures", ["Measure", "Unit", "Level", "Name", "Groups", "Note", "Value", "Rank", "Of", "Quartile"],
            measures.SelectMany(m => m.Levels.Select(l => (IReadOnlyList<object?>)
                [m.Name, UnitHeader(m.Unit), .. LevelCells(l.Kind, l.Name, l.Groups, l.Suppressed), Number(l.Value, m.Unit),
                 l.Kind == LevelKind.Group ? m.Standing?.Rank : null, l.Kind == LevelKind.Group ? m.Standing?.Of : null,
                 l.Kind == LevelKind.Group ? m.Standing?.Quartile : null])),
            [40, 8, 28, 40, 8, 30, 10, 8, 8, 10]);

    private static TableSheet Compliance(IReadOnlyList<LevelCompliance> levels, string name = "Compliance") =>
        new(name, ["Level", "Name", "Groups", "Note", "Recommendations", "Met %", "Partially met %", "Not met %", "Not applicable %"],
            levels.Select(c => (IReadOnlyList<object?>)
                [.. LevelCells(c.Kind, c.Name, c.Groups, c.Suppressed), c.Shares?.Recommendations, Number(c.Shares?.Met, "share"),
                 Number(c.Shares?.PartiallyMet, "share"), Number(c.Shares?.NotMet, "share"), Number(c.Shares?.NotApplicable, "share")]),
            [28, 40, 8, 30, 14, 8, 12, 10, 12]);

    public static IReadOnlyList<TableSheet> Of(GuidancePicture p) =>
    [
        new("Recommendations", ["Recommendation", "Yours", "Level", "Name", "Groups", "Note", "Met %", "Partially met %", "Not met %", "Not applicable %"],
            p.Recommendations.SelectMany(r => r.Levels.Select(c => (IReadOnlyList<object?>)
                [r.Number, BenchmarkWords.Compliance(r.Yours), .. LevelCells(c.Kind, c.Name, c.Groups, c.Suppressed), Number(c.Shares?.Met, "share"),
                 Number(c.Shares?.PartiallyMet, "share"), Number(c.Shares?.NotMet, "share"), Number(c.Shares?.NotApplicable, "share")])),
            [14, 14, 28, 40, 8, 30, 8, 12, 10, 12]),
        new("Groups", ["Recommendation", "Group", "Yours", "Compliance"],
            p.Recommendations.SelectMany(r => (r.Groups ?? []).Select(g => (IReadOnlyList<object?>)
                [r.Number, g.Name ?? "Another group", g.You ? "Yes" : "", BenchmarkWords.Compliance(g.Compliance)])),
            [14, 44, 8, 16]),
        Measures(p.Measures.Select(m => (m.Name, m.Unit, m.Levels, m.Standing))),
        new("Our assessments", ["Assessed", "Review", .. p.Recommendations.Select(r => r.Number)],
            p.YourAssessments.Select(a => (IReadOnlyList<object?>)
                [a.At.ToString("yyyy-MM-dd"), a.ReviewId.ToString(), .. a.Answers.Select(x => BenchmarkWords.Compliance(x.Compliance))]),
            [12, 38, .. p.Recommendations.Select(_ => 14.0)]),
    ];

    public static IReadOnlyList<TableSheet> Of(AreaView v) =>
    [
        new("Measures", ["Measure", "Unit", "Level", "Name", "Groups", "Note", "Value"],
            v.Measures.SelectMany(m => m.Levels.Select(l => (IReadOnlyList<object?>)
                [m.Name, UnitHeader(m.Unit), .. LevelCells(l.Kind, l.Name, l.Groups, l.Suppressed), Number(l.Value, m.Unit)])),
            [40, 8, 28, 40, 8, 30, 10]),
        new("Groups", ["Measure", "Unit", "Group", "Yours", "Value", "Rank", "Of", "Quartile"],
            v.Measures.SelectMany(m => (m.Groups ?? []).Select(g => (IReadOnlyList<object?>)
                [m.Name, UnitHeader(m.Unit), g.Name ?? "Another group", g.Yours ? "Yes" : "", Number(g.Value, m.Unit), g.Standing?.Rank, g.Standing?.Of,
                 g.Standing?.Quartile])),
            [40, 8, 44, 8, 10, 8, 8, 10]),
        new("By quarter", ["Measure", "Unit", "Quarter", "Level", "Name", "Groups", "Note", "Value"],
            v.Measures.SelectMany(m => m.OverTime.SelectMany(q => q.Levels.Select(l => (IReadOnlyList<object?>)
                [m.Name, UnitHeader(m.Unit), q.Quarter, .. LevelCells(l.Kind, l.Name, l.Groups, l.Suppressed), Number(l.Value, m.Unit)]))),
            [40, 8, 12, 28, 40, 8, 30, 10]),
        Compliance(v.Compliance),
    ];
}
