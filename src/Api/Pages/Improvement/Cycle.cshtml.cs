using GuidanceFlow.Domain.Improvement;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>One PDSA cycle written up by the project's team as it goes: the change and plan, then what was done, studied and acted on, with dates.</summary>
public sealed class CycleModel : ProjectPage
{
    [FromRoute] public Guid CycleId { get; set; }

    public PdsaCycle Cycle { get; private set; } = null!;

    [BindProperty] public string? CycleTitle { get; set; }
    [BindProperty] public string? Plan { get; set; }
    [BindProperty] public string? Do { get; set; }
    [BindProperty] public string? Study { get; set; }
    [BindProperty] public string? Act { get; set; }
    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public DateParts EndedOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadCycleAsync() is { } missing) return missing;
        var n = Cycle.Notes;
        (CycleTitle, Plan, Do, Study, Act) = (n.Title, n.Plan, n.Do, n.Study, n.Act);
        (StartedOn, EndedOn) = (DateParts.From(n.StartedOn), DateParts.From(n.EndedOn));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadCycleAsync() is { } missing) return missing;
        var started = StartedOn.Read("startedOn", "the day the cycle started", Errors, required: false);
        var ended = EndedOn.Read("endedOn", "the day the cycle ended", Errors, required: false);
        if (Errors.Any) return Page();
        var notes = new PdsaNotes(CycleTitle ?? "", Plan ?? "", Do, Study, Act, started, ended);
        if (!await SendAsync(new RecordPdsaCycle(Id, CycleId, notes, Viewer, Actor), path => path == "title" ? "cycleTitle" : path))
            return await LoadCycleAsync() ?? Page();
        return Done($"Cycle {Cycle.Number} is written up.", ProjectUrl + $"#cycle-{Cycle.Number}");
    }

    private async Task<IActionResult?> LoadCycleAsync()
    {
        if (await LoadAsync(edit: true) is { } denied) return denied;
        if (Project.Cycles.Find(c => c.Id == CycleId) is not { } cycle)
        {
            HttpContext.Items[ErrorModel.MessageKey] = $"The project has no cycle with the id {CycleId}.";
            return NotFound();
        }
        Cycle = cycle;
        return null;
    }
}
