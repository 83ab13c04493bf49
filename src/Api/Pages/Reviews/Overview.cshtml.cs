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
        // What may happen now is the domain's rule (the API's /next-steps asks the same); the page only words it and links it.
        Tasks.AddRange(NextStepsQuery.For(Review, GroupRoles, UserId, Now).Select(Link));
        return Page();
    }

    private (string Text, string Url) Link(Step step) => step.What switch
    {
        NextStep.BuildGrid => ("Build the grid of recommendations", $"{ReviewUrl}/grid"),
        NextStep.InviteStakeholders => ("Invite stakeholders", $"{ReviewUrl}/stakeholders"),
        NextStep.OpenResponseWindow => ("Open the response window", $"{ReviewUrl}/window"),
        NextStep.InviteMoreStakeholders => ("Invite more stakeholders", $"{ReviewUrl}/stakeholders"),
        NextStep.CloseResponseWindowNow => ("Close the response window now", $"{ReviewUrl}/window"),
        NextStep.Respond => ("Respond to this review", $"{ReviewUrl}/respond"),
        NextStep.AmendResponse => ("Amend your response", $"{ReviewUrl}/respond"),
        NextStep.RespondFor => ($"Respond for {Review.Stakeholders.FirstOrDefault(s => s.StakeholderId == step.ForStakeholderId)?.Name}",
            $"{ReviewUrl}/respond?for={Uri.EscapeDataString(step.ForStakeholderId!)}"),
        NextStep.RecordFinancialImpact => ("Record the financial impact", $"{ReviewUrl}/financial-impact"),
        NextStep.ReviseFinancialImpact => ("Revise the financial impact", $"{ReviewUrl}/financial-impact"),
        NextStep.RecordDecision => ("Record the decision", $"{ReviewUrl}/decision"),
        NextStep.SetDecisionMeeting => ("Set the decision meeting", $"{ReviewUrl}/meeting"),
        NextStep.MoveDecisionMeeting => ("Move the decision meeting", $"{ReviewUrl}/meeting"),
        NextStep.CloseReview => ("Close the review", $"{ReviewUrl}/close"),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
