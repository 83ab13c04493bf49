using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Organisation { get; set; }
    public string? Sector { get; set; }
    public string? Discipline { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Organisation);
}

/// <summary>
/// The chair invites stakeholders: people already known to the group (invited to its earlier
/// reviews, or the demo directory on a developer's machine), or anyone else by name and email.
/// </summary>
public sealed class StakeholdersModel : ReviewPage
{
    [BindProperty] public List<string> Chosen { get; set; } = [];
    [BindProperty] public PersonForm Other { get; set; } = new();

    public List<Choice> Directory { get; private set; } = [];
    private List<Stakeholder> _known = [];

    public bool CanInvite => Review.Progress.MayInvite;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        await LoadDirectoryAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        await LoadDirectoryAsync();
        var invite = _known.Where(s => Chosen.Contains(s.StakeholderId)).ToList();
        if (!Other.IsEmpty)
        {
            Enum.TryParse<Sector>(Other.Sector, out var sector);
            Enum.TryParse<Discipline>(Other.Discipline, out var discipline);
            var email = Other.Email?.Trim() ?? "";
            invite.Add(new Stakeholder(email.ToLowerInvariant(), Other.Name?.Trim() ?? "", email, Other.Organisation?.Trim() ?? "", sector, discipline));
        }
        if (invite.Count == 0)
        {
            Errors.Add(Directory.Count > 0 ? "chosen" : "other.name", "Choose at least one person to invite");
            return Page();
        }
        // The validator names the list's rows; a listed person cannot be wrong, so errors belong to the typed-in one.
        string Field(string path) => path.Contains('.') ? "other." + path.Split('.')[^1].Replace("stakeholderId", "email") : "chosen";
        if (!await SendAsync(new InviteStakeholders(Id, invite, Version, User.ToActor(Roles.Chair)), Field)) return Page();
        return Done($"{invite.Count} {(invite.Count == 1 ? "person has" : "people have")} been invited.", ReviewUrl);
    }

    private async Task LoadDirectoryAsync()
    {
        var invited = Review.Stakeholders.Select(s => s.StakeholderId).ToHashSet();
        // Everyone but the review's chair, who does not respond to their own review.
        _known = (await KnownPeopleAsync())
            .Where(s => !invited.Contains(s.StakeholderId) && s.StakeholderId != Review.ChairUserId)
            .OrderBy(s => s.Sector).ThenBy(s => s.Organisation).ThenBy(s => s.Name).ToList();
        Directory = _known.Select(s => new Choice(s.StakeholderId, $"{s.Name}, {s.Organisation}", $"{Words.Sector(s.Sector)}, {Words.Discipline(s.Discipline)}")).ToList();
    }
}
