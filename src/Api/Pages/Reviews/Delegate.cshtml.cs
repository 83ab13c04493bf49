using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.People;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>An invited stakeholder lets a colleague of their organisation respond for them, or withdraws that.</summary>
public sealed class DelegateModel : ReviewPage
{
    [BindProperty] public string? Colleague { get; set; }
    [BindProperty] public string? OtherUserId { get; set; }

    public Stakeholder Me { get; private set; } = null!;
    public ResponseDelegated? Current { get; private set; }
    public List<Choice> Colleagues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadMineAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadMineAsync() is { } denied) return denied;
        var id = !string.IsNullOrWhiteSpace(OtherUserId) ? OtherUserId.Trim() : Colleagues.FirstOrDefault(c => c.Value == Colleague)?.Value;
        if (id is null)
        {
            Errors.Add(Colleagues.Count > 0 ? "colleague" : "otherUserId", "Choose the colleague who should respond for you");
            return Page();
        }
        // The rule checks the id against the directory and names the reason when it refuses.
        if (!await SendAsync(new DelegateResponse(Id, UserId, id, Version, User.ToActor(Roles.Stakeholder)), _ => "otherUserId"))
            return Page();
        var name = Colleagues.FirstOrDefault(c => c.Value == id)?.Label
                   ?? (await HttpContext.RequestServices.GetRequiredService<IPeopleDirectory>().FindAsync(id, Ct))?.Name ?? id;
        return Done($"{name} can now respond for you.", $"{ReviewUrl}/respond");
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        if (await LoadMineAsync() is { } denied) return denied;
        if (!await SendAsync(new DelegateResponse(Id, UserId, null, Version, User.ToActor(Roles.Stakeholder)))) return Page();
        return Done("The delegation has been withdrawn.", $"{ReviewUrl}/respond");
    }

    /// <summary>Only the invited stakeholder themself delegates their response.</summary>
    private async Task<IActionResult?> LoadMineAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        var me = Review.Stakeholders.FirstOrDefault(s => s.StakeholderId == UserId);
        if (me is null)
        {
            HttpContext.Items[ErrorModel.MessageKey] = "Only an invited stakeholder can delegate their own response.";
            return StatusCode(403);
        }
        Me = me;
        Current = Review.Delegations.FirstOrDefault(d => d.StakeholderId == UserId);
        // Only people who can accept: users of the stakeholder's own organisation who have signed in.
        Colleagues = (await HttpContext.RequestServices.GetRequiredService<IPeopleDirectory>().ColleaguesOfAsync(me, Ct))
            .Where(c => !string.Equals(c.UserId, me.StakeholderId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Name)
            .Select(c => new Choice(c.UserId, c.Name)).ToList();
        return null;
    }
}
