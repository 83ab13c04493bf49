using System.Globalization;
using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Domain.Improvement;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>
/// One measure's data, for the project's team: upload it from a file, revise the measure's definition, remove a measurement
/// with why, and recalculate the limits from a period when the process changed (or stop). The same commands as the API's.
/// </summary>
[GuidanceFlow.Api.Http.LargeUpload(MeasurementUpload.MaxBytes)]
public sealed class MeasureModel : MeasureFormPage
{
    [FromRoute] public Guid MeasureId { get; set; }

    public ProjectMeasure Measure { get; private set; } = null!;

    /// <summary>Every problem of a refused file, by its row; the error summary links to the file input.</summary>
    public IReadOnlyList<string> FileProblems { get; private set; } = [];


    [BindProperty] public string? Removal { get; set; }
    [BindProperty] public string? RemovalReason { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? RecalculationReason { get; set; }

    public string MeasureUrl => $"{ProjectUrl}/measures/{MeasureId}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadMeasureAsync() is { } missing) return missing;
        var d = Measure.Definition;
        (Name, OperationalDefinition, Unit, Direction) = (d.Name, d.OperationalDefinition, d.Unit, d.Direction.ToString());
        (Baseline, Target) = (d.Baseline is { } b ? ProjectWords.Number(b) : null, d.Target is { } t ? ProjectWords.Number(t) : null);
        return Page();
    }

    public async Task<IActionResult> OnPostFileAsync(IFormFile? file)
    {
        if (await LoadMeasureAsync() is { } missing) return missing;
        var csv = file?.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true;
        if (file is null || file.Length == 0) Errors.Add("file", "Choose a file of measurements (.csv or .xlsx)");
        else if (!csv && !file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) Errors.Add("file", "The file must be a CSV or an .xlsx workbook");
        else if (file.Length > MeasurementUpload.MaxBytes) Errors.Add("file", $"The file must be smaller than {MeasurementUpload.MaxBytes / 1024 / 1024} MB");
        if (Errors.Any) return Page();
        using var memory = new MemoryStream();
        await file!.CopyToAsync(memory, Ct);
        UploadRefusal? refusal;
        try
        {
            refusal = await MeasurementUpload.RecordAsync(memory.ToArray(), csv, Project, Measure, Viewer, Actor, Bus, Ct);
        }
        catch (Workflows.Improvement.ProjectCommandRejected e)
        {
            refusal = new(409, "", [e.Message]);
        }
        if (refusal is not null)
        {
            FileProblems = refusal.Problems;
            Errors.Add("file", refusal.Problems.Count == 1 ? refusal.Problems[0] : $"The file has {refusal.Problems.Count} problems, listed below; nothing was saved");
            return await AgainAsync();
        }
        return Done($"The file's measurements are recorded for {Measure.Definition.Name}.", MeasureUrl);
    }

    public async Task<IActionResult> OnPostDefinitionAsync()
    {
        if (await LoadMeasureAsync() is { } missing) return missing;
        if (ReadMeasure() is not { } definition) return Page();
        if (!await SendAsync(new DefineMeasure(Id, MeasureId, definition, Viewer, Actor))) return await AgainAsync();
        return Done($"The measure \"{definition.Name.Trim()}\" is revised.", MeasureUrl);
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        if (await LoadMeasureAsync() is { } missing) return missing;
        if (PeriodOf(Removal) is not { } period) Errors.Add("removal", "Choose the measurement to remove");
        else if (await SendAsync(new RemoveMeasurement(Id, MeasureId, period, RemovalReason ?? "", Viewer, Actor), _ => "removalReason"))
            return Done($"The measurement for {ProjectWords.Period(period)} is removed; the project's history keeps it.", MeasureUrl);
        return await AgainAsync();
    }

    public async Task<IActionResult> OnPostRecalculateAsync()
    {
        if (await LoadMeasureAsync() is { } missing) return missing;
        if (PeriodOf(From) is not { } from) Errors.Add("from", "Choose the period the process changed at");
        else if (await SendAsync(new RecalculateLimits(Id, MeasureId, from, RecalculationReason ?? "", false, Viewer, Actor), _ => "recalculationReason"))
            return Done($"The limits are recalculated from {ProjectWords.Period(from)}.", MeasureUrl);
        return await AgainAsync();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string? period)
    {
        if (await LoadMeasureAsync() is { } missing) return missing;
        if (PeriodOf(period) is { } from && await SendAsync(new RecalculateLimits(Id, MeasureId, from, null, true, Viewer, Actor)))
            return Done($"The limits are no longer recalculated from {ProjectWords.Period(from)}.", MeasureUrl);
        return await AgainAsync();
    }

    /// <summary>The periods the measure has data for, latest first, as choices.</summary>
    public IEnumerable<Choice> Periods() => Measure.Points.OrderByDescending(p => p.Period)
        .Select(p => new Choice(Key(p.Period), $"{ProjectWords.Period(p.Period)}: {ProjectWords.Number(p.Value)}"));

    public static string Key(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? PeriodOf(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private new async Task<IActionResult> AgainAsync() => await LoadMeasureAsync() ?? Page();

    private async Task<IActionResult?> LoadMeasureAsync()
    {
        if (await LoadAsync(edit: true) is { } denied) return denied;
        if (Project.Measure(MeasureId) is not { } measure)
        {
            HttpContext.Items[ErrorModel.MessageKey] = $"The project has no measure with the id {MeasureId}.";
            return NotFound();
        }
        Measure = measure;
        return null;
    }
}
