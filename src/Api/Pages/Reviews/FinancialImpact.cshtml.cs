using System.Text.RegularExpressions;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

public sealed class YearForm
{
    public string? OneOffCost { get; set; }
    public string? RecurrentCost { get; set; }
    public string? OneOffSaving { get; set; }
    public string? RecurrentSaving { get; set; }

    public string?[] Values => [OneOffCost, RecurrentCost, OneOffSaving, RecurrentSaving];
}

public sealed class CostLineForm
{
    public string? Organisation { get; set; }
    public string? Sector { get; set; }
    public string? RecommendationNumber { get; set; }
    public string? Description { get; set; }
    public List<YearForm> Years { get; set; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(Organisation) && string.IsNullOrWhiteSpace(Description)
        && Years.All(y => y.Values.All(string.IsNullOrWhiteSpace));

    public static CostLineForm From(CostLine? line) => new()
    {
        Organisation = line?.Organisation, Sector = line?.Sector.ToString(), RecommendationNumber = line?.RecommendationNumber,
        Description = line?.Description,
        Years = Enumerable.Range(1, ResourceImpact.HorizonYears).Select(y => line?.Years.FirstOrDefault(f => f.Year == y) is { } f
            ? new YearForm
            {
                OneOffCost = FormValues.Number(f.OneOffCost), RecurrentCost = FormValues.Number(f.RecurrentCost),
                OneOffSaving = FormValues.Number(f.OneOffSaving), RecurrentSaving = FormValues.Number(f.RecurrentSaving),
            }
            : new YearForm()).ToList(),
    };
}

/// <summary>
/// The finance lead (or chair) records who bears what over NICE's five-year horizon; GuidanceFlow
/// works out whether the impact is substantial. The chair can instead say none is needed, and why.
/// </summary>
public sealed partial class FinancialImpactModel : ReviewPage
{
    [BindProperty] public string? LocalPopulation { get; set; }
    [BindProperty] public List<CostLineForm> Lines { get; set; } = [];
    [BindProperty] public string? Intent { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public bool CanRecord => Review.Progress.FinancialImpactMayChange;
    public bool PrefilledFromEstimates { get; private set; }

    /// <summary>Net cost per year across the lines as typed so far (unreadable figures count as nothing), for the running totals.</summary>
    public decimal[] NetByYear => Enumerable.Range(0, ResourceImpact.HorizonYears).Select(y => Lines.Sum(l =>
        l.Years.Count > y ? Number(l.Years[y].OneOffCost) + Number(l.Years[y].RecurrentCost) - Number(l.Years[y].OneOffSaving) - Number(l.Years[y].RecurrentSaving) : 0)).ToArray();

    private static decimal Number(string? text) =>
        decimal.TryParse(text?.Replace(",", "").Replace("£", "").Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.FinancialImpact) is { } denied) return denied;
        var current = Review.FinancialImpact;
        LocalPopulation = current?.LocalPopulation.ToString();
        // Not yet recorded: start from the stakeholders' own estimates, to be checked and edited.
        var estimated = current is null ? Review.CostLinesFromEstimates() : [];
        PrefilledFromEstimates = estimated.Count > 0;
        Lines = current is not null ? current.Lines.Select(CostLineForm.From).ToList()
            : estimated.Count > 0 ? estimated.Select(CostLineForm.From).ToList()
            : [CostLineForm.From(null)];
        return Page();
    }

    public async Task<IActionResult> OnPostAssessAsync()
    {
        if (await LoadAsync(Need.FinancialImpact) is { } denied) return denied;
        foreach (var line in Lines)
            while (line.Years.Count < ResourceImpact.HorizonYears) line.Years.Add(new YearForm());
        if (Lines.Count == 0) Lines.Add(CostLineForm.From(null));

        // Adding a line only redraws the form; nothing is sent. A line left blank is dropped.
        if (Intent?.StartsWith("copy:") == true && int.TryParse(Intent[5..], out var copied) && copied >= 0 && copied < Lines.Count)
        {
            // Year 1's recurrent cost and saving into years 2 to 5; a one-off figure happens once, so it is not copied.
            var first = Lines[copied].Years[0];
            foreach (var year in Lines[copied].Years.Skip(1))
                (year.RecurrentCost, year.RecurrentSaving) = (first.RecurrentCost, first.RecurrentSaving);
            ModelState.Clear(); // the form shows the copied figures, not the ones posted
            return Page();
        }
        Lines = Lines.Where((l, i) => i == 0 || !l.IsBlank).ToList();
        if (Intent == "add")
        {
            Lines.Add(CostLineForm.From(null));
            return Page();
        }

        var population = FormValues.WholeNumber(LocalPopulation, "localPopulation", "the population of the health economy", Errors);
        var lines = new List<CostLine>();
        var yearIndex = new List<List<int>>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var form = Lines[i];
            var p = $"lines[{i}]";
            if (!Enum.TryParse<Sector>(form.Sector, out var sector)) Errors.Add($"{p}.sector", "Choose the sector");
            var years = new List<YearFigures>();
            var index = new List<int>();
            for (var y = 0; y < ResourceImpact.HorizonYears; y++)
            {
                var f = form.Years[y];
                var name = $"{p}.years[{y}]";
                decimal? Read(string value, string field) => FormValues.Money(value, $"{name}.{field}", Errors);
                var figures = new[] { Read(f.OneOffCost!, "oneOffCost"), Read(f.RecurrentCost!, "recurrentCost"),
                    Read(f.OneOffSaving!, "oneOffSaving"), Read(f.RecurrentSaving!, "recurrentSaving") };
                if (figures.All(x => x is null)) continue;
                years.Add(new YearFigures(y + 1, figures[0] ?? 0, figures[1] ?? 0, figures[2] ?? 0, figures[3] ?? 0));
                index.Add(y);
            }
            lines.Add(new CostLine(form.Organisation?.Trim() ?? "", sector, years,
                string.IsNullOrWhiteSpace(form.RecommendationNumber) ? null : form.RecommendationNumber, Blank(form.Description)));
            yearIndex.Add(index);
        }

        // The validator numbers only the years sent; the form has all five.
        string Field(string path)
        {
            var match = YearPath().Match(path);
            if (match.Success)
            {
                var line = int.Parse(match.Groups[1].Value);
                return $"lines[{line}].years[{yearIndex[line][int.Parse(match.Groups[2].Value)]}].{match.Groups[3].Value}";
            }
            var noYears = NoYearsPath().Match(path);
            return noYears.Success ? $"lines[{noYears.Groups[1].Value}].years[0].oneOffCost" : path;
        }
        var command = new AssessFinancialImpact(Id, population ?? 0, lines, Version,
            User.ToActor(IsFinanceLead ? Roles.FinanceLead : Roles.Chair));
        if (!await SendAsync(command, Field)) return Page();
        return Done("The financial impact has been recorded.", ReviewUrl);
    }

    public async Task<IActionResult> OnPostNotNeededAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        Lines = [CostLineForm.From(null)];
        if (!await SendAsync(new MarkFinancialImpactNotNeeded(Id, Reason?.Trim() ?? "", Version, User.ToActor(Roles.Chair)))) return Page();
        return Done("Recorded that no financial assessment is needed.", ReviewUrl);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^lines\[(\d+)\]\.years\[(\d+)\]\.(.+)$")]
    private static partial Regex YearPath();

    [GeneratedRegex(@"^lines\[(\d+)\]\.years$")]
    private static partial Regex NoYearsPath();
}
