using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>
/// The decision's agreed actions followed: each one's owner, due date, status (overdue marked), and its history of updates,
/// reminders and alerts with who and when. The group's members record progress here — the same command as the API's.
/// </summary>
public sealed class ActionsModel : ReviewPage
{
    [BindProperty] public int? Action { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? BlockedReason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Evidence { get; set; }

    public IReadOnlyList<ActionAnswer> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "action")] int? selected)
    {
        if (await LoadActionsAsync() is { } denied) return denied;
        Action = selected is { } n && n >= 1 && n <= Items.Count ? n : null;
        if (Action is { } chosen) (Status, BlockedReason) = (Items[chosen - 1].Status.ToString(), Items[chosen - 1].BlockedReason);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadActionsAsync() is { } denied) return denied;
        if (!IsMember)
        {
            HttpContext.Items[ErrorModel.MessageKey] = "Only the group's members can record progress on its actions.";
            return StatusCode(403);
        }
        if (Action is not { } number || number < 1 || number > Items.Count) Errors.Add("action", "Choose the action");
        if (!Enum.TryParse<ActionStatus>(Status, out var status)) Errors.Add("status", "Choose where the action stands");
        if (Errors.Any) return Page();
        var links = (Evidence ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var command = new RecordActionProgress(Id, Action!.Value, status, BlockedReason, Note, links, Version, User.ToActor("GroupMember"));
        if (!await SendAsync(command, path => path.StartsWith("evidence", StringComparison.OrdinalIgnoreCase) ? "evidence" : path))
            return await LoadActionsAsync() ?? Page();
        return Done($"Progress recorded on action {Action}.", $"{ReviewUrl}/actions#action-{Action}");
    }

    private async Task<IActionResult?> LoadActionsAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        Items = ActionAnswer.Of(Review, Now);
        return null;
    }

    public static string StatusWords(ActionStatus status) => Projections.Reviews.ActionHistoryEntry.StatusWords(status);
}
