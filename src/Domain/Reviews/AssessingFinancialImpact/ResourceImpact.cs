using System.Globalization;

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// NICE's resource-impact method, scaled to a local population. Nationally (England, about 57
/// million people) guidance is "substantial" when one recommendation costs more than £1m a year,
/// or the whole guidance more than £5m a year, in any of the first five years. A local group
/// scales both thresholds by its share of that population. Cost here is net: costs minus savings.
/// </summary>
public static class ResourceImpact
{
    public const int HorizonYears = 5;
    public const decimal EnglandPopulation = 57_000_000m;
    public const decimal NationalRecommendationThreshold = 1_000_000m;
    public const decimal NationalGuidanceThreshold = 5_000_000m;

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static decimal ScaledThreshold(decimal national, int population) =>
        Math.Round(national * population / EnglandPopulation, 2, MidpointRounding.AwayFromZero);

    /// <summary>Five years, 1..5, with any year not given as zero.</summary>
    public static IReadOnlyList<YearFigures> Normalise(IEnumerable<YearFigures> years)
    {
        var given = years.GroupBy(y => y.Year).ToDictionary(g => g.Key, g => Sum(g.Key, g));
        return Enumerable.Range(1, HorizonYears)
            .Select(y => given.TryGetValue(y, out var f) ? f : new YearFigures(y, 0, 0, 0, 0))
            .ToList();
    }

    public static IReadOnlyList<YearFigures> SumByYear(IEnumerable<IReadOnlyList<YearFigures>> lines) =>
        Normalise(lines.SelectMany(l => l));

    public static FinancialImpactAssessed Assess(Guid reviewId, int population, IReadOnlyList<CostLine> lines, DateTimeOffset now)
    {
        var normalised = lines.Select(l => l with
        {
            RecommendationNumber = string.IsNullOrWhiteSpace(l.RecommendationNumber) ? null : l.RecommendationNumber.Trim(),
            Years = Normalise(l.Years),
        }).ToList();

        var recThreshold = ScaledThreshold(NationalRecommendationThreshold, population);
        var guidanceThreshold = ScaledThreshold(NationalGuidanceThreshold, population);
        var reasons = new List<string>();

        var byRecommendation = normalised
            .Where(l => l.RecommendationNumber is not null)
            .GroupBy(l => l.RecommendationNumber!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var years = SumByYear(g.Select(l => l.Years));
                var worst = years.MaxBy(y => y.NetCost)!;
                var substantial = worst.NetCost > recThreshold;
                if (substantial)
                    reasons.Add($"Recommendation {g.Key} costs {Money(worst.NetCost)} net in year {worst.Year}, " +
                                $"above {Money(recThreshold)} a year for a population of {population:N0}.");
                return new RecommendationImpact(g.Key, years, substantial);
            })
            .ToList();

        var total = SumByYear(normalised.Select(l => l.Years));
        var worstTotal = total.MaxBy(y => y.NetCost)!;
        if (worstTotal.NetCost > guidanceThreshold)
            reasons.Add($"The guidance as a whole costs {Money(worstTotal.NetCost)} net in year {worstTotal.Year}, " +
                        $"above {Money(guidanceThreshold)} a year for a population of {population:N0}.");

        return new FinancialImpactAssessed(reviewId, population, normalised, byRecommendation, total,
            recThreshold, guidanceThreshold, reasons.Count > 0, reasons, now);
    }

    private static YearFigures Sum(int year, IEnumerable<YearFigures> figures)
    {
        var list = figures.ToList();
        return new YearFigures(year, list.Sum(f => f.OneOffCost), list.Sum(f => f.RecurrentCost),
            list.Sum(f => f.OneOffSaving), list.Sum(f => f.RecurrentSaving));
    }

    private static string Money(decimal amount) => amount.ToString("C0", UkCulture);
}
