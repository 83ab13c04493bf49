using GuidanceFlow.Api.Identity;
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
    public long? AsOfVersion { get; private set; }

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

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        View = Review;
        if (At is { } at && at >= 1 && at <= Review.Version)
        {
            if (at < Review.Version) View = await Query.Events.AggregateStreamAsync<ReviewView>(Id, at, token: Ct) ?? Review;
            AsOfVersion = at;
            return Page();
        }
        var date = AsOf.Read("asOf", "the date", Errors, required: false);
        if (date is null) return Page();

        var moment = UkTime.At(date.Value, new TimeOnly(23, 59, 59));
        if (moment >= Now) return Page(); // today or later is the view as it is now
        // Rebuilt from the events recorded up to that moment, as the API's ?asOf= does.
        var then = await Query.Events.AggregateStreamAsync<ReviewView>(Id, 0, moment, token: Ct);
        if (then is null)
        {
            Errors.Add("asOf", "The review had not been opened by that date");
            return Page();
        }
        View = then;
        AsOfMoment = moment;
        return Page();
    }
}
