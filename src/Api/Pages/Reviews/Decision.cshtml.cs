using System.Text.RegularExpressions;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

public sealed class ActionForm
{
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public string? OwnerEmail { get; set; }
    public DateParts Due { get; set; } = new();

    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Owner) && Due.IsEmpty;
}

/// <summary>The chair records the group's decision, its rationale, the risk accepted and the actions agreed.</summary>
public sealed partial class DecisionModel : ReviewPage
{
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Rationale { get; set; }
    [BindProperty] public string? Risk { get; set; }
    [BindProperty] public DateParts ReviewDate { get; set; } = new();
    [BindProperty] public List<ActionForm> Actions { get; set; } = [];
    [BindProperty] public string? Intent { get; set; }
    /// <summary>Why a recorded decision is being amended.</summary>
    [BindProperty] public string? Reason { get; set; }

    /// <summary>A decision is recorded: the form amends it (a new event, with a reason) rather than recording one.</summary>
    public bool Amending => Review.Decision is not null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (Review.Decision is { } d)
        {
            // Amending starts from the decision as it stands.
            (Outcome, Rationale, Risk, ReviewDate) = (d.Outcome.ToString(), d.Rationale, d.Risk, DateParts.From(d.ReviewDate));
            Actions = d.Actions.Select(a => new ActionForm { Description = a.Description, Owner = a.Owner, OwnerEmail = a.OwnerEmail, Due = DateParts.From(a.Due) }).ToList();
        }
        Actions.Add(new ActionForm());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (Intent == "add")
        {
            Actions.Add(new ActionForm());
            return Page();
        }
        Actions = Actions.Where((a, i) => i == 0 || !a.IsBlank).ToList();
        if (Actions.Count == 0) Actions.Add(new ActionForm());

        if (!Enum.TryParse<DecisionOutcome>(Outcome, out var outcome)) Errors.Add("outcome", "Select what the group has decided");
        var reviewDate = ReviewDate.Read("reviewDate", "the review date", Errors, required: false);
        var actions = new List<ActionItem>();
        var formIndex = new List<int>();
        for (var i = 0; i < Actions.Count; i++)
        {
            var a = Actions[i];
            if (a.IsBlank) continue;
            var due = a.Due.Read($"actions[{i}].due", "the due date", Errors, required: true);
            actions.Add(new ActionItem(a.Description?.Trim() ?? "", a.Owner?.Trim() ?? "", due ?? new DateOnly(2000, 1, 1),
                string.IsNullOrWhiteSpace(a.OwnerEmail) ? null : a.OwnerEmail.Trim()));
            formIndex.Add(i);
        }

        string Field(string path)
        {
            var match = ActionPath().Match(path);
            return match.Success ? $"actions[{formIndex[int.Parse(match.Groups[1].Value)]}].{match.Groups[2].Value}" : path;
        }
        var risk = string.IsNullOrWhiteSpace(Risk) ? null : Risk.Trim();
        if (Amending)
        {
            if (string.IsNullOrWhiteSpace(Reason)) Errors.Add("reason", AmendDecision.ReasonRequired);
            if (Errors.Any) return Page();
            var amend = new AmendDecision(Id, outcome, Rationale?.Trim() ?? "", risk, actions, reviewDate, Reason!.Trim(), Version, User.ToActor(Roles.Chair));
            if (!await SendAsync(amend, Field)) return Page();
            return Done($"The decision has been amended: {Words.Outcome(outcome)}. The decision first recorded stays in the record.", ReviewUrl);
        }
        var command = new RecordDecision(Id, outcome, Rationale?.Trim() ?? "", risk, actions, reviewDate, Version, User.ToActor(Roles.Chair));
        if (!await SendAsync(command, Field)) return Page();
        return Done($"The decision has been recorded: {Words.Outcome(outcome)}.", ReviewUrl);
    }

    [GeneratedRegex(@"^actions\[(\d+)\]\.(.+)$")]
    private static partial Regex ActionPath();
}
