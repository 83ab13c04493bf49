using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Groups;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>The chair opens a review when NICE publishes guidance.</summary>
public sealed class NewReviewModel : GuidancePage
{
    [BindProperty] public string? GuidanceId { get; set; }
    [BindProperty] public string? GuidanceType { get; set; } = nameof(Domain.Reviews.GuidanceType.NG);
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateParts PublishedOn { get; set; } = new();
    [BindProperty] public string? Group { get; set; }

    public List<string> Groups { get; private set; } = [];

    /// <summary>The group's open review of the same guidance, when there is one: the page warns and links to it.</summary>
    public Guid? AlreadyUnderReview { get; private set; }

    public async Task OnGetAsync() => Groups = await Access.GroupsWhere(Ct, GroupRole.Chair);

    public async Task<IActionResult> OnPostAsync()
    {
        Groups = await Access.GroupsWhere(Ct, GroupRole.Chair);
        // The same rule as the API: only a chair of the named group opens its reviews.
        if (Group is null || !Groups.Contains(Group))
        {
            if (Groups.Count == 0) return StatusCode(403);
            Errors.Add("group", "Choose an implementation group you chair");
        }
        var published = PublishedOn.Read("publishedOn", "the date NICE published it", Errors, required: true);
        if (!Enum.TryParse<GuidanceType>(GuidanceType, out var type)) Errors.Add("guidanceType", "Choose the type of guidance");

        var command = new OpenReview(Guid.CreateVersion7(), GuidanceId?.Trim() ?? "", type, Title?.Trim() ?? "",
            published ?? default, Group ?? "", User.ToActor(Roles.Chair));
        if (!await SendAsync(command))
        {
            if (Refusal is not null && Group is not null && !string.IsNullOrWhiteSpace(GuidanceId))
                AlreadyUnderReview = await Workflows.Reviews.OpenReviewClaim.OpenReviewOf(Query, Group, GuidanceId, Ct);
            return Page();
        }
        return Done($"You opened the review of {command.GuidanceId}. Next, build its grid of recommendations.", $"/reviews/{command.ReviewId}/grid");
    }
}
