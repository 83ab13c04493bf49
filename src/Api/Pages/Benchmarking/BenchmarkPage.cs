using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Api.Spreadsheets;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Benchmarking;

/// <summary>What every benchmarking page shares: the answer to a refusal, and each table downloadable as CSV or all of them as .xlsx.</summary>
public abstract class BenchmarkPage : GuidancePage
{
    protected BenchmarkQueries Benchmarks => HttpContext.RequestServices.GetRequiredService<BenchmarkQueries>();

    [BindProperty(SupportsGet = true)] public int? Quarters { get; set; }

    public static readonly int[] QuarterChoices = [4, 8, 12, 20];

    protected int QuarterCount => Quarters is { } q && QuarterChoices.Contains(q) ? q : BenchmarkQueries.DefaultQuarters;

    protected IActionResult Denied(BenchmarkDenial denial, string notFound, string forbidden)
    {
        HttpContext.Items[ErrorModel.MessageKey] = denial == BenchmarkDenial.NotFound ? notFound : forbidden;
        return StatusCode(denial == BenchmarkDenial.NotFound ? 404 : 403);
    }

    /// <summary>One table as CSV (<paramref name="table"/> names it), or every table as a workbook.</summary>
    protected IActionResult Download(IReadOnlyList<TableSheet> sheets, string? table, string fileName)
    {
        if (table is null) return File(TableWorkbook.Write(sheets), BaselineWorkbook.ContentType, fileName + ".xlsx");
        var sheet = sheets.FirstOrDefault(s => string.Equals(Key(s.Name), table, StringComparison.OrdinalIgnoreCase));
        if (sheet is null) return NotFound();
        return File(System.Text.Encoding.UTF8.GetBytes(TableWorkbook.Csv(sheet.Header, sheet.Rows)), TableWorkbook.CsvContentType, $"{fileName}-{Key(sheet.Name)}.csv");
    }

    /// <summary>"By quarter" → "by-quarter": how a table is named in its download's address.</summary>
    public static string Key(string table) => table.ToLowerInvariant().Replace(' ', '-');

    /// <summary>The links under a table: this table as CSV, every table as a spreadsheet.</summary>
    public string DownloadLinks(string table) =>
        $"Download: <a href=\"{Link("Csv", table)}\">this table (CSV)</a> · <a href=\"{Link("Xlsx", null)}\">every table (.xlsx)</a>";

    /// <summary>One table's CSV, for a link of the page's own wording.</summary>
    public string CsvLink(string table) => Link("Csv", table);

    private string Link(string handler, string? table)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(q => q.Key is not ("handler" or "table")).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["handler"] = handler;
        if (table is not null) query["table"] = Key(table);
        return System.Text.Encodings.Web.HtmlEncoder.Default.Encode(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path, query));
    }
}

/// <summary>What the compliance partial draws: the chart's id and title, the table's caption, and the levels (the first the viewer's).</summary>
public sealed record ComplianceLevels(string Id, string Title, string Caption, IReadOnlyList<LevelCompliance> Levels);
