using GuidanceFlow.Domain.Improvement;
using GuidanceFlow.Workflows.Groups;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>The project's team revise its title and aim, and add people with a role in the group or take them off (it keeps one).</summary>
public sealed class TeamModel : ProjectPage
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty(Name = "aim.what")] public string? What { get; set; }
    [BindProperty(Name = "aim.howMuch")] public string? HowMuch { get; set; }
    [BindProperty(Name = "aim.byWhen")] public DateParts ByWhen { get; set; } = new();
    [BindProperty] public string? Member { get; set; }

    /// <summary>The group's members not yet on the team, whom the team may add.</summary>
    public IReadOnlyList<GroupMember> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadTeamAsync() is { } missing) return missing;
        (Title, What, HowMuch, ByWhen) = (Project.Title, Project.Aim.What, Project.Aim.HowMuch, DateParts.From(Project.Aim.ByWhen));
        return Page();
    }

    public async Task<IActionResult> OnPostAimAsync()
    {
        if (await LoadTeamAsync() is { } missing) return missing;
        var byWhen = ByWhen.Read("aim.byWhen", "the date the aim is for", Errors, required: true);
        if (Errors.Any) return Page();
        if (!await SendAsync(new ReviseAim(Id, Title ?? "", new Aim(What ?? "", HowMuch ?? "", byWhen!.Value), Viewer, Actor))) return await AgainAsync();
        return Done("The project's aim is revised.", ProjectUrl);
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (await LoadTeamAsync() is { } missing) return missing;
        if (Others.FirstOrDefault(m => m.UserId == Member) is not { } person) Errors.Add("member", "Choose someone from the group");
        else if (await SendAsync(new AddProjectMember(Id, new ProjectMember(person.UserId, person.Name), false, Viewer, Actor), _ => "member"))
            return Done($"{person.Name} is on the project's team.", ProjectUrl + "/team");
        return await AgainAsync();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? userId)
    {
        if (await LoadTeamAsync() is { } missing) return missing;
        var name = Project.Team.FirstOrDefault(m => m.UserId == userId)?.Name ?? userId;
        if (await SendAsync(new RemoveProjectMember(Id, userId ?? "", Viewer, Actor)))
            return Done($"{name} is no longer on the project's team.", userId == UserId ? ProjectUrl : ProjectUrl + "/team");
        return await AgainAsync();
    }

    private new async Task<IActionResult> AgainAsync() => await LoadTeamAsync() ?? Page();

    private async Task<IActionResult?> LoadTeamAsync()
    {
        if (await LoadAsync(edit: true) is { } denied) return denied;
        var group = await Query.LoadAsync<ImplementationGroup>(Project.Group, Ct);
        Others = group?.Members.Where(m => m.Roles.Count > 0 && !ProjectRules.IsMember(Project, m.UserId)).OrderBy(m => m.Name).ToList() ?? [];
        return null;
    }
}
