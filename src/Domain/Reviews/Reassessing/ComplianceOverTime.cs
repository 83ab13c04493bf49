using System.Collections.Immutable;
using System.Text.Json.Serialization;
using GuidanceFlow.Domain.Benchmarking;

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The one home of a review's compliance over time: each stakeholder's answers as they stand, and the group's compliance
/// per recommendation (<see cref="GroupCompliance"/>) recorded at each assessment — the baseline when the first window
/// closed, then each re-assessment round as it closes. The review's view and benchmarking fold it; the decision audit reads benchmarking's copy.
/// </summary>
public sealed record ComplianceOverTime
{
    public static readonly ComplianceOverTime Empty = new();

    public ImmutableList<string> Numbers { get; init; } = [];
    /// <summary>Each stakeholder's current answers: one letter per position of <see cref="Numbers"/>.</summary>
    public ImmutableSortedDictionary<string, string> Answers { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public ImmutableList<ComplianceAssessment> Assessments { get; init; } = [];

    [JsonIgnore] public ComplianceAssessment? Latest => Assessments.IsEmpty ? null : Assessments[^1];

    /// <summary>The group's compliance per recommendation from the answers as they stand.</summary>
    public ComplianceAssessment Assess(DateTimeOffset at, int round = 0) =>
        new(at, Numbers, new string(Numbers.Select((_, i) =>
            GroupCompliance.Letter(GroupCompliance.Of(Answers.Values.Select(codes => i < codes.Length ? GroupCompliance.FromLetter(codes[i]) : null)
                .OfType<Compliance>()))).ToArray()), round);

    /// <summary>
    /// The record for a review whose store was written before compliance over time was kept: its grid, each stakeholder's
    /// latest answers, and — once the first window has closed — the baseline then. Exact, since until re-assessment rounds
    /// existed no answer could change after the window closed.
    /// </summary>
    public static ComplianceOverTime Recovered(IEnumerable<string> numbers, IEnumerable<(string Stakeholder, RecommendationResponse Answer)> answers,
        DateTimeOffset? windowClosedAt)
    {
        var state = Empty with { Numbers = [.. numbers] };
        foreach (var (stakeholder, answer) in answers) state = state.Record(stakeholder, answer.RecommendationNumber, answer.Compliance);
        return windowClosedAt is { } at ? state with { Assessments = [state.Assess(at)] } : state;
    }

    public static ComplianceOverTime Evolve(ComplianceOverTime state, IReviewEvent e) => e switch
    {
        RecommendationGridCreated g => state with { Numbers = [.. g.Recommendations.Select(r => r.Number)], Answers = state.Answers.Clear() },
        StakeholderResponseSubmitted s => s.Responses.Aggregate(state, (b, r) => b.Record(s.StakeholderId, r.RecommendationNumber, r.Compliance)),
        GuidanceUpdateApplied u => state.Renumbered(u),
        // The baseline: the group's position when the window closed, on what its stakeholders said.
        ResponseWindowClosed c => state with { Assessments = state.Assessments.Add(state.Assess(c.ClosedAt)) },
        // A round: the answers given in it, and the last answers of those who did not answer again.
        ReassessmentClosed c => state with { Assessments = state.Assessments.Add(state.Assess(c.ClosedAt, c.Round)) },
        _ => state,
    };

    private ComplianceOverTime Record(string stakeholder, string number, Compliance compliance)
    {
        var numbers = Numbers.Contains(number) ? Numbers : Numbers.Add(number);
        var position = numbers.IndexOf(number);
        var codes = (Answers.GetValueOrDefault(stakeholder) ?? "").PadRight(numbers.Count, '-').ToCharArray();
        codes[position] = GroupCompliance.Letter(compliance);
        return this with { Numbers = numbers, Answers = Answers.SetItem(stakeholder, new string(codes)) };
    }

    // Answers follow a renumbered recommendation; those to reworded, withdrawn or removed ones are set aside (as in the shared view).
    private ComplianceOverTime Renumbered(GuidanceUpdateApplied u)
    {
        var fresh = this with { Numbers = [.. u.Recommendations.Select(r => r.Number)], Answers = Answers.Clear() };
        foreach (var (stakeholder, codes) in Answers)
            for (var i = 0; i < codes.Length && i < Numbers.Count; i++)
                if (GroupCompliance.FromLetter(codes[i]) is { } c && FollowNiceUpdate.NumberAfter(Numbers[i], u) is { } number)
                    fresh = fresh.Record(stakeholder, number, c);
        return fresh;
    }
}
