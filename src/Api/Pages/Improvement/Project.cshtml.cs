using System.Globalization;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Domain.Improvement;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>
/// One improvement project: its aim and team, each measure's XmR chart with the table beside it and its icons in words, and its
/// PDSA cycles; for its team, forms to record measurements, define a measure, start a cycle and complete the project — the same
/// commands as the API's.
/// </summary>
public sealed class ProjectModel : MeasureFormPage
{
    [BindProperty] public Guid? Measure { get; set; }
    [BindProperty] public DateParts Period { get; set; } = new();
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Note { get; set; }


    [BindProperty] public string? CycleTitle { get; set; }
    [BindProperty] public string? Plan { get; set; }

    [BindProperty] public string? Summary { get; set; }

    [BindProperty] public List<string> Sectors { get; set; } = [];
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? CostBand { get; set; }

    public bool MayShare => ProjectRules.MayShare(Project, Viewer);


    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    /// <summary>A measure's chart as a table, to download: each period with its value, the lines it is judged against and what the rules say.</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid measure)
    {
        if (await LoadAsync() is { } missing) return missing;
        if (Project.Measure(measure) is not { } m) return NotFound();
        var chart = m.Chart();
        var rows = chart.Points.Select(p => (IReadOnlyList<object?>)[p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Value, p.Mean, p.UpperLimit,
            p.LowerLimit, p.MovingRange, ProjectWords.Signal(p)]).ToList();
        var csv = TableWorkbook.Csv(["Period", m.Definition.Name, "Mean", "Upper process limit", "Lower process limit", "Moving range", "Signal"], rows);
        return File(System.Text.Encoding.UTF8.GetBytes(csv), TableWorkbook.CsvContentType, $"project-{Id}-measure-{measure}.csv");
    }

    /// <summary>A measure's chart as an SVG image to download, described inside the file for whoever opens it.</summary>
    public async Task<IActionResult> OnGetSvgAsync(Guid measure)
    {
        if (await LoadAsync() is { } missing) return missing;
        if (Project.Measure(measure) is not { } m) return NotFound();
        return File(System.Text.Encoding.UTF8.GetBytes(ProjectWords.ChartFile(m)), ProjectWords.SvgContentType, $"project-{Id}-measure-{measure}.svg");
    }

    public async Task<IActionResult> OnPostMeasurementAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        var period = Period.Read("period", "the period", Errors, required: true);
        var value = Number(Value, "value", "the value", required: true);
        if (Measure is null) Errors.Add("measure", "Choose the measure");
        if (Errors.Any) return Page();
        var command = new RecordMeasurements(Id, Measure!.Value, [new Measurement(period!.Value, value!.Value, Note)], MeasurementSource.Page, Viewer,
            Actor);
        if (!await SendAsync(command, path => path.Split('.')[^1])) return await AgainAsync();
        return Done($"Recorded {ProjectWords.Number(value.Value)} for {ProjectWords.Period(period.Value)}.", ProjectUrl);
    }

    public async Task<IActionResult> OnPostMeasureAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (ReadMeasure() is not { } definition) return Page();
        if (!await SendAsync(new DefineMeasure(Id, Guid.CreateVersion7(), definition, Viewer, Actor))) return await AgainAsync();
        return Done($"The measure \"{definition.Name.Trim()}\" is defined. Record its data below.", ProjectUrl);
    }

    public async Task<IActionResult> OnPostCycleAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        var command = new RecordPdsaCycle(Id, Guid.CreateVersion7(), new PdsaNotes(CycleTitle ?? "", Plan ?? ""), Viewer, Actor);
        if (!await SendAsync(command, path => path == "title" ? "cycleTitle" : path)) return await AgainAsync();
        return Done("The cycle has started.", ProjectUrl);
    }

    /// <summary>The completed project shared with the learning library, where an editor reviews it before anyone else reads it.</summary>
    public async Task<IActionResult> OnPostShareAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        var sectors = Sectors.Select(x => Enum.TryParse<Domain.Reviews.Sector>(x, out var s) ? s : (Domain.Reviews.Sector?)null).ToList();
        if (sectors.Any(x => x is null)) Errors.Add("sectors", "Choose sectors from the list");
        Domain.Library.NhsRegion? region = null;
        if (!string.IsNullOrEmpty(Region))
            region = Enum.TryParse<Domain.Library.NhsRegion>(Region, out var r) ? r : Fail<Domain.Library.NhsRegion>("region", "Choose a region from the list");
        if (!Enum.TryParse<Domain.Library.CostBand>(CostBand ?? nameof(Domain.Library.CostBand.NotKnown), out var band)) Errors.Add("costBand", "Choose what it costs from the list");
        if (Errors.Any) return Page();
        var command = new ShareProjectWithLibrary(Id, region, band, sectors.OfType<Domain.Reviews.Sector>().ToList(), Viewer, Actor);
        if (!await SendAsync(command)) return await AgainAsync();
        return Done("The project is shared with the learning library. A library editor reads it before other groups can find it; you can edit the entry until then.",
            $"/library/entries/{Domain.Library.LibraryEntry.ProjectEntryIdFor(Id)}");
    }

    private T? Fail<T>(string field, string message) where T : struct
    {
        Errors.Add(field, message);
        return null;
    }

    public async Task<IActionResult> OnPostCompleteAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (!await SendAsync(new CompleteProject(Id, Summary ?? "", Viewer, Actor))) return await AgainAsync();
        return Done("The project is completed and kept as it ended.", ProjectUrl);
    }
}
