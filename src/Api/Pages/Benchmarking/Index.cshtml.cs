using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Workflows.Benchmarking;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Benchmarking;

/// <summary>Where benchmarking starts: the dashboards, network and region views the user may see, and a guidance's national picture.</summary>
public sealed class IndexModel : BenchmarkPage
{
    [BindProperty(SupportsGet = true)] public string? Guidance { get; set; }

    public IReadOnlyList<string> Groups { get; private set; } = [];
    public IReadOnlyList<BenchmarkLevel> Areas { get; private set; } = [];
    public bool MaySeeAnything { get; private set; }
    public bool KeepsStructure { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var viewer = await Benchmarks.ViewerAsync(Ct);
        var structure = await Benchmarks.StructureAsync(Ct);
        MaySeeAnything = BenchmarkRules.MaySeeGuidance(viewer, structure);
        KeepsStructure = structure.IsNetworkAdmin(UserId);
        var networkGroups = structure.Groups.Values.Where(p => p.Networks.Any(n => structure.Networks[n].Admins.ContainsKey(UserId))).Select(p => p.Group);
        Groups = viewer.Groups.Keys.Concat(networkGroups).Distinct().Where(g => BenchmarkRules.MaySeeGroup(viewer, g, structure)).Order(StringComparer.Ordinal).ToList();
        Areas = structure.Networks.Values.Select(n => new BenchmarkLevel(LevelKind.Network, n.Code, n.Name))
            .Concat(structure.Regions.Values.Select(r => new BenchmarkLevel(LevelKind.Region, r.Code, r.Name)))
            .Where(a => BenchmarkRules.MaySeeArea(viewer, a, structure)).ToList();
        if (!Request.Query.ContainsKey("guidance")) return Page();
        if (Guidance is { Length: <= 20 } && GuidanceProduct.IsGuidanceNumber(Guidance))
            return Redirect($"/benchmarking/guidance/{Uri.EscapeDataString(Guidance.Trim().ToUpperInvariant())}");
        Errors.Add("guidance", "Enter a NICE guidance number, like NG115");
        return Page();
    }
}
