using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>One review at a glance, with the next steps the signed-in user may take.</summary>
public sealed class OverviewModel : ReviewPage
{
    public List<(string Text, string Url)> Tasks { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        var status = Review.Status;
        var beforeWindow = status is ReviewStatus.Opened or ReviewStatus.GridReady;
        if (IsChair && beforeWindow)
        {
            Tasks.Add(("Build the grid of recommendations", $"{ReviewUrl}/grid"));
            Tasks.Add(("Invite stakeholders", $"{ReviewUrl}/stakeholders"));
            if (Review.Recommendations.Count > 0 && Review.Stakeholders.Count > 0)
                Tasks.Add(("Open the response window", $"{ReviewUrl}/window"));
        }
        if (IsChair && status == ReviewStatus.AwaitingResponses)
        {
            Tasks.Add(("Invite more stakeholders", $"{ReviewUrl}/stakeholders"));
            Tasks.Add(("Close the response window now", $"{ReviewUrl}/window"));
        }
        if (IsInvited && status == ReviewStatus.AwaitingResponses && Review.ResponseDeadline > DateTimeOffset.UtcNow)
            Tasks.Add((Review.Responses.Any(x => x.StakeholderId == UserId) ? "Amend your response" : "Respond to this review", $"{ReviewUrl}/respond"));
        foreach (var delegation in Review.Delegations.Where(d => d.DelegateUserId == UserId && status == ReviewStatus.AwaitingResponses))
            Tasks.Add(($"Respond for {Review.Stakeholders.FirstOrDefault(s => s.StakeholderId == delegation.StakeholderId)?.Name}",
                $"{ReviewUrl}/respond?for={Uri.EscapeDataString(delegation.StakeholderId)}"));
        if ((IsChair || IsFinanceLead) && status is ReviewStatus.Collated or ReviewStatus.FinanciallyAssessed)
            Tasks.Add((Review.FinancialImpact is null ? "Record the financial impact" : "Revise the financial impact", $"{ReviewUrl}/financial-impact"));
        var costed = Review.FinancialImpact is not null || Review.FinancialImpactNotNeededReason is not null;
        if (IsChair && Review.Decision is null && costed && status is ReviewStatus.Collated or ReviewStatus.FinanciallyAssessed)
            Tasks.Add(("Record the decision", $"{ReviewUrl}/decision"));
        if (IsChair && Review.Decision is null && status is ReviewStatus.AwaitingResponses or ReviewStatus.Collated or ReviewStatus.FinanciallyAssessed)
            Tasks.Add((Review.DecisionMeetingAt is null ? "Set the decision meeting" : "Move the decision meeting", $"{ReviewUrl}/meeting"));
        if (IsChair && status != ReviewStatus.Closed)
            Tasks.Add(("Close the review", $"{ReviewUrl}/close"));
        return Page();
    }
}
