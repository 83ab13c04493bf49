using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Workflows.Groups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GuidanceFlow.Api.Pages.Triage;

/// <summary>A group's triage queue, as the API's: awaiting (soonest due first), triaged, or all.</summary>
public sealed class QueueModel : GuidancePage
{
    private const int PageSize = 25;

    [FromRoute] public string Name { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public TriageFilter Filter { get; private set; }
    public TriagePage Items { get; private set; } = new([], 1, PageSize, 0);
    public int Pages => (Items.Total + PageSize - 1) / PageSize;
    public bool MayTriage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var roles = await Access.RolesIn(Name, Ct);
        if (roles.Count == 0)
        {
            HttpContext.Items[ErrorModel.MessageKey] = $"You are not a member of an implementation group named {Name}.";
            return NotFound();
        }
        MayTriage = GroupRules.MayTriage(roles);
        Filter = Enum.TryParse<TriageFilter>(Show, ignoreCase: true, out var f) ? f : TriageFilter.Awaiting;
        PageNumber = Math.Max(PageNumber, 1);
        Items = await TriageQueue.PageAsync(Query, Name, Filter, PageNumber, PageSize, Now, Ct);
        return Page();
    }

    public string ShowUrl(TriageFilter show, int page = 1) =>
        QueryHelpers.AddQueryString($"/groups/{Uri.EscapeDataString(Name)}/triage",
            new Dictionary<string, string?> { ["show"] = show == TriageFilter.Awaiting ? null : show.ToString(), ["page"] = page == 1 ? null : page.ToString() }
                .Where(p => p.Value is not null));
}
