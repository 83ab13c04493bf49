using GuidanceFlow.Api.Identity;
using Marten;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>
/// The collated response, one record for every organisation. With a date, the view as it stood at
/// the end of that day, rebuilt from the events (as the API's ?asOf= does).
/// </summary>
public sealed class SharedModel : ReviewPage
{
    [BindProperty(SupportsGet = true)] public DateParts AsOf { get; set; } = new();

    /// <summary>A version to show (the timeline links each change to the view just after it).</summary>
    [BindProperty(SupportsGet = true)] public long? At { get; set; }

    public ReviewView View { get; private set; } = null!;
    public DateTimeOffset? AsOfMoment { get; private set; }
    /// <summary>When the change shown (?at=) was made: people know a change by when it happened, not by its number.</summary>
    public DateTimeOffset? AsOfChangeAt { get; private set; }

    /// <summary>Everyone's responses as a workbook for board papers: the group's members, as the API's collated.xlsx.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        if (!IsMember)
        {
            HttpContext.Items[ErrorModel.MessageKey] = "The collated workbook is for the group's members; stakeholders read the collated response here.";
            return StatusCode(403);
        }
        return File(GuidanceFlow.Api.Spreadsheets.CollatedWorkbook.Write(Review, Now), GuidanceFlow.Api.Spreadsheets.BaselineWorkbook.ContentType,
            $"{Review.GuidanceId}-collated-responses.xlsx");
    }

    private Task<ReviewView?> ViewAt(long? version, DateTimeOffset? moment) =>
        ReviewViewSnapshotProjection.ViewAtAsync(Query, Id, version, moment, Ct);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        View = Review;
        if (At is { } at)
        {
            // A link from the timeline: the view just after that change. A number outside the record says so.
            if (at < 1 || at > Review.Version)
            {
                Errors.Add("asOf", $"That link is to a change this review does not have: its record holds {Words.Count((int)Review.Version, "change")}. " +
                                   "This is the view as it is now");
                return Page();
            }
            var change = await Query.Events.QueryAllRawEvents().Where(e => e.StreamId == Id && e.Version == at).FirstOrDefaultAsync(Ct);
            AsOfChangeAt = change?.Timestamp;
            if (at < Review.Version) View = await Access.AsSeenAsync(await ViewAt(at, null) ?? Review, Ct);
            return Page();
        }
        var date = AsOf.Read("asOf", "the date", Errors, required: false);
        if (date is null) return Page();

        var today = UkTime.DateOf(Now);
        if (date > today)
        {
            Errors.Add("asOf", $"The date must be today or in the past: {Words.Date(date)} is after today, {Words.Date(today)}");
            return Page();
        }
        if (date == today) return Page(); // the end of today is the view as it is now
        var moment = UkTime.At(date.Value, new TimeOnly(23, 59, 59));
        // Rebuilt from the nearest snapshot and the events after it, as the API's ?asOf= does.
        var then = await ViewAt(null, moment);
        if (then is null)
        {
            Errors.Add("asOf", $"The review was opened on {Words.Date(UkTime.DateOf(Review.OpenedAt))}: choose that date or a later one");
            return Page();
        }
        View = await Access.AsSeenAsync(then, Ct);
        AsOfMoment = moment;
        return Page();
    }
}
