using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Benchmarking;

/// <summary>The NHS structure benchmarking uses, kept by network admins: regions, systems, networks and their admins, and where each group sits.</summary>
public sealed class StructureModel : BenchmarkPage
{
    // Each form's own fields, so an error shows beside the form that was sent.
    [BindProperty(Name = "region-code")] public string? RegionCode { get; set; }
    [BindProperty(Name = "region-name")] public string? RegionName { get; set; }
    [BindProperty(Name = "system-code")] public string? SystemCode { get; set; }
    [BindProperty(Name = "system-name")] public string? SystemName { get; set; }
    [BindProperty(Name = "system-region")] public string? SystemRegion { get; set; }
    [BindProperty(Name = "network-code")] public string? NetworkCode { get; set; }
    [BindProperty(Name = "network-name")] public string? NetworkName { get; set; }
    [BindProperty(Name = "network-region")] public string? NetworkRegion { get; set; }
    [BindProperty(Name = "placement-groupName")] public string? PlacementGroup { get; set; }
    [BindProperty(Name = "placement-system")] public string? PlacementSystem { get; set; }
    [BindProperty(Name = "placement-networks")] public List<string> PlacementNetworks { get; set; } = [];
    [BindProperty(Name = "admin-network")] public string? AdminNetwork { get; set; }
    [BindProperty(Name = "admin-userId")] public string? AdminUserId { get; set; }
    [BindProperty(Name = "admin-name")] public string? AdminName { get; set; }

    /// <summary>Which form was sent (region, system, network, placement, admin): its fields carry that prefix on errors.</summary>
    public string? Form { get; private set; }

    public NhsStructure Structure { get; private set; } = NhsStructure.Empty;
    public IReadOnlyList<string> AllGroups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    private async Task<IActionResult?> LoadAsync()
    {
        Structure = await Benchmarks.StructureAsync(Ct);
        if (!StructureRules.MayChange(Structure, User.ToActor("NetworkAdmin")))
        {
            HttpContext.Items[ErrorModel.MessageKey] = StructureRules.NetworkAdminsOnly;
            return StatusCode(403);
        }
        AllGroups = await Query.Query<ImplementationGroup>().Select(g => g.Id).OrderBy(g => g).ToListAsync(Ct);
        return null;
    }

    private async Task<IActionResult> ChangeAsync(string form, StructureChange change, string done)
    {
        if (await LoadAsync() is { } denied) return denied;
        Form = form;
        if (!await SendAsync(change, field => form + "-" + field)) return Page();
        return Done(done, "/benchmarking/structure");
    }

    public Task<IActionResult> OnPostRegionAsync() =>
        ChangeAsync("region", new RecordRegion(RegionCode ?? "", RegionName ?? "", User.ToActor("NetworkAdmin")),
            $"The region {StructureRules.Normalise(RegionCode)} has been saved.");

    public Task<IActionResult> OnPostSystemAsync() =>
        ChangeAsync("system", new RecordSystem(SystemCode ?? "", SystemName ?? "", SystemRegion ?? "", User.ToActor("NetworkAdmin")),
            $"The integrated care system {StructureRules.Normalise(SystemCode)} has been saved.");

    public Task<IActionResult> OnPostNetworkAsync() =>
        ChangeAsync("network", new RecordNetwork(NetworkCode ?? "", NetworkName ?? "", NetworkRegion ?? "", User.ToActor("NetworkAdmin")),
            $"The network {StructureRules.Normalise(NetworkCode)} has been saved.");

    public Task<IActionResult> OnPostPlacementAsync() =>
        ChangeAsync("placement", new PlaceGroup(PlacementGroup ?? "", PlacementSystem ?? "", PlacementNetworks, false, User.ToActor("NetworkAdmin")),
            $"{PlacementGroup} has been placed.");

    public Task<IActionResult> OnPostAdminAsync() =>
        ChangeAsync("admin", new AppointNetworkAdmin(AdminNetwork ?? "", AdminUserId?.Trim() ?? "", AdminName ?? "", User.ToActor("NetworkAdmin")),
            $"{AdminName} is now an admin of {StructureRules.Normalise(AdminNetwork)}.");

    public Task<IActionResult> OnPostRemoveAdminAsync(string network, string userId) =>
        ChangeAsync("admin", new RemoveNetworkAdmin(network, userId, User.ToActor("NetworkAdmin")), $"{userId} is no longer an admin of {network}.");

    public IEnumerable<Choice> RegionChoices => new[] { new Choice("", "Choose a region") }.Concat(Structure.Regions.Values.Select(r => new Choice(r.Code, $"{r.Name} ({r.Code})")));
}
