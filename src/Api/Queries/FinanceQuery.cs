using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using Marten;

namespace GuidanceFlow.Api.Queries;

public sealed record Money(decimal OneOffCost, decimal RecurrentCost, decimal OneOffSaving, decimal RecurrentSaving)
{
    public decimal Net => OneOffCost + RecurrentCost - OneOffSaving - RecurrentSaving;

    public static Money Sum(IEnumerable<YearFigures> years)
    {
        var list = years.ToList();
        return new(list.Sum(y => y.OneOffCost), list.Sum(y => y.RecurrentCost), list.Sum(y => y.OneOffSaving), list.Sum(y => y.RecurrentSaving));
    }
}

public sealed record OrganisationFinance(string Organisation, Sector Sector, Money Money);
public sealed record SectorFinance(Sector Sector, Money Money);
public sealed record ReviewFinanceLine(Guid ReviewId, string GuidanceId, string Title, bool Substantial, Money Money);

/// <summary>One year of the five for a whole health economy: who bears what, and the net position.</summary>
public sealed record YearFinance(
    int Year, IReadOnlyList<OrganisationFinance> ByOrganisation, IReadOnlyList<SectorFinance> BySector,
    IReadOnlyList<ReviewFinanceLine> Reviews, Money Economy);

public sealed record FinanceReport(string Group, int ReviewsAssessed, int SubstantialReviews, IReadOnlyList<YearFinance> Years);


/// <summary>A group's health-economy finances, from each review's latest financial impact.</summary>
public static class FinanceQuery
{
    /// <summary>One group's finance report (all five years, or one): for the API and the finance page.</summary>
    public static async Task<FinanceReport> ReportAsync(IQuerySession query, string group, int? year, CancellationToken ct)
    {
        var reviews = await query.Query<ReviewFinance>().Where(f => f.Group == group && f.Assessed).ToListAsync(ct);
        var years = year is { } y ? [y] : Enumerable.Range(1, ResourceImpact.HorizonYears);
        return new FinanceReport(group, reviews.Count, reviews.Count(r => r.Impact!.Substantial), years.Select(y => Year(reviews, y)).ToList());
    }

    private static YearFinance Year(IReadOnlyList<ReviewFinance> reviews, int year)
    {
        var lines = reviews.SelectMany(r => r.Impact!.Lines.Select(l => (Review: r, Line: l, Figures: l.Years.Where(f => f.Year == year)))).ToList();
        return new YearFinance(year,
            lines.GroupBy(l => (l.Line.Organisation, l.Line.Sector)).OrderBy(g => g.Key.Organisation)
                .Select(g => new OrganisationFinance(g.Key.Organisation, g.Key.Sector, Money.Sum(g.SelectMany(l => l.Figures)))).ToList(),
            lines.GroupBy(l => l.Line.Sector).OrderBy(g => g.Key)
                .Select(g => new SectorFinance(g.Key, Money.Sum(g.SelectMany(l => l.Figures)))).ToList(),
            reviews.OrderBy(r => r.GuidanceId)
                .Select(r => new ReviewFinanceLine(r.Id, r.GuidanceId, r.Title, r.Impact!.Substantial,
                    Money.Sum(r.Impact.Total.Where(f => f.Year == year)))).ToList(),
            Money.Sum(lines.SelectMany(l => l.Figures)));
    }
}
