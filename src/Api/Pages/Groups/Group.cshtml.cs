using System.Globalization;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Workflows.Groups;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Groups;

/// <summary>
/// An implementation group: members see who is in it; its group admins add and remove members,
/// change roles and set its timeframes, through the same commands as the API's group routes.
/// </summary>
public sealed class GroupModel : GuidancePage
{
    [FromRoute] public string Name { get; set; } = "";
    [BindProperty(Name = "userId")] public string? MemberUserId { get; set; }
    [BindProperty(Name = "name")] public string? MemberName { get; set; }
    [BindProperty(Name = "roles")] public List<string> MemberRoles { get; set; } = [];
    [BindProperty(Name = "reminderDaysBefore")] public string? ReminderDays { get; set; }
    [BindProperty] public string? FinancialImpactDueDays { get; set; }
    [BindProperty] public string? ReviewAfterMonths { get; set; }
    [BindProperty] public string? TriageDueDays { get; set; }
    [BindProperty] public DateParts TriageFrom { get; set; } = new();
    /// <summary>"own" or "everyone": what stakeholders read of each other's answers before the collated response is shared.</summary>
    [BindProperty] public string? AnswersSeen { get; set; }
    [BindProperty] public string? Library { get; set; }
    /// <summary>"aggregates", "named" or "none": how the group's figures reach other groups in benchmarking.</summary>
    [BindProperty] public string? Benchmarks { get; set; }

    public ImplementationGroup Group { get; private set; } = null!;
    public bool IsAdmin { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        var s = Group.Settings;
        ReminderDays = s.ReminderDaysBefore is { } days ? string.Join(", ", days) : null;
        FinancialImpactDueDays = s.FinancialImpactDueDays?.ToString(CultureInfo.InvariantCulture);
        ReviewAfterMonths = s.ReviewAfterMonths?.ToString(CultureInfo.InvariantCulture);
        TriageDueDays = s.TriageDueDays?.ToString(CultureInfo.InvariantCulture);
        TriageFrom = DateParts.From(s.TriageFrom);
        AnswersSeen = s.StakeholdersSeeAnswersEarly == true ? "everyone" : "own";
        Library = s.NeverPublishToLibrary == true ? "never" : "chair";
        Benchmarks = !GroupRules.SharesInBenchmarks(s) ? "none" : GroupRules.NamedInBenchmarks(s) ? "named" : "aggregates";
        return Page();
    }

    public async Task<IActionResult> OnPostMemberAsync()
    {
        if (await LoadAsync(admin: true) is { } denied) return denied;
        var roles = MemberRoles.Select(r => Enum.TryParse<GroupRole>(r, out var role) ? role : (GroupRole?)null).OfType<GroupRole>().ToList();
        if (roles.Count == 0) Errors.Add("roles", "Choose at least one role; to take someone out of the group, remove them");
        var command = new SetGroupMember(Name, MemberUserId?.Trim() ?? "", MemberName?.Trim() ?? "", roles, User.ToActor("GroupAdmin"));
        if (!await SendAsync(command)) return Page();
        return Done($"{command.Name} is now in the group as {Words.Roles(roles).ToLowerInvariant()}.", GroupUrl());
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userId)
    {
        if (await LoadAsync(admin: true) is { } denied) return denied;
        var member = Group.Members.FirstOrDefault(m => m.UserId == userId);
        if (member is null) return NotFound();
        if (!await SendAsync(new RemoveGroupMember(Name, userId, User.ToActor("GroupAdmin")))) return Page();
        return Done($"{member.Name} has been removed from the group.", GroupUrl());
    }

    public async Task<IActionResult> OnPostSettingsAsync()
    {
        if (await LoadAsync(admin: true) is { } denied) return denied;
        List<int>? days = null;
        if (!string.IsNullOrWhiteSpace(ReminderDays))
        {
            var parts = ReminderDays.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            days = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1).ToList();
            if (days.Contains(-1)) Errors.Add("reminderDaysBefore", "Enter whole numbers of days separated by commas, like 7, 1");
        }
        int? Whole(string? text, string field, string what)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            Errors.Add(field, $"Enter the {what} as a whole number, like 14");
            return null;
        }
        var triageFrom = TriageFrom.Read("triageFrom", "the date triage starts from", Errors, required: false);
        var settings = new GroupSettings(days,
            Whole(FinancialImpactDueDays, "financialImpactDueDays", "days after the window closes that the financial impact is due"),
            Whole(ReviewAfterMonths, "reviewAfterMonths", "months after a decision until its review date"),
            Whole(TriageDueDays, "triageDueDays", "days after NICE publishes that triage is due"), triageFrom, AnswersSeen == "everyone" ? true : null,
            Library == "never" ? true : null, Benchmarks == "none" ? false : null, Benchmarks == "named" ? true : null);
        if (Errors.Any) return Page();
        if (!await SendAsync(new SetGroupSettings(Name, settings, User.ToActor("GroupAdmin")))) return Page();
        return Done("The group's timeframes have been saved.", GroupUrl());
    }

    private string GroupUrl() => $"/groups/{Uri.EscapeDataString(Name)}";

    /// <summary>Members only (404 for anyone else, as the API); changes need the group admin role (403).</summary>
    private async Task<IActionResult?> LoadAsync(bool admin = false)
    {
        var roles = await Access.RolesIn(Name, Ct);
        var group = roles.Count == 0 ? null : await Query.LoadAsync<ImplementationGroup>(Name, Ct);
        if (group is null)
        {
            HttpContext.Items[ErrorModel.MessageKey] = $"You are not a member of an implementation group named {Name}.";
            return NotFound();
        }
        Group = group;
        IsAdmin = roles.Contains(GroupRole.GroupAdmin);
        if (admin && !IsAdmin)
        {
            HttpContext.Items[ErrorModel.MessageKey] = "Only the group's admins can change its membership.";
            return StatusCode(403);
        }
        return null;
    }
}
