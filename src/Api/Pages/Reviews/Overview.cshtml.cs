using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>One review at a glance, with the next steps the signed-in user may take.</summary>
public sealed class OverviewModel : ReviewPage
{
    public List<(string Text, string Url)> Tasks { get; } = [];

    /// <summary>The NICE update the review is behind, if any: every reader is told; the chair can follow it here.</summary>
    public GuidanceFlow.Api.Queries.NiceUpdateNotice? NiceUpdate { get; private set; }

    /// <summary>Published case studies of the same guidance from other groups.</summary>
    public IReadOnlyList<GuidanceFlow.Api.Queries.LibraryHit> OtherGroups { get; private set; } = [];

    /// <summary>The review's own case study, if a chair has drafted it (shown to the group's chairs).</summary>
    public GuidanceFlow.Domain.Library.LibraryEntry? CaseStudy { get; private set; }

    [BindProperty] public bool IncludeNames { get; set; }

    private async Task LoadLibraryAsync()
    {
        var studies = await HttpContext.RequestServices.GetRequiredService<GuidanceFlow.Api.Queries.LibrarySearch>()
            .CaseStudiesOfAsync(Review.GuidanceId, 11, Ct);
        OtherGroups = studies.Where(s => s.Group != Review.Group).Take(10).ToList();
        if (IsChair)
            CaseStudy = await Query.LoadAsync<GuidanceFlow.Domain.Library.LibraryEntry>(GuidanceFlow.Domain.Library.LibraryEntry.CaseStudyIdFor(Id), Ct);
    }

    public async Task<IActionResult> OnPostCaseStudyAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        var viewer = await HttpContext.RequestServices.GetRequiredService<GuidanceFlow.Api.Library.LibraryAccess>().ViewerAsync(Ct);
        var command = new GuidanceFlow.Domain.Library.DraftCaseStudy(Id, GuidanceFlow.Api.Library.CaseStudyDraft.From(Review, IncludeNames), viewer,
            User.ToActor(Roles.Chair));
        if (!await SendAsync(command))
        {
            NiceUpdate = await GuidanceFlow.Api.Queries.NiceUpdateQuery.ForAsync(Query, Review, Ct);
            Tasks.AddRange(NextStepsQuery.For(Review, GroupRoles, UserId, Now).Select(Link));
            await LoadLibraryAsync();
            return Page();
        }
        return Done("The case study is drafted from the review. Check it and edit it, then publish it to the library.",
            $"/library/entries/{GuidanceFlow.Domain.Library.LibraryEntry.CaseStudyIdFor(Id)}");
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        await LoadLibraryAsync();
        NiceUpdate = await GuidanceFlow.Api.Queries.NiceUpdateQuery.ForAsync(Query, Review, Ct);
        // What may happen now is the domain's rule (the API's /next-steps asks the same); the page only words it and links it.
        Tasks.AddRange(NextStepsQuery.For(Review, GroupRoles, UserId, Now).Select(Link));
        return Page();
    }

    public async Task<IActionResult> OnPostNiceUpdateAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        NiceUpdate = await GuidanceFlow.Api.Queries.NiceUpdateQuery.ForAsync(Query, Review, Ct);
        if (!await SendAsync(new FollowNiceUpdate(Id, Version, User.ToActor(Roles.Chair))))
        {
            await LoadLibraryAsync();
            Tasks.AddRange(NextStepsQuery.For(Review, GroupRoles, UserId, Now).Select(Link));
            return Page();
        }
        return Done(NiceUpdate?.Action == GuidanceFlow.Api.Queries.NiceUpdateAction.Reassess
            ? "Recorded: the decision is to be re-assessed against NICE's update. Monitoring has reopened."
            : "NICE's update is applied to the grid. Answers to unchanged recommendations stay; stakeholders answer the changed ones again.", ReviewUrl);
    }

    private (string Text, string Url) Link(Step step) => step.What switch
    {
        NextStep.BuildGrid => ("Build the grid of recommendations", $"{ReviewUrl}/grid"),
        NextStep.InviteStakeholders => ("Invite stakeholders", $"{ReviewUrl}/stakeholders"),
        NextStep.OpenResponseWindow => ("Open the response window", $"{ReviewUrl}/window"),
        NextStep.InviteMoreStakeholders => ("Invite more stakeholders", $"{ReviewUrl}/stakeholders"),
        NextStep.ExtendResponseDeadline => ("Extend the deadline for responses", $"{ReviewUrl}/window#extend"),
        NextStep.CloseResponseWindowNow => (Review.Round == 0 ? "Close the response window now" : $"Close re-assessment round {Review.Round} now", $"{ReviewUrl}/window#close"),
        NextStep.Respond => (Review.Round == 0 ? "Respond to this review" : "Re-assess your compliance (your last answers are filled in)", $"{ReviewUrl}/respond"),
        NextStep.AmendResponse => (Review.Round == 0 ? "Amend your response" : "Amend your re-assessment", $"{ReviewUrl}/respond"),
        NextStep.OpenReassessment => ("Open a re-assessment round", $"{ReviewUrl}/reassessment"),
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
