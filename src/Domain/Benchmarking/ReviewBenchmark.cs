using System.Collections.Immutable;
using System.Text.Json.Serialization;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Benchmarking;

/// <summary>
/// The one home of a group's compliance with a recommendation when several organisations answered: the health economy
/// meets it when every organisation it applies to meets it, does not when none does, and partly meets it otherwise.
/// Not applicable only when it applies to no one; null when nobody answered.
/// </summary>
public static class GroupCompliance
{
    public static Compliance? Of(IEnumerable<Compliance> answers)
    {
        var given = answers.ToList();
        if (given.Count == 0) return null;
        var applicable = given.Where(a => a != Compliance.NotApplicable).ToList();
        if (applicable.Count == 0) return Compliance.NotApplicable;
        if (applicable.All(a => a == Compliance.Met)) return Compliance.Met;
        if (applicable.All(a => a == Compliance.NotMet)) return Compliance.NotMet;
        return Compliance.PartiallyMet;
    }

    private const string Letters = "MPNA";

    public static char Letter(Compliance? c) => c is { } v ? Letters[(int)v] : '-';

    public static Compliance? FromLetter(char letter) => Letters.IndexOf(letter) is var i and >= 0 ? (Compliance)i : null;
}

/// <summary>The group's compliance per recommendation at one assessment: the baseline when the response window closed, or a re-assessment.</summary>
/// <param name="Codes">One letter per number (M, P, N, A; '-' not assessed), see <see cref="GroupCompliance.Letter"/>.</param>
/// <param name="Round">0 for the baseline, then the re-assessment round.</param>
public sealed record ComplianceAssessment(DateTimeOffset At, IReadOnlyList<string> Numbers, string Codes, int Round = 0)
{
    public Compliance? Of(string number) => Numbers.ToList().IndexOf(number) is var i and >= 0 ? GroupCompliance.FromLetter(Codes[i]) : null;

    public ComplianceCount Count() => ComplianceCount.Of(Codes.Select(GroupCompliance.FromLetter));
}

/// <summary>How many recommendations a group met, partly met, did not meet, or found not applicable.</summary>
public sealed record ComplianceCount(int Met, int PartiallyMet, int NotMet, int NotApplicable)
{
    public static readonly ComplianceCount None = new(0, 0, 0, 0);

    public int Total => Met + PartiallyMet + NotMet + NotApplicable;

    public static ComplianceCount Of(IEnumerable<Compliance?> answers) => answers.Aggregate(None, (c, a) => c.Add(a));

    public ComplianceCount Add(Compliance? a) => a switch
    {
        Compliance.Met => this with { Met = Met + 1 },
        Compliance.PartiallyMet => this with { PartiallyMet = PartiallyMet + 1 },
        Compliance.NotMet => this with { NotMet = NotMet + 1 },
        Compliance.NotApplicable => this with { NotApplicable = NotApplicable + 1 },
        _ => this,
    };

    public ComplianceCount Plus(ComplianceCount o) => new(Met + o.Met, PartiallyMet + o.PartiallyMet, NotMet + o.NotMet, NotApplicable + o.NotApplicable);
}

/// <summary>
/// What benchmarking needs of one review, folded from its events (pure; the projection stores it): when it reached each
/// step counted from the guidance's publication, its outcome, its cost per 100,000 people, and the group's compliance at
/// each assessment. Stakeholders' own answers are kept only to work out the group's; no comparison ever shows them.
/// </summary>
public sealed record ReviewBenchmark(Guid Id, string Group, string Guidance, GuidanceType Type, DateOnly PublishedOn, DateTimeOffset OpenedAt)
{
    public int FundingDays { get; init; } = DeadlinePolicy.FundingDays;
    // Stored flat, as before compliance over time had a home of its own: documents stored by earlier versions read the same.
    public ImmutableList<string> Numbers { get; init; } = [];
    /// <summary>Each stakeholder's current answers: one letter per position of <see cref="Numbers"/>.</summary>
    public ImmutableSortedDictionary<string, string> Answers { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public ImmutableList<ComplianceAssessment> Assessments { get; init; } = [];

    /// <summary>The answers as they stand and the group's compliance at each assessment, as <see cref="ComplianceOverTime"/> folds them.</summary>
    [JsonIgnore] public ComplianceOverTime Compliance => new() { Numbers = Numbers, Answers = Answers, Assessments = Assessments };
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public DecisionOutcome? Outcome { get; init; }
    /// <summary>The five-year net cost to the health economy per 100,000 people, as last assessed.</summary>
    public decimal? NetCostPer100k { get; init; }
    public DateTimeOffset? CostedAt { get; init; }
    public bool Closed { get; init; }

    [JsonIgnore] public int? DaysToResponsesClosed => ClosedAt is { } at ? DaysFromPublication(at) : null;
    [JsonIgnore] public int? DaysToDecision => DecidedAt is { } at ? DaysFromPublication(at) : null;

    /// <summary>Whether a technology appraisal was decided within its funding period; null for other guidance and undecided ones.</summary>
    [JsonIgnore] public bool? DecidedWithinFunding =>
        Type == GuidanceType.TA && DecidedAt is { } at ? UkTime.DateOf(at) <= PublishedOn.AddDays(FundingDays) : null;

    [JsonIgnore] public ComplianceAssessment? Latest => Assessments.IsEmpty ? null : Assessments[^1];

    private int DaysFromPublication(DateTimeOffset at) => Math.Max(0, UkTime.DateOf(at).DayNumber - PublishedOn.DayNumber);

    public static ReviewBenchmark? Evolve(ReviewBenchmark? state, IReviewEvent e)
    {
        if (e is GuidanceReviewOpened o)
            return new(o.ReviewId, o.Group, o.GuidanceId.Trim().ToUpperInvariant(), o.GuidanceType, o.PublishedOn, o.OpenedAt)
                { FundingDays = o.FundingDays ?? DeadlinePolicy.FundingDays };
        if (state is null) return null;
        var compliance = ComplianceOverTime.Evolve(state.Compliance, e);
        state = state with { Numbers = compliance.Numbers, Answers = compliance.Answers, Assessments = compliance.Assessments };
        return e switch
        {
            ResponseWindowClosed c => state with { ClosedAt = c.ClosedAt },
            FinancialImpactAssessed f => state with
            {
                NetCostPer100k = f.LocalPopulation <= 0 ? null : Math.Round(f.Total.Sum(y => y.NetCost) / f.LocalPopulation * 100_000m, 0),
                CostedAt = f.LocalPopulation <= 0 ? null : f.AssessedAt,
            },
            DecisionRecorded d => state with { DecidedAt = d.DecidedAt, Outcome = d.Outcome },
            DecisionAmended a => state with { Outcome = a.Outcome },
            FundingPeriodSet f => state with { FundingDays = f.Days },
            ReviewClosed => state with { Closed = true },
            _ => state,
        };
    }
}

/// <summary>What benchmarking needs of one group's triage of one product: how long after publication it was triaged.</summary>
public sealed record TriageBenchmark(Guid Id, string Group, string Guidance, DateOnly Issued, DateTimeOffset? TriagedAt)
{
    [JsonIgnore] public int? DaysToTriage => TriagedAt is { } at ? Math.Max(0, UkTime.DateOf(at).DayNumber - Issued.DayNumber) : null;

    public static TriageBenchmark? Evolve(TriageBenchmark? state, object e) => e switch
    {
        Triage.GuidanceQueuedForTriage q => new(q.TriageId, q.Group, q.GuidanceNumber.Trim().ToUpperInvariant(), q.Issued, null),
        Triage.GuidanceTriagedRelevant r when state is { TriagedAt: null } => state with { TriagedAt = r.TriagedAt },
        Triage.GuidanceTriagedNotRelevant n when state is { TriagedAt: null } => state with { TriagedAt = n.TriagedAt },
        Triage.GuidanceTriagedAlreadyCovered c when state is { TriagedAt: null } => state with { TriagedAt = c.TriagedAt },
        _ => state,
    };
}
