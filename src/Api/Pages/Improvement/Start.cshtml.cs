using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Improvement;
using GuidanceFlow.Projections.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>Start a project in one of the user's groups: on its own, or from a decided review (<c>?review=</c>), linked to it.</summary>
public sealed class StartModel : GuidancePage
{
    [BindProperty(SupportsGet = true)] public string? Group { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Review { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty(Name = "aim.what")] public string? What { get; set; }
    [BindProperty(Name = "aim.howMuch")] public string? HowMuch { get; set; }
    [BindProperty(Name = "aim.byWhen")] public DateParts ByWhen { get; set; } = new();

    /// <summary>The decided review the project starts from, when there is one.</summary>
    public ReviewView? From { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        var byWhen = ByWhen.Read("aim.byWhen", "the date the aim is for", Errors, required: true);
        if (Errors.Any) return Page();
        var viewer = new ProjectViewer(UserId, await Access.GroupsWhere(Ct));
        var command = new StartProject(Guid.CreateVersion7(), Group!, Title ?? "", new Aim(What ?? "", HowMuch ?? "", byWhen!.Value), Review, [], [], [],
            viewer, User.ToActor("ProjectMember"));
        if (!await SendAsync(command)) return Page();
        return Done("The project has started. Add its measures and their data below.", $"/projects/{command.ProjectId}");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Group is null || (await Access.RolesIn(Group, Ct)).Count == 0)
        {
            HttpContext.Items[ErrorModel.MessageKey] = $"You are not a member of an implementation group named {Group}.";
            return NotFound();
        }
        if (Review is { } id)
        {
            From = await Access.ReviewAsync(id, Ct);
            if (From is null || From.Group != Group)
            {
                HttpContext.Items[ErrorModel.MessageKey] = Domain.Reviews.Decision.NoSuchReview(id);
                return NotFound();
            }
        }
        return null;
    }
}
