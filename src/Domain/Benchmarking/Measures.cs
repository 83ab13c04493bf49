using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Benchmarking;

/// <summary>An NHS financial-year quarter (April to June is Q1), the period benchmarking counts in: 20263 is 2026/27 Q3.</summary>
public readonly record struct FinancialQuarter(int Key)
{
    public int StartYear => Key / 10;
    public int Number => Key % 10;

    public static FinancialQuarter Of(DateOnly date) =>
        new(date.Month >= 4 ? date.Year * 10 + (date.Month - 1) / 3 : (date.Year - 1) * 10 + 4);

    public static FinancialQuarter Of(DateTimeOffset instant) => Of(UkTime.DateOf(instant));

    public DateOnly Starts => new DateOnly(Number == 4 ? StartYear + 1 : StartYear, Number == 4 ? 1 : Number * 3 + 1, 1);

    public FinancialQuarter Previous => Number == 1 ? new((StartYear - 1) * 10 + 4) : new(Key - 1);

    /// <summary>The <paramref name="count"/> quarters up to and including this one, oldest first.</summary>
    public IReadOnlyList<FinancialQuarter> Last(int count)
    {
        var list = new List<FinancialQuarter> { this };
        while (list.Count < count) list.Insert(0, list[0].Previous);
        return list;
    }

    /// <summary>"2026/27 Q3".</summary>
    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:00} Q{Number}";

    public static bool TryParse(string? text, out FinancialQuarter quarter)
    {
        quarter = default;
        if (text is not { Length: 10 } || text[4] != '/' || text[7] != ' ' || text[8] != 'Q' || !int.TryParse(text[..4], out var year)
            || !int.TryParse(text[5..7], out var next) || next != (year + 1) % 100 || text[9] is < '1' or > '4' || year is < 2000 or > 2100) return false;
        quarter = new(year * 10 + (text[9] - '0'));
        return true;
    }
}

/// <summary>
/// What one group (or a set of groups) counted in one period: sums and counts, so periods and groups add up and every
/// measure is worked out from them in one place (<see cref="Measures.Value"/>).
/// </summary>
public sealed record BenchmarkTally(
    int Triaged = 0, int TriageDays = 0,
    int Closed = 0, int ClosedDays = 0,
    int Decided = 0, int DecidedDays = 0,
    int Implement = 0, int LocalVariation = 0, int NotImplemented = 0, int Deferred = 0,
    int TaDecided = 0, int TaInTime = 0,
    int Costed = 0, decimal Cost = 0,
    int Met = 0, int PartiallyMet = 0, int NotMet = 0, int NotApplicable = 0)
{
    public static readonly BenchmarkTally Zero = new();

    public BenchmarkTally Plus(BenchmarkTally o) => new(
        Triaged + o.Triaged, TriageDays + o.TriageDays, Closed + o.Closed, ClosedDays + o.ClosedDays, Decided + o.Decided, DecidedDays + o.DecidedDays,
        Implement + o.Implement, LocalVariation + o.LocalVariation, NotImplemented + o.NotImplemented, Deferred + o.Deferred,
        TaDecided + o.TaDecided, TaInTime + o.TaInTime, Costed + o.Costed, Cost + o.Cost,
        Met + o.Met, PartiallyMet + o.PartiallyMet, NotMet + o.NotMet, NotApplicable + o.NotApplicable);

    public static BenchmarkTally Sum(IEnumerable<BenchmarkTally> tallies) => tallies.Aggregate(Zero, (a, b) => a.Plus(b));

    public ComplianceCount Compliance => new(Met, PartiallyMet, NotMet, NotApplicable);

    public BenchmarkTally WithCompliance(ComplianceCount c) =>
        this with { Met = Met + c.Met, PartiallyMet = PartiallyMet + c.PartiallyMet, NotMet = NotMet + c.NotMet, NotApplicable = NotApplicable + c.NotApplicable };

    public BenchmarkTally WithOutcome(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Implement => this with { Implement = Implement + 1 },
        DecisionOutcome.ImplementWithLocalVariation => this with { LocalVariation = LocalVariation + 1 },
        DecisionOutcome.DoNotImplement => this with { NotImplemented = NotImplemented + 1 },
        _ => this with { Deferred = Deferred + 1 },
    };

    /// <summary>
    /// What a review adds, in the quarter each fact fell: its window's closing, its decision (with outcome and, for a
    /// technology appraisal, whether within the funding period), its costing, and each assessment of compliance.
    /// </summary>
    public static IReadOnlyDictionary<FinancialQuarter, BenchmarkTally> Of(ReviewBenchmark r)
    {
        var by = new Dictionary<FinancialQuarter, BenchmarkTally>();
        void Add(DateTimeOffset at, Func<BenchmarkTally, BenchmarkTally> change)
        {
            var q = FinancialQuarter.Of(at);
            by[q] = change(by.GetValueOrDefault(q) ?? Zero);
        }
        if (r.ClosedAt is { } closed) Add(closed, t => t with { Closed = t.Closed + 1, ClosedDays = t.ClosedDays + r.DaysToResponsesClosed!.Value });
        if (r is { DecidedAt: { } decided, Outcome: { } outcome })
            Add(decided, t => t.WithOutcome(outcome) with
            {
                Decided = t.Decided + 1, DecidedDays = t.DecidedDays + r.DaysToDecision!.Value,
                TaDecided = t.TaDecided + (r.DecidedWithinFunding is null ? 0 : 1), TaInTime = t.TaInTime + (r.DecidedWithinFunding == true ? 1 : 0),
            });
        if (r is { CostedAt: { } costed, NetCostPer100k: { } cost }) Add(costed, t => t with { Costed = t.Costed + 1, Cost = t.Cost + cost });
        foreach (var a in r.Assessments) Add(a.At, t => t.WithCompliance(a.Count()));
        return by;
    }

    public static IReadOnlyDictionary<FinancialQuarter, BenchmarkTally> Of(TriageBenchmark t) =>
        t is { TriagedAt: { } at, DaysToTriage: { } days }
            ? new Dictionary<FinancialQuarter, BenchmarkTally> { [FinancialQuarter.Of(at)] = new(Triaged: 1, TriageDays: days) }
            : new Dictionary<FinancialQuarter, BenchmarkTally>();
}

public enum Measure
{
    /// <summary>Of the recommendations that apply, the share the group fully meets.</summary>
    ShareMet,
    DaysToTriage,
    DaysToResponsesClosed,
    DaysToDecision,
    /// <summary>Of the technology appraisals decided, the share decided within their funding period.</summary>
    TaDecidedInTime,
    /// <summary>Five-year net cost to the health economy per 100,000 people, the mean over costed reviews.</summary>
    CostPer100k,
}

/// <summary>The one home of what each measure is, how it is worked out, and which way is better.</summary>
public static class Measures
{
    public static readonly IReadOnlyList<Measure> All = Enum.GetValues<Measure>();

    public static Direction DirectionOf(Measure m) => m switch
    {
        Measure.ShareMet or Measure.TaDecidedInTime => Direction.HigherIsBetter,
        Measure.CostPer100k => Direction.Neither,
        _ => Direction.LowerIsBetter,
    };

    /// <summary>How many things the measure is worked out over (null value when none).</summary>
    public static int CountOf(Measure m, BenchmarkTally t) => m switch
    {
        Measure.ShareMet => t.Met + t.PartiallyMet + t.NotMet,
        Measure.DaysToTriage => t.Triaged,
        Measure.DaysToResponsesClosed => t.Closed,
        Measure.DaysToDecision => t.Decided,
        Measure.TaDecidedInTime => t.TaDecided,
        _ => t.Costed,
    };

    public static decimal? Value(Measure m, BenchmarkTally t)
    {
        var n = CountOf(m, t);
        if (n == 0) return null;
        return m switch
        {
            Measure.ShareMet => Math.Round((decimal)t.Met / n, 3),
            Measure.DaysToTriage => Math.Round((decimal)t.TriageDays / n, 1),
            Measure.DaysToResponsesClosed => Math.Round((decimal)t.ClosedDays / n, 1),
            Measure.DaysToDecision => Math.Round((decimal)t.DecidedDays / n, 1),
            Measure.TaDecidedInTime => Math.Round((decimal)t.TaInTime / n, 3),
            _ => Math.Round(t.Cost / n, 0),
        };
    }

    public static string NameOf(Measure m) => m switch
    {
        Measure.ShareMet => "Recommendations fully met",
        Measure.DaysToTriage => "Days from publication to triage",
        Measure.DaysToResponsesClosed => "Days from publication to responses closed",
        Measure.DaysToDecision => "Days from publication to decision",
        Measure.TaDecidedInTime => "Technology appraisals decided within their funding period",
        _ => "Five-year net cost per 100,000 people",
    };

    public static bool IsShare(Measure m) => m is Measure.ShareMet or Measure.TaDecidedInTime;
}
