using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Triage;

/// <summary>
/// One product in a group's queue: what NICE published, the group's triage (recorded here by its triage
/// leads and chairs), the deadline (moved by its chairs), and — once relevant — opening its review.
/// The same commands as the API's triage routes.
/// </summary>
public sealed class ItemModel : GuidancePage
{
    [FromRoute] public string Name { get; set; } = "";
    [FromRoute] public string Number { get; set; } = "";

    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Services { get; set; }
    [BindProperty] public string? Organisations { get; set; }
    [BindProperty] public string? ClinicalLead { get; set; }
    [BindProperty] public string? ManagerialLead { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? CoveredBy { get; set; }
    [BindProperty] public DateParts DueAt { get; set; } = new();
    [BindProperty] public string? DueTime { get; set; } = "09:00";
    [BindProperty] public string? MoveReason { get; set; }

    public TriageItem Item { get; private set; } = null!;
    public GuidanceProduct? Product { get; private set; }
    public bool MayTriage { get; private set; }
    public bool IsChair { get; private set; }
    public bool Overdue => TriageDeadlines.IsOverdue(Item, Now);
    public int GridSize => Product?.Recommendations.Count(r => !r.Withdrawn) ?? 0;
    private string ItemUrl => $"/groups/{Uri.EscapeDataString(Name)}/triage/{Item.GuidanceNumber}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        if (Item.Decision is { } d)
        {
            Outcome = d.Outcome.ToString();
            Services = string.Join("\n", d.Services);
            Organisations = string.Join("\n", d.Organisations);
            (ClinicalLead, ManagerialLead, Reason, CoveredBy) = (d.ClinicalLead, d.ManagerialLead, d.Reason, d.CoveredBy);
        }
        DueAt = DateParts.From(DateOnly.FromDateTime(Domain.Reviews.UkTime.ToUk(Item.DueAt).DateTime));
        return Page();
    }

    public async Task<IActionResult> OnPostTriageAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        if (!MayTriage) return Refuse(GroupRules.TriageOnly);
        if (!Enum.TryParse<TriageOutcome>(Outcome, out var outcome))
        {
            Errors.Add("outcome", "Choose whether the guidance is relevant to the group");
            return Page();
        }
        var command = new RecordTriage(Item.Id, outcome, Lines(Services), Lines(Organisations), ClinicalLead, ManagerialLead, Reason, CoveredBy,
            User.ToActor(IsChair ? Roles.Chair : Roles.TriageLead));
        if (!await SendAsync(command)) return Page();
        return Done($"{Item.GuidanceNumber} is recorded as {Words.TriageOutcome(outcome).ToLowerInvariant()}.", ItemUrl);
    }

    public async Task<IActionResult> OnPostDeadlineAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        if (!GroupRules.MayMoveTriageDeadlines(await Access.RolesIn(Name, Ct))) return Refuse(GroupRules.TriageDeadlinesChairOnly);
        var date = DueAt.Read("dueAt", "the new triage deadline", Errors, required: true);
        var time = FormValues.Time(DueTime, "dueTime", Errors);
        if (Errors.Any) return Page();
        var due = Domain.Reviews.UkTime.At(date!.Value, time!.Value);
        if (!await SendAsync(new MoveTriageDeadline(Item.Id, due, MoveReason ?? "", User.ToActor(Roles.Chair)), f => f == "reason" ? "moveReason" : f))
            return Page();
        return Done($"The triage deadline is now {Words.When(due)}.", ItemUrl);
    }

    public async Task<IActionResult> OnPostReviewAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        if (!IsChair) return Refuse($"Only a chair of {Name} can open its reviews.");
        var command = new OpenReviewFromTriage(Item.Id, Guid.CreateVersion7(), User.ToActor(Roles.Chair));
        if (!await SendAsync(command)) return Page();
        return Done($"The review of {Item.GuidanceNumber} is open, its grid built from NICE's {Words.Count(GridSize, "recommendation")}. " +
                    "Check the grid, then invite stakeholders.", $"/reviews/{command.ReviewId}");
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private IActionResult Refuse(string message)
    {
        HttpContext.Items[ErrorModel.MessageKey] = message;
        return StatusCode(403);
    }

    /// <summary>Members only (404 for anyone else, as the API).</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var roles = await Access.RolesIn(Name, Ct);
        var item = roles.Count == 0 || !GuidanceProduct.IsGuidanceNumber(Number) ? null
            : await Query.LoadAsync<TriageItem>(TriageItem.IdFor(Name, Number), Ct);
        if (item is null)
        {
            HttpContext.Items[ErrorModel.MessageKey] = roles.Count == 0
                ? $"You are not a member of an implementation group named {Name}."
                : $"{Name}'s triage queue has no NICE product {Number}.";
            return NotFound();
        }
        Item = item;
        Product = await Query.LoadAsync<GuidanceProduct>(item.ProductId, Ct);
        MayTriage = GroupRules.MayTriage(roles);
        IsChair = GroupRules.MayOpenReviews(roles);
        return null;
    }
}
