using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Workflows.Benchmarking;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Benchmarking;

/// <summary>A guidance's national picture: each recommendation across the groups that reviewed it, the viewer's group highlighted.</summary>
public sealed class GuidanceModel : BenchmarkPage
{
    [BindProperty(SupportsGet = true)] public string Guidance { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "group")] public string? ForGroup { get; set; }

    public GuidancePicture Picture { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(string table) => await LoadAsync() ?? Download(BenchmarkTables.Of(Picture), table, FileName);

    public async Task<IActionResult> OnGetXlsxAsync() => await LoadAsync() ?? Download(BenchmarkTables.Of(Picture), null, FileName);

    private string FileName => "benchmarks-" + Picture.Guidance.ToLowerInvariant();

    private async Task<IActionResult?> LoadAsync()
    {
        if (Guidance.Length > 20 || !GuidanceProduct.IsGuidanceNumber(Guidance))
        {
            HttpContext.Items[ErrorModel.MessageKey] = "Give a NICE guidance number: letters then digits, for example NG115.";
            return NotFound();
        }
        var (denied, picture) = await Benchmarks.GuidanceAsync(Guidance, string.IsNullOrWhiteSpace(ForGroup) ? null : ForGroup, Ct);
        if (denied != BenchmarkDenial.None) return Denied(denied, $"You are not a member of an implementation group named {ForGroup}.", BenchmarkRules.NoRole);
        Picture = picture!;
        return null;
    }

    public static IReadOnlyList<ChartDot> Dots(RecommendationPicture r) =>
        (r.Groups ?? []).Select(g => new ChartDot(g.Name, g.You, (int)g.Compliance, 0)).ToList();

    public static string DescribeDots(RecommendationPicture r) =>
        string.Join("; ", BenchmarkWords.ComplianceNames.Select((n, i) => $"{n}: {(r.Groups ?? []).Count(g => (int)g.Compliance == i)} groups")) +
        (r.Yours is { } c ? $". Your group: {BenchmarkWords.Compliance(c).ToLowerInvariant()}." : ".");
}
