using System.Globalization;
using System.Text;
using GuidanceFlow.Api.Pages;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Library;

/// <summary>
/// The system's draft of a decided review's case study, written from the review's own record: the guidance, the outcome and
/// rationale, compliance by sector, the barriers raised, the financial impact (and per 100,000 population a year), the agreed
/// actions. People are named by organisation and role only, unless the chair asks for names.
/// </summary>
public static class CaseStudyDraft
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static LibraryContent From(ReviewView review, bool includeNames)
    {
        // Undecided: nothing to draft from (the rule refuses the draft, saying why).
        if (review.Decision is not { } decision) return new LibraryContent(review.Title, "", [], [review.GuidanceId], [], null, CostBand.NotKnown);
        var sections = new List<LibrarySection>
        {
            new("Decision and rationale", Join(
                $"Outcome: {Words.Outcome(decision.Outcome)}, decided {UkTime.Format(UkTime.DateOf(decision.DecidedAt))}.",
                decision.Rationale,
                string.IsNullOrWhiteSpace(decision.Risk) ? null : $"Risk accepted: {decision.Risk}")),
        };
        if (ComplianceBySector(review) is { Length: > 0 } compliance) sections.Add(new("Compliance by sector", compliance));
        if (Barriers(review, includeNames) is { Length: > 0 } barriers) sections.Add(new("Barriers raised", barriers));
        sections.Add(new("Financial impact", FinancialImpact(review)));
        if (decision.Actions.Count > 0)
            sections.Add(new("Agreed actions", string.Join("\n", decision.Actions.Select(a =>
                $"- {a.Description} (due {a.Due.ToString("d MMMM yyyy", EnGb)}{(includeNames ? $", {a.Owner}" : "")})"))));

        var organisations = review.Stakeholders.Select(s => s.Organisation).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var summary = $"{review.Group} reviewed {review.GuidanceId} ({review.Title}) with {Count(review.InvitedCount, "stakeholder")} from " +
                      $"{Count(organisations, "organisation")} and decided: {Words.Outcome(decision.Outcome).ToLowerInvariant()}.";
        return new LibraryContent(
            Title: $"{review.GuidanceId} {review.Title}: how {review.Group} implemented it",
            Summary: summary,
            Sections: sections,
            Guidance: [review.GuidanceId],
            Sectors: review.Stakeholders.Select(s => s.Sector).Distinct().Order().ToList(),
            Region: null,
            CostBand: LibraryRules.BandOf(NetCostPer100kPerYear(review)),
            Organisation: review.Group);
    }

    /// <summary>The net cost a year (averaged over NICE's five years) per 100,000 population; null without a financial assessment.</summary>
    public static decimal? NetCostPer100kPerYear(ReviewView review) =>
        review.FinancialImpact is { LocalPopulation: > 0 } f
            ? Math.Round(f.Total.Sum(y => y.NetCost) / ResourceImpact.HorizonYears * 100_000m / f.LocalPopulation, 0, MidpointRounding.AwayFromZero)
            : null;

    private static string ComplianceBySector(ReviewView review)
    {
        var lines = review.Recommendations.SelectMany(r => r.BySector)
            .GroupBy(s => s.Sector).OrderBy(g => g.Key)
            .Select(g =>
            {
                var answers = g.SelectMany(s => s.Responses).GroupBy(r => r.Compliance).ToDictionary(c => c.Key, c => c.Count());
                var parts = Enum.GetValues<Compliance>().Where(answers.ContainsKey).Select(c => $"{Words.Compliance(c).ToLowerInvariant()} {answers[c]}");
                return $"- {Words.Sector(g.Key)}: {string.Join(", ", parts)}";
            });
        return string.Join("\n", lines);
    }

    private static string Barriers(ReviewView review, bool includeNames)
    {
        var byId = review.Stakeholders.ToDictionary(s => s.StakeholderId);
        var lines = review.Recommendations.SelectMany(r => r.Barriers.Select(b => (r.Number, Barrier: b)))
            .Select(x =>
            {
                var who = byId.TryGetValue(x.Barrier.StakeholderId, out var s)
                    ? $"{s.Organisation}, {Words.Discipline(s.Discipline).ToLowerInvariant()}{(includeNames ? $" ({s.Name})" : "")}"
                    : Words.Sector(x.Barrier.Sector);
                return $"- Recommendation {x.Number} ({who}): {x.Barrier.Text}";
            });
        return string.Join("\n", lines);
    }

    private static string FinancialImpact(ReviewView review)
    {
        if (review.FinancialImpact is { } f)
        {
            var fiveYears = f.Total.Sum(y => y.NetCost);
            var per100k = NetCostPer100kPerYear(review)!.Value;
            return Join(
                $"Net cost over five years for a population of {f.LocalPopulation.ToString("N0", EnGb)}: {Money(fiveYears)}.",
                $"That is {Money(per100k)} a year per 100,000 population.",
                f.Substantial ? "The impact is substantial by NICE's measure." : null);
        }
        return review.FinancialImpactNotNeededReason is { } reason
            ? $"No financial assessment was needed: {reason}"
            : "The financial impact was not assessed.";
    }

    private static string Money(decimal amount) =>
        (amount < 0 ? "a saving of " : "") + Math.Abs(amount).ToString("C0", EnGb);

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Join(params string?[] paragraphs) =>
        string.Join("\n\n", paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)));
}
