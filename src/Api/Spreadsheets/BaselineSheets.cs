using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using Marten;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>What goes into a review's baseline assessment workbook, for the API and the pages alike.</summary>
public static class BaselineSheets
{
    /// <summary>The stakeholder's sheet (their latest answers, their draft on top), or the group's blank one when <paramref name="stakeholder"/> is null.</summary>
    public static async Task<BaselineSheet> ForAsync(ReviewView view, Stakeholder? stakeholder, IQuerySession query, DateTimeOffset now,
        string publicUrl, CancellationToken ct)
    {
        var answers = new Dictionary<string, RecommendationResponse>();
        if (stakeholder is not null)
        {
            foreach (var latest in view.Responses.Where(r => r.StakeholderId == stakeholder.StakeholderId))
                answers[latest.Response.RecommendationNumber] = latest.Response;
            // A draft is newer than what was submitted: it is what they were working on.
            if (await query.LoadAsync<ResponseDraft>(ResponseDraft.IdFor(view.Id, stakeholder.StakeholderId), ct) is { } draft)
                foreach (var answer in draft.Responses) answers[answer.RecommendationNumber] = answer;
        }
        return new BaselineSheet(view.Id, view.Version, view.GuidanceId, view.Title, view.PublishedOn, view.Group, view.ResponseDeadline,
            stakeholder is null ? $"{view.Group} (blank, for the chair)" : $"{stakeholder.Name}, {stakeholder.Organisation}",
            stakeholder?.StakeholderId, BaselineWorkbook.GridFingerprint(view.Recommendations.Select(r => (r.Number, r.Text))),
            view.Recommendations.Select(r => new BaselineRow(r.Number, r.Text, r.Strength, answers.GetValueOrDefault(r.Number))).ToList(),
            now, $"{publicUrl.TrimEnd('/')}/reviews/{view.Id}");
    }

    public static string FileName(ReviewView view, Stakeholder? stakeholder) =>
        $"{view.GuidanceId}-baseline-assessment{(stakeholder is null ? "" : "-" + stakeholder.StakeholderId)}.xlsx";
}
