using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Improvement;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>
/// What every project page shares: the project from the route, read only by those the project's rules let read it (404 for the
/// rest, as the API), whether the reader may change it, and the page again after a refused command.
/// </summary>
public abstract class ProjectPage : GuidancePage
{
    [FromRoute] public Guid Id { get; set; }

    public ImprovementProject Project { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    protected ProjectViewer Viewer { get; private set; } = null!;

    /// <summary>Who is reading, for the view's questions to the project's rules.</summary>
    public ProjectViewer ViewerOf => Viewer;
    public string ProjectUrl => $"/projects/{Id}";

    /// <summary>Null when the project was read; else the 404 page. With <paramref name="edit"/>, a reader who may not change it gets 403.</summary>
    protected async Task<IActionResult?> LoadAsync(bool edit = false)
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
        if (edit && !MayEdit)
        {
            HttpContext.Items[ErrorModel.MessageKey] = project.Status == ProjectStatus.Completed
                ? "The project is completed: it is kept as it ended, not changed."
                : ProjectRules.TeamOnly;
            return StatusCode(403);
        }
        return null;
    }

    /// <summary>The page again after a refused command, with the project as it now stands.</summary>
    protected async Task<IActionResult> AgainAsync() => await LoadAsync() ?? Page();

    protected Domain.Reviews.Actor Actor => User.ToActor("ProjectMember");

    protected decimal? Number(string? text, string field, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) Errors.Add(field, $"Enter {what}");
            return null;
        }
        if (decimal.TryParse(text.Trim().Replace(",", ""), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture,
                out var number))
            return number;
        Errors.Add(field, $"Enter {what} as a number, like 12 or 7.5");
        return null;
    }
}

/// <summary>A project page with the measure form (define on the project page, revise on the measure's): its fields and how they are read.</summary>
public abstract class MeasureFormPage : ProjectPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? OperationalDefinition { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Direction { get; set; }
    [BindProperty] public string? Baseline { get; set; }
    [BindProperty] public string? Target { get; set; }

    /// <summary>The measure as the form gives it, or null with each field's problem on <see cref="GuidancePage.Errors"/>.</summary>
    protected MeasureDefinition? ReadMeasure()
    {
        if (!Enum.TryParse<Domain.Direction>(Direction, out var direction)) Errors.Add("direction", "Choose which way the measure improves");
        var baseline = Number(Baseline, "baseline", "the baseline", required: false);
        var target = Number(Target, "target", "the target", required: false);
        return Errors.Any ? null : new MeasureDefinition(Name ?? "", OperationalDefinition ?? "", Unit ?? "", direction, baseline, target);
    }
}
