using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>
/// After submitting: what GuidanceFlow received and when, answer by answer, so the stakeholder (or the colleague
/// responding for them) holds a copy. The same receipt is emailed to the stakeholder.
/// </summary>
public sealed class ReceiptModel : ReviewPage
{
    [BindProperty(SupportsGet = true)] public string? For { get; set; }

    public Stakeholder Stakeholder { get; private set; } = null!;
    public IReadOnlyList<LatestResponse> Answers { get; private set; } = [];
    public DateTimeOffset? ReceivedAt { get; private set; }
    public int Revision { get; private set; }
    public bool ForSomeoneElse => Stakeholder.StakeholderId != UserId;
    public bool MayAmend => Review.Progress.WindowOpenAt(Now);

    public string TextOf(string number) => Review.Recommendations.FirstOrDefault(r => r.Number == number)?.Text ?? "";

    public async Task<IActionResult> OnGetAsync()
    {
        var (denied, whose) = await LoadRespondentAsync(For);
        if (denied is not null) return denied;
        Stakeholder = whose!;
        var mine = Review.Responses.Where(r => r.StakeholderId == Stakeholder.StakeholderId).ToList();
        if (mine.Count == 0) return Page();
        // The latest submission: the answers it carried, in grid order.
        Revision = mine.Max(r => r.Revision);
        var order = Review.Recommendations.Select((r, i) => (r.Number, i)).ToDictionary(x => x.Number, x => x.i);
        Answers = mine.Where(r => r.Revision == Revision).OrderBy(r => order.GetValueOrDefault(r.Response.RecommendationNumber, int.MaxValue)).ToList();
        ReceivedAt = Answers[0].SubmittedAt;
        return Page();
    }
}
