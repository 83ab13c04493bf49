using System.Text.RegularExpressions;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>
/// The chair builds the grid: add, edit, reorder, remove, or paste a whole list. Each change sends
/// the whole grid as one CreateGrid command at the version the page showed.
/// </summary>
[GuidanceFlow.Api.Http.LargeUpload(GuidanceFlow.Api.Spreadsheets.BaselineUpload.MaxBytes)]
public sealed partial class GridModel : ReviewPage
{
    /// <summary>Every problem of a refused sheet, by row and recommendation; the summary links to the file input.</summary>
    public IReadOnlyList<string> SheetProblems { get; private set; } = [];

    /// <summary>The whole grid from a workbook (Number and Recommendation columns), through the same command as every change here.</summary>
    public async Task<IActionResult> OnPostSheetAsync(IFormFile? sheet)
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (sheet is null || sheet.Length == 0)
        {
            Errors.Add("sheet", "Choose a spreadsheet (.xlsx) with the columns Number and Recommendation");
            return Page();
        }
        if (sheet.Length > GuidanceFlow.Api.Spreadsheets.BaselineUpload.MaxBytes)
        {
            Errors.Add("sheet", "The file must be smaller than 5 MB");
            return Page();
        }
        using var memory = new MemoryStream();
        await sheet.CopyToAsync(memory, Ct);
        var (grid, refusal) = GuidanceFlow.Api.Spreadsheets.GridUpload.Read(memory.ToArray());
        if (refusal is not null)
        {
            SheetProblems = refusal.Problems;
            Errors.Add("sheet", refusal.Problems.Count == 1 ? refusal.Problems[0] : $"The sheet has {refusal.Problems.Count} problems, listed below; nothing was saved");
            return Page();
        }
        var rows = grid!.Select(g => (g.Row, g.Recommendation.Number)).ToList();
        try
        {
            await HttpContext.RequestServices.GetRequiredService<Wolverine.IMessageBus>()
                .InvokeAsync(new CreateGrid(Id, grid!.Select(g => g.Recommendation).ToList(), Version, User.ToActor(Roles.Chair)), Ct);
        }
        catch (GuidanceFlow.Workflows.Validation.CommandInvalid invalid)
        {
            // The validator's fields, said again by the sheet's rows.
            SheetProblems = GuidanceFlow.Api.Spreadsheets.BaselineImport.ByRow(invalid.Failures, rows);
            Errors.Add("sheet", SheetProblems.Count == 1 ? SheetProblems[0] : $"The sheet has {SheetProblems.Count} problems, listed below; nothing was saved");
            return Page();
        }
        catch (Workflows.Reviews.ReviewCommandRejected e)
        {
            Errors.Add("sheet", e.Message);
            return Page();
        }
        catch (Exception e) when (e is Workflows.Reviews.StaleReviewVersion or JasperFx.ConcurrencyException)
        {
            Errors.Add("sheet", "The review has changed since you opened this page; nothing was saved. Reload it and upload the sheet again");
            return Page();
        }
        return Done($"The grid now holds the sheet's {Words.Count(grid!.Count, "recommendation")}.", ReviewUrl + "/grid");
    }

    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Settings { get; set; }
    [BindProperty] public string? Pasted { get; set; }
    [BindProperty] public string? Mode { get; set; }

    public bool CanChange => Review.Progress.GridMayChange;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (Edit is { } i && i >= 0 && i < Review.Recommendations.Count)
        {
            var rec = Review.Recommendations[i];
            (Number, Text, Settings) = (rec.Number, rec.Text, string.Join(", ", rec.Settings));
        }
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync() => Change(grid =>
    {
        grid.Add(Entered());
        return (grid.Count - 1, "Recommendation added.");
    });

    public Task<IActionResult> OnPostEditAsync(int index)
    {
        Edit = index; // a rejected edit shows the edit form again
        return Change(grid =>
        {
            if (index < 0 || index >= grid.Count) return (-1, null);
            grid[index] = Entered();
            return (index, "Recommendation changed.");
        });
    }

    public Task<IActionResult> OnPostUpAsync(int index) => Change(grid => Swap(grid, index, index - 1));
    public Task<IActionResult> OnPostDownAsync(int index) => Change(grid => Swap(grid, index, index + 1));

    public Task<IActionResult> OnPostRemoveAsync(int index) => Change(grid =>
    {
        if (index < 0 || index >= grid.Count) return (-1, null);
        grid.RemoveAt(index);
        return (-1, "Recommendation removed.");
    });

    public Task<IActionResult> OnPostPasteAsync() => Change(grid =>
    {
        var lines = (Pasted ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            Errors.Add("pasted", "Paste at least one recommendation");
            return (-1, null);
        }
        var parsed = new List<Recommendation>();
        foreach (var (line, n) in lines.Select((l, n) => (l, n + 1)))
        {
            var match = NumberedLine().Match(line);
            if (!match.Success)
            {
                Errors.Add("pasted", $"Line {n} does not start with a recommendation number, like 1.2.3: “{(line.Length > 40 ? line[..40] + "…" : line)}”");
                return (-1, null);
            }
            parsed.Add(new Recommendation(match.Groups[1].Value, match.Groups[2].Value.Trim(), []));
        }
        if (Mode == "replace") grid.Clear();
        var first = grid.Count;
        grid.AddRange(parsed);
        return (first, $"{Words.Count(parsed.Count, "recommendation")} added.");
    }, pasted: true);

    private Recommendation Entered() => new(Number?.Trim() ?? "", Text?.Trim() ?? "",
        (Settings ?? "").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList());

    private static (int, string?) Swap(List<Recommendation> grid, int a, int b)
    {
        if (a < 0 || b < 0 || a >= grid.Count || b >= grid.Count) return (-1, null);
        (grid[a], grid[b]) = (grid[b], grid[a]);
        return (-1, "Recommendations reordered.");
    }

    /// <summary>Applies one change to the grid as shown and sends the whole grid.</summary>
    private async Task<IActionResult> Change(Func<List<Recommendation>, (int Changed, string? Message)> change, bool pasted = false)
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        var grid = Review.Recommendations.Select(r => new Recommendation(r.Number, r.Text, r.Settings, r.Strength, r.YearTag)).ToList();
        var (changed, message) = change(grid);
        if (Errors.Any) return Page();
        if (message is null) return NotFound();

        // The validator names the grid's rows; the form has one row's fields (or the pasted text).
        string Field(string path)
        {
            var row = RowPath().Match(path);
            if (!row.Success) return pasted ? "pasted" : "number";
            if (pasted) return "pasted";
            return int.Parse(row.Groups[1].Value) == changed ? row.Groups[2].Value.Split('[')[0] : "number";
        }
        // The change was made to a copy, so a refused one leaves the grid shown as stored.
        if (!await SendAsync(new CreateGrid(Id, grid, Version, User.ToActor(Roles.Chair)), Field)) return Page();
        return Done(message, $"{ReviewUrl}/grid");
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)*[a-z]?)[\s.:)\-–]+(.+)$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^recommendations\[(\d+)\]\.(.+)$")]
    private static partial Regex RowPath();
}
