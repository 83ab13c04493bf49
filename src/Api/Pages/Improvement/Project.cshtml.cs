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
public sealed class ProjectModel : GuidancePage
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public Guid? Measure { get; set; }
    [BindProperty] public DateParts Period { get; set; } = new();
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Note { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? OperationalDefinition { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Direction { get; set; }
    [BindProperty] public string? Baseline { get; set; }
    [BindProperty] public string? Target { get; set; }

    [BindProperty] public string? CycleTitle { get; set; }
    [BindProperty] public string? Plan { get; set; }

    [BindProperty] public string? Summary { get; set; }

    public ImprovementProject Project { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    private ProjectViewer Viewer { get; set; } = null!;
    private string Url => $"/projects/{Id}";

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

    public async Task<IActionResult> OnPostMeasurementAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        var period = Period.Read("period", "the period", Errors, required: true);
        var value = Number(Value, "value", "the value", required: true);
        if (Measure is null) Errors.Add("measure", "Choose the measure");
        if (Errors.Any) return Page();
        var command = new RecordMeasurements(Id, Measure!.Value, [new Measurement(period!.Value, value!.Value, Note)], MeasurementSource.Page, Viewer,
            User.ToActor("ProjectMember"));
        if (!await SendAsync(command, path => path.Split('.')[^1])) return await AgainAsync();
        return Done($"Recorded {ProjectWords.Number(value.Value)} for {ProjectWords.Period(period.Value)}.", Url);
    }

    public async Task<IActionResult> OnPostMeasureAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (!Enum.TryParse<Domain.Direction>(Direction, out var direction)) Errors.Add("direction", "Choose which way the measure improves");
        var baseline = Number(Baseline, "baseline", "the baseline", required: false);
        var target = Number(Target, "target", "the target", required: false);
        if (Errors.Any) return Page();
        var definition = new MeasureDefinition(Name ?? "", OperationalDefinition ?? "", Unit ?? "", direction, baseline, target);
        if (!await SendAsync(new DefineMeasure(Id, Guid.CreateVersion7(), definition, Viewer, User.ToActor("ProjectMember")))) return await AgainAsync();
        return Done($"The measure \"{definition.Name.Trim()}\" is defined. Record its data below.", Url);
    }

    public async Task<IActionResult> OnPostCycleAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        var command = new RecordPdsaCycle(Id, Guid.CreateVersion7(), new PdsaNotes(CycleTitle ?? "", Plan ?? ""), Viewer, User.ToActor("ProjectMember"));
        if (!await SendAsync(command, path => path == "title" ? "cycleTitle" : path)) return await AgainAsync();
        return Done("The cycle has started.", Url);
    }

    public async Task<IActionResult> OnPostCompleteAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (!await SendAsync(new CompleteProject(Id, Summary ?? "", Viewer, User.ToActor("ProjectMember")))) return await AgainAsync();
        return Done("The project is completed and kept as it ended.", Url);
    }

    /// <summary>The page again after a refused command, with the project as it now stands.</summary>
    private async Task<IActionResult> AgainAsync() => await LoadAsync() ?? Page();

    private decimal? Number(string? text, string field, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) Errors.Add(field, $"Enter {what}");
            return null;
        }
        if (decimal.TryParse(text.Trim().Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return number;
        Errors.Add(field, $"Enter {what} as a number, like 12 or 7.5");
        return null;
    }

    private async Task<IActionResult?> LoadAsync()
    {
        Viewer = new ProjectViewer(UserId, await Access.GroupsWhere(Ct));
        var project = await Query.LoadAsync<ImprovementProject>(Id, Ct);
        if (project is null || !ProjectRules.MayRead(project, Viewer))
        {
            HttpContext.Items[ErrorModel.MessageKey] = ProjectRules.NoSuchProject(Id);
            return NotFound();
        }
        Project = project;
        MayEdit = ProjectRules.MayEdit(project, Viewer) && project.Status == ProjectStatus.Active;
        return null;
    }
}
