using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>An invited stakeholder lets a colleague of their organisation respond for them, or withdraws that.</summary>
public sealed class DelegateModel : ReviewPage
{
    [BindProperty] public string? Colleague { get; set; }
    [BindProperty] public string? OtherUserId { get; set; }
    [BindProperty] public string? OtherName { get; set; }

    public Stakeholder Me { get; private set; } = null!;
    public ResponseDelegated? Current { get; private set; }
    public List<Choice> Colleagues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadMineAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadMineAsync() is { } denied) return denied;
        string? id, name;
        if (!string.IsNullOrWhiteSpace(OtherUserId) || !string.IsNullOrWhiteSpace(OtherName))
        {
            (id, name) = (OtherUserId?.Trim(), OtherName?.Trim());
            if (string.IsNullOrEmpty(id)) Errors.Add("otherUserId", "Enter their NHS user id");
            if (string.IsNullOrEmpty(name)) Errors.Add("otherName", "Enter their full name");
        }
        else
        {
            var chosen = Colleagues.FirstOrDefault(c => c.Value == Colleague);
            if (chosen is null)
            {
                Errors.Add(Colleagues.Count > 0 ? "colleague" : "otherUserId", "Choose the colleague who should respond for you");
                return Page();
            }
            (id, name) = (chosen.Value, chosen.Label);
        }
        string Field(string path) => path == "delegateName" ? "otherName" : "otherUserId";
        if (!await SendAsync(new DelegateResponse(Id, UserId, id, name, Version, User.ToActor(Roles.Stakeholder)), Field)) return Page();
        return Done($"{name} can now respond for you.", $"{ReviewUrl}/respond");
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        if (await LoadMineAsync() is { } denied) return denied;
        if (!await SendAsync(new DelegateResponse(Id, UserId, null, null, Version, User.ToActor(Roles.Stakeholder)))) return Page();
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
        // Colleagues: people of the same organisation known to this group.
        Colleagues = (await KnownPeopleAsync())
            .Where(s => s.Organisation == me.Organisation && s.StakeholderId != me.StakeholderId)
            .OrderBy(s => s.Name)
            .Select(s => new Choice(s.StakeholderId, s.Name)).ToList();
        return null;
    }
}
