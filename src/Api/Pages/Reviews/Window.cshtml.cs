using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>The chair opens the response window with its deadline, or closes it early.</summary>
public sealed class WindowModel(TimeProvider clock) : ReviewPage
{
    [BindProperty] public DateParts Deadline { get; set; } = new();
    [BindProperty] public string? DeadlineTime { get; set; } = "17:00";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        // A sensible default: four weeks from today.
        Deadline = DateParts.From(DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow()).DateTime).AddDays(28));
        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        var date = Deadline.Read("deadline", "the deadline for responses", Errors, required: true);
        var time = FormValues.Time(DeadlineTime, "deadlineTime", Errors);
        var due = date is { } d && time is { } t ? UkTime.At(d, t) : default;
        if (Errors.Any) return Page();
        if (!await SendAsync(new OpenResponseWindow(Id, due, Version, User.ToActor(Roles.Chair)))) return Page();
        return Done($"The response window is open until {UkTime.Format(due)}. Stakeholders have been emailed.", ReviewUrl);
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (!await SendAsync(new CloseResponseWindow(Id, WindowClosure.ByChair, Version, User.ToActor(Roles.Chair)))) return Page();
        return Done("The response window is closed and the collated response has been shared.", ReviewUrl);
    }
}
