using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>At the review date the chair opens a re-assessment round: its deadline, and the review date after it.</summary>
public sealed class ReassessmentModel(TimeProvider clock) : ReviewPage
{
    [BindProperty] public DateParts Deadline { get; set; } = new();
    [BindProperty] public string? DeadlineTime { get; set; } = "17:00";
    [BindProperty] public DateParts NextReviewDate { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        // Sensible defaults: four weeks to answer, and the next review a year after that.
        var deadline = DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow()).DateTime).AddDays(28);
        Deadline = DateParts.From(deadline);
        NextReviewDate = DateParts.From(deadline.AddYears(1));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        var date = Deadline.Read("deadline", "the deadline for answers", Errors, required: true);
        var time = FormValues.Time(DeadlineTime, "deadlineTime", Errors);
        var next = NextReviewDate.Read("nextReviewDate", "the next review date", Errors, required: false);
        if (Errors.Any) return Page();
        var due = UkTime.At(date!.Value, time!.Value);
        if (!await SendAsync(new OpenReassessment(Id, due, next, Version, User.ToActor(Roles.Chair)))) return Page();
        return Done($"Re-assessment round {Review.Round + 1} is open until {UkTime.Format(due)}. Everyone invited has been emailed; their last answers are filled in for them.",
            ReviewUrl);
    }
}
