using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>The chair sets (or moves) the group meeting at which the decision is due; its escalation follows it.</summary>
public sealed class MeetingModel : ReviewPage
{
    [BindProperty] public DateParts MeetingAt { get; set; } = new();
    [BindProperty] public string? MeetingTime { get; set; } = "14:00";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (Review.DecisionMeetingAt is { } at)
        {
            var uk = UkTime.ToUk(at);
            (MeetingAt, MeetingTime) = (DateParts.From(DateOnly.FromDateTime(uk.DateTime)), uk.ToString("HH:mm"));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        var date = MeetingAt.Read("meetingAt", "the date of the meeting", Errors, required: true);
        var time = FormValues.Time(MeetingTime, "meetingTime", Errors);
        var at = date is { } d && time is { } t ? UkTime.At(d, t) : default;
        if (!await SendAsync(new ScheduleDecisionMeeting(Id, at, Version, User.ToActor(Roles.Chair)))) return Page();
        return Done($"The decision meeting is set for {UkTime.Format(at)}.", ReviewUrl);
    }
}
