using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Benchmarking;
using GuidanceFlow.Workflows.Benchmarking;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Npgsql;

namespace GuidanceFlow.Api.Benchmarking;

public sealed record LevelRef(LevelKind Kind, string Code, string Name)
{
    public static LevelRef Of(BenchmarkLevel l) => new(l.Kind, l.Code, l.Name);
}

/// <summary>One level's value of a measure: over how many groups, or suppressed (fewer than 3 groups).</summary>
public sealed record LevelValue(LevelKind Kind, string Code, string Name, int Groups, decimal? Value, bool Suppressed);

public sealed record QuarterValues(string Quarter, IReadOnlyList<LevelValue> Levels);

/// <summary>A measure compared: its value at each level, the group's rank and quartile in England, and the same by quarter.</summary>
/// <param name="Unit">"share" (0 to 1), "days" or "pounds".</param>
public sealed record MeasureComparison(Measure Measure, string Name, Direction Direction, string Unit, IReadOnlyList<LevelValue> Levels,
    Standing? Standing, string? StandingNote, IReadOnlyList<QuarterValues> OverTime);

/// <summary>Shares of recommendations met, partly met, not met and not applicable, over <paramref name="Recommendations"/> answers.</summary>
public sealed record ComplianceShares(decimal Met, decimal PartiallyMet, decimal NotMet, decimal NotApplicable, int Recommendations)
{
    public static ComplianceShares? Of(ComplianceCount c) => c.Total == 0 ? null
        : new(Share(c.Met, c.Total), Share(c.PartiallyMet, c.Total), Share(c.NotMet, c.Total), Share(c.NotApplicable, c.Total), c.Total);

    private static decimal Share(int n, int of) => Math.Round((decimal)n / of, 3);
}

public sealed record LevelCompliance(LevelKind Kind, string Code, string Name, int Groups, ComplianceShares? Shares, bool Suppressed);

public sealed record OutcomeShares(decimal Implement, decimal LocalVariation, decimal NotImplemented, decimal Deferred, int Decisions)
{
    public static OutcomeShares? Of(BenchmarkTally t)
    {
        var n = t.Implement + t.LocalVariation + t.NotImplemented + t.Deferred;
        return n == 0 ? null : new(Share(t.Implement, n), Share(t.LocalVariation, n), Share(t.NotImplemented, n), Share(t.Deferred, n), n);
    }

    private static decimal Share(int x, int of) => Math.Round((decimal)x / of, 3);
}

public sealed record LevelOutcomes(LevelKind Kind, string Code, string Name, int Groups, OutcomeShares? Shares, bool Suppressed);

public sealed record GroupSharing(bool SharesFigures, bool Named);

/// <summary>One of the group's own reviews, as benchmarking counts it.</summary>
public sealed record GroupGuidanceRow(Guid ReviewId, string Guidance, GuidanceType Type, DateOnly PublishedOn, ComplianceShares? Compliance,
    int? DaysToResponsesClosed, int? DaysToDecision, DecisionOutcome? Outcome, decimal? CostPer100k);

/// <summary>A group's "how we compare": each measure beside its system, networks, region and England, over the quarters shown and by quarter.</summary>
public sealed record GroupDashboard(string Group, IReadOnlyList<LevelRef> Levels, GroupSharing Sharing, IReadOnlyList<string> Quarters,
    IReadOnlyList<MeasureComparison> Measures, IReadOnlyList<LevelCompliance> Compliance, IReadOnlyList<LevelOutcomes> Outcomes,
    IReadOnlyList<GroupGuidanceRow> Guidance, string SuppressionNote);

/// <summary>One group's compliance with a recommendation: named when it is the viewer's or has chosen to be named.</summary>
public sealed record GroupDot(string? Name, bool You, Compliance Compliance);

/// <summary>
/// One recommendation across the country: compliance shares at each level, the viewer's group's own, and every group's as a dot
/// (null when fewer than 3 groups assessed it).
/// </summary>
public sealed record RecommendationPicture(string Number, IReadOnlyList<LevelCompliance> Levels, Compliance? Yours, IReadOnlyList<GroupDot>? Groups);

/// <summary>The viewer's group's compliance per recommendation at one assessment (the baseline, a re-assessment), oldest first.</summary>
public sealed record AssessmentColumn(Guid ReviewId, DateTimeOffset At, IReadOnlyList<RecommendationAnswer> Answers);

public sealed record RecommendationAnswer(string Number, Compliance? Compliance);

/// <summary>A measure of one guidance compared across levels, with the viewer's group's standing (no quarters: one guidance).</summary>
public sealed record GuidanceMeasure(Measure Measure, string Name, Direction Direction, string Unit, IReadOnlyList<LevelValue> Levels,
    Standing? Standing, string? StandingNote);

/// <summary>A guidance's national picture: every group that reviewed it, compared, with the viewer's group ("you") highlighted.</summary>
public sealed record GuidancePicture(string Guidance, string? You, IReadOnlyList<LevelRef> Levels, int Groups, IReadOnlyList<RecommendationPicture> Recommendations,
    IReadOnlyList<GuidanceMeasure> Measures, IReadOnlyList<LevelOutcomes> Outcomes, IReadOnlyList<AssessmentColumn> YourAssessments, string SuppressionNote);

/// <summary>One group's value in an area's table; unnamed unless it is the viewer's or has chosen to be named.</summary>
public sealed record AreaGroupValue(string? Name, bool Yours, decimal Value, Standing? Standing);

public sealed record AreaMeasure(Measure Measure, string Name, Direction Direction, string Unit, IReadOnlyList<LevelValue> Levels,
    IReadOnlyList<AreaGroupValue>? Groups, IReadOnlyList<QuarterValues> OverTime);

/// <summary>A region's or network's view: the area beside England, each group in it (when at least 3), and the same by quarter.</summary>
public sealed record AreaView(LevelRef Area, int Groups, IReadOnlyList<string> Quarters, IReadOnlyList<AreaMeasure> Measures,
    IReadOnlyList<LevelCompliance> Compliance, string SuppressionNote);

public enum BenchmarkDenial { None, NotFound, Forbidden }

/// <summary>
/// Benchmarking's reads. Each comparison reads the structure (one row), every group's sharing settings (one small row per group)
/// and the groups' sums for the quarters shown (groups × quarters rows) — never the reviews of the country; a guidance's picture reads
/// that guidance's reviews (at most a few per group).
/// </summary>
public sealed class BenchmarkQueries(IQuerySession query, NpgsqlDataSource database, Access access, TimeProvider clock)
{
    public const int DefaultQuarters = 8, MaxQuarters = 20;
    private const string Schema = "guidanceflow";

    private sealed record Sharing(string Id, GroupSettings Settings);

    public async Task<BenchmarkViewer> ViewerAsync(CancellationToken ct) =>
        new(access.UserId, (await access.MyGroups(ct)).ToDictionary(g => g.Id, g => (IReadOnlyList<GroupRole>)g.RolesOf(access.UserId)));

    public async Task<NhsStructure> StructureAsync(CancellationToken ct) =>
        await query.LoadAsync<NhsStructure>(NhsStructure.StreamId, ct) ?? NhsStructure.Empty;

    private async Task<Dictionary<string, GroupSettings>> SettingsAsync(CancellationToken ct) =>
        (await query.Query<GuidanceFlow.Workflows.Groups.ImplementationGroup>().Select(g => new Sharing(g.Id, g.Settings)).ToListAsync(ct))
        .ToDictionary(s => s.Id, s => s.Settings);

    public IReadOnlyList<FinancialQuarter> QuartersUpToNow(int count) => FinancialQuarter.Of(clock.GetUtcNow()).Last(count);

    /// <summary>Each group's sums for each of the quarters.</summary>
    private async Task<Dictionary<string, Dictionary<FinancialQuarter, BenchmarkTally>>> RollupsAsync(IReadOnlyList<FinancialQuarter> quarters, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select group_name, quarter, {string.Join(", ", BenchmarkProjection.Columns)} from {Schema}.{BenchmarkProjection.Rollups} where quarter = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = quarters.Select(q => q.Key).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new Dictionary<string, Dictionary<FinancialQuarter, BenchmarkTally>>();
        while (await reader.ReadAsync(ct))
        {
            var group = reader.GetString(0);
            if (!result.TryGetValue(group, out var byQuarter)) result[group] = byQuarter = [];
            byQuarter[new FinancialQuarter(reader.GetInt32(1))] = BenchmarkProjection.Read(reader, 2);
        }
        return result;
    }

    private static string UnitOf(Measure m) => Measures.IsShare(m) ? "share" : m == Measure.CostPer100k ? "pounds" : "days";

    private static LevelValue Value(LevelFigure<decimal?> f) => new(f.Level.Kind, f.Level.Code, f.Level.Name, f.Groups, f.Figure, f.Suppressed);

    private static IReadOnlyList<LevelValue> Values(Measure m, IReadOnlyList<BenchmarkLevel> levels, IReadOnlyCollection<Counted> counted) =>
        Comparisons.Compare(levels, counted, t => Measures.CountOf(m, t) > 0, t => Measures.Value(m, t)).Select(Value).ToList();

    private static IReadOnlyList<LevelCompliance> Compliance(IReadOnlyList<BenchmarkLevel> levels, IReadOnlyCollection<Counted> counted) =>
        Comparisons.Compare(levels, counted, t => t.Compliance.Total > 0, t => ComplianceShares.Of(t.Compliance))
            .Select(f => new LevelCompliance(f.Level.Kind, f.Level.Code, f.Level.Name, f.Groups, f.Figure, f.Suppressed)).ToList();

    private static IReadOnlyList<LevelOutcomes> Outcomes(IReadOnlyList<BenchmarkLevel> levels, IReadOnlyCollection<Counted> counted) =>
        Comparisons.Compare(levels, counted, t => OutcomeShares.Of(t) is not null, OutcomeShares.Of)
            .Select(f => new LevelOutcomes(f.Level.Kind, f.Level.Code, f.Level.Name, f.Groups, f.Figure, f.Suppressed)).ToList();

    private static (Standing? Standing, string? Note) StandingOf(Measure m, string group, IReadOnlyCollection<Counted> england)
    {
        var values = england.Select(c => (c.Group, Value: Measures.Value(m, c.Tally))).Where(v => v.Value is not null)
            .ToDictionary(v => v.Group, v => v.Value!.Value);
        if (!values.ContainsKey(group)) return (null, "No figure for the group in this period.");
        return Standings.Of(m, group, values) is { } s ? (s, null) : (null, Suppression.Note);
    }

    public async Task<(BenchmarkDenial Denied, GroupDashboard? Dashboard)> GroupAsync(string group, int quarterCount, CancellationToken ct)
    {
        var viewer = await ViewerAsync(ct);
        var structure = await StructureAsync(ct);
        var settings = await SettingsAsync(ct);
        if (!settings.ContainsKey(group) || !(viewer.IsMemberOf(group) || BenchmarkRules.MaySeeGroup(viewer, group, structure)))
            return (BenchmarkDenial.NotFound, null);
        if (!BenchmarkRules.MaySeeGroup(viewer, group, structure)) return (BenchmarkDenial.Forbidden, null);

        var quarters = QuartersUpToNow(quarterCount);
        var rollups = await RollupsAsync(quarters, ct);
        // The group itself always counts in its own view; other groups only if they share.
        var counting = settings.Keys.Where(g => g == group || GroupRules.SharesInBenchmarks(settings[g])).ToList();
        List<Counted> In(Func<Dictionary<FinancialQuarter, BenchmarkTally>, BenchmarkTally> pick) =>
            counting.Select(g => new Counted(g, structure.PlaceOf(g), rollups.TryGetValue(g, out var r) ? pick(r) : BenchmarkTally.Zero)).ToList();
        var window = In(r => BenchmarkTally.Sum(r.Values));
        var byQuarter = quarters.ToDictionary(q => q, q => In(r => r.GetValueOrDefault(q) ?? BenchmarkTally.Zero));
        var levels = BenchmarkLevel.Around(group, structure);

        var measures = Measures.All.Select(m =>
        {
            var (standing, note) = StandingOf(m, group, window);
            return new MeasureComparison(m, Measures.NameOf(m), Measures.DirectionOf(m), UnitOf(m), Values(m, levels, window), standing, note,
                quarters.Select(q => new QuarterValues(q.ToString(), Values(m, levels, byQuarter[q]))).ToList());
        }).ToList();

        var own = await query.Query<ReviewBenchmark>().Where(r => r.Group == group).OrderByDescending(r => r.OpenedAt).Take(50).ToListAsync(ct);
        var rows = own.Select(r => new GroupGuidanceRow(r.Id, r.Guidance, r.Type, r.PublishedOn, r.Latest is { } a ? ComplianceShares.Of(a.Count()) : null,
            r.DaysToResponsesClosed, r.DaysToDecision, r.Outcome, r.NetCostPer100k)).ToList();
        var mine = settings[group];
        return (BenchmarkDenial.None, new GroupDashboard(group, levels.Select(LevelRef.Of).ToList(),
            new GroupSharing(GroupRules.SharesInBenchmarks(mine), GroupRules.NamedInBenchmarks(mine)), quarters.Select(q => q.ToString()).ToList(),
            measures, Compliance(levels, window), Outcomes(levels, window), rows, Suppression.Note));
    }

    public async Task<(BenchmarkDenial Denied, GuidancePicture? Picture)> GuidanceAsync(string guidance, string? you, CancellationToken ct)
    {
        var viewer = await ViewerAsync(ct);
        var structure = await StructureAsync(ct);
        if (!BenchmarkRules.MaySeeGuidance(viewer, structure)) return (BenchmarkDenial.Forbidden, null);
        if (you is not null && !viewer.IsMemberOf(you)) return (BenchmarkDenial.NotFound, null);
        var settings = await SettingsAsync(ct);
        var number = guidance.Trim().ToUpperInvariant();

        var reviews = await query.Query<ReviewBenchmark>().Where(r => r.Guidance == number).ToListAsync(ct);
        // A group's latest review of the guidance is its position; every review of its own is its history.
        var latest = reviews.Where(r => settings.ContainsKey(r.Group) && BenchmarkRules.Counts(viewer, r.Group, settings[r.Group]))
            .GroupBy(r => r.Group).Select(g => g.OrderByDescending(r => r.OpenedAt).First()).ToList();
        you ??= latest.Select(r => r.Group).Where(viewer.IsMemberOf).Order(StringComparer.Ordinal).FirstOrDefault();
        var levels = you is null ? [BenchmarkLevel.England] : BenchmarkLevel.Around(you, structure);

        var numbers = latest.OrderByDescending(r => r.OpenedAt).SelectMany(r => r.Latest?.Numbers ?? []).Distinct().ToList();
        var recommendations = numbers.Select(n =>
        {
            var answers = latest.Select(r => (r.Group, Answer: r.Latest?.Of(n))).Where(a => a.Answer is not null).ToList();
            var counted = answers.Select(a => new Counted(a.Group, structure.PlaceOf(a.Group), BenchmarkTally.Zero.WithCompliance(ComplianceCount.Of([a.Answer])))).ToList();
            var dots = answers.Count < Suppression.MinimumGroups ? null
                : answers.Select(a => new GroupDot(BenchmarkRules.NamedTo(viewer, a.Group, settings[a.Group]) ? a.Group : null, a.Group == you, a.Answer!.Value))
                    .OrderBy(d => d.Compliance).ThenBy(d => d.Name is null).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
            return new RecommendationPicture(n, Compliance(levels, counted), answers.FirstOrDefault(a => a.Group == you).Answer, dots);
        }).ToList();

        // The group's position on this guidance: its latest review's facts, with its latest assessment's compliance.
        var facts = latest.Select(r => new Counted(r.Group, structure.PlaceOf(r.Group),
            BenchmarkTally.Sum(BenchmarkTally.Of(r).Values) with { Met = 0, PartiallyMet = 0, NotMet = 0, NotApplicable = 0 }
                is var t ? t.WithCompliance(r.Latest?.Count() ?? ComplianceCount.None) : BenchmarkTally.Zero)).ToList();
        var measures = Measures.All.Where(m => m != Measure.DaysToTriage).Select(m =>
        {
            var (standing, note) = you is null ? (null, null) : StandingOf(m, you, facts);
            return new GuidanceMeasure(m, Measures.NameOf(m), Measures.DirectionOf(m), UnitOf(m), Values(m, levels, facts), standing, note);
        }).ToList();
        var history = you is null ? [] : reviews.Where(r => r.Group == you).OrderBy(r => r.OpenedAt)
            .SelectMany(r => r.Assessments.Select(a => new AssessmentColumn(r.Id, a.At, numbers.Select(n => new RecommendationAnswer(n, a.Of(n))).ToList())))
            .ToList();
        return (BenchmarkDenial.None, new GuidancePicture(number, you, levels.Select(LevelRef.Of).ToList(), latest.Count, recommendations, measures,
            Outcomes(levels, facts), history, Suppression.Note));
    }

    public async Task<(BenchmarkDenial Denied, AreaView? View)> AreaAsync(LevelKind kind, string code, int quarterCount, CancellationToken ct)
    {
        var viewer = await ViewerAsync(ct);
        var structure = await StructureAsync(ct);
        code = StructureRules.Normalise(code);
        BenchmarkLevel? area = kind switch
        {
            LevelKind.Region when structure.Regions.GetValueOrDefault(code) is { } r => new(LevelKind.Region, r.Code, r.Name),
            LevelKind.Network when structure.Networks.GetValueOrDefault(code) is { } n => new(LevelKind.Network, n.Code, n.Name),
            _ => null,
        };
        if (area is null) return (BenchmarkDenial.NotFound, null);
        if (!BenchmarkRules.MaySeeArea(viewer, area, structure)) return (BenchmarkDenial.Forbidden, null);

        var settings = await SettingsAsync(ct);
        var quarters = QuartersUpToNow(quarterCount);
        var rollups = await RollupsAsync(quarters, ct);
        var counting = settings.Keys.Where(g => BenchmarkRules.Counts(viewer, g, settings[g])).ToList();
        List<Counted> In(Func<Dictionary<FinancialQuarter, BenchmarkTally>, BenchmarkTally> pick) =>
            counting.Select(g => new Counted(g, structure.PlaceOf(g), rollups.TryGetValue(g, out var r) ? pick(r) : BenchmarkTally.Zero)).ToList();
        var window = In(r => BenchmarkTally.Sum(r.Values));
        var byQuarter = quarters.ToDictionary(q => q, q => In(r => r.GetValueOrDefault(q) ?? BenchmarkTally.Zero));
        BenchmarkLevel[] levels = [area, BenchmarkLevel.England];
        var inArea = window.Where(c => area.Holds(c.Group, c.Place)).ToList();

        var measures = Measures.All.Select(m =>
        {
            var values = inArea.Select(c => (c.Group, Value: Measures.Value(m, c.Tally))).Where(v => v.Value is not null)
                .ToDictionary(v => v.Group, v => v.Value!.Value);
            // Each group's own value is shown only among at least 3, unnamed unless named; ordered by value, so the order names no one.
            var groups = values.Count < Suppression.MinimumGroups ? null
                : values.Select(v => new AreaGroupValue(BenchmarkRules.NamedTo(viewer, v.Key, settings[v.Key]) ? v.Key : null, viewer.IsMemberOf(v.Key), v.Value,
                        Standings.Of(m, v.Key, values)))
                    .OrderBy(g => g.Standing!.Rank).ThenBy(g => g.Name is null).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
            return new AreaMeasure(m, Measures.NameOf(m), Measures.DirectionOf(m), UnitOf(m), Values(m, levels, window), groups,
                quarters.Select(q => new QuarterValues(q.ToString(), Values(m, levels, byQuarter[q]))).ToList());
        }).ToList();
        return (BenchmarkDenial.None, new AreaView(LevelRef.Of(area), inArea.Count, quarters.Select(q => q.ToString()).ToList(), measures,
            Compliance(levels, window), Suppression.Note));
    }
}
