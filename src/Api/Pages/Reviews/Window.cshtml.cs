using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>The chair opens the response window with its deadline, or closes it early.</summary>
public sealed class WindowModel(TimeProvider clock) : ReviewPage
{
    [BindProperty] public DateParts Deadline { get; set; } = new();
    [BindProperty] public string? DeadlineTime { get; set; } = "17:00";
    [BindProperty] public DateParts NewDue { get; set; } = new();
    [BindProperty] public string? NewDueTime { get; set; } = "17:00";
    [BindProperty] public string? Reason { get; set; }
    /// <summary>Closing early cannot be undone: the first press asks, the second (with this set) closes.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    public bool AskingToConfirm { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        // A sensible default: four weeks from today.
        Deadline = DateParts.From(DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow()).DateTime).AddDays(28));
        // Extending: a week after the current deadline.
        if (Review.ResponseDeadline is { } current) NewDue = DateParts.From(DateOnly.FromDateTime(UkTime.ToUk(current).DateTime).AddDays(7));
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

    public async Task<IActionResult> OnPostExtendAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        var date = NewDue.Read("newDue", "the new deadline", Errors, required: true);
        var time = FormValues.Time(NewDueTime, "newDueTime", Errors);
        var due = date is { } d && time is { } t ? UkTime.At(d, t) : default;
        var command = new ExtendDeadline(Id, DeadlineKind.ResponseWindow, due, Reason?.Trim() ?? "", Version, User.ToActor(Roles.Chair));
        if (!await SendAsync(command)) return Page();
        return Done($"The deadline is now {UkTime.Format(due)}. Reminders have moved with it.", ReviewUrl);
    }

    public async Task<IActionResult> OnPostRemindAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        var waiting = Review.NotResponded.Count;
        if (!await SendAsync(new RemindNonResponders(Id, Version, User.ToActor(Roles.Chair)))) return Page();
        return Done($"{Words.Count(waiting, "reminder has", "reminders have")} been sent. Each is in the review's timeline.", $"{ReviewUrl}/window");
    }

    /// <summary>What the open window is called: the response window, or a re-assessment round.</summary>
    public string WindowName => Review.Status == ReviewStatus.Reassessing ? $"re-assessment round {Review.Round}" : "the response window";

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (!Confirmed && Review.Progress.CollectingResponses)
        {
            AskingToConfirm = true;
            return Page();
        }
        if (!await SendAsync(new CloseResponseWindow(Id, WindowClosure.ByChair, Version, User.ToActor(Roles.Chair)))) return Page();
        return Done(Review.Round == 0 ? "The response window is closed and the collated response has been shared."
            : $"Re-assessment round {Review.Round} is closed and the collated response has been shared. Compliance over time is on the review.", ReviewUrl);
    }
}
