using System.Net;
using System.Xml.Linq;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Spreadsheets;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A measure's data from files and its chart as a file: measurements uploaded as CSV or .xlsx through the same rules as typed
/// ones (a file with any bad row saves nothing and names each row by its row in the file), and the XmR chart as an SVG image.
/// </summary>
public sealed class ProjectFileTests(AppFixture app) : IntegrationTest(app)
{
    private static string Upload(Guid project) => $"/api/projects/{project}/measures/{ProjectTests.Falls}/points/file";

    private static string[] FileErrors(System.Text.Json.JsonElement problem) =>
        problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Measurements_upload_from_csv_and_a_file_with_bad_rows_saves_nothing_and_names_each_row_of_the_file()
    {
        var project = await ProjectTests.Started(Api);
        var before = await EveryEventCount();

        // Rows the file's reader cannot take: named by the file's own line numbers (the empty line 4 counted, and skipped).
        var unreadable = await Api.Problem(await Api.Send(ProjectTests.Finance, HttpMethod.Post, Upload(project.Id),
            FileBody.Csv("Period,Value,Note\n2025-06-01,9,Huddles began\n30/06/2025,ten,\n\nsomeday,8,\n2025-07-01,,\n")), 400);
        Assert.Equal(
        [
            "Row 3: the value \"ten\" is not a number.",
            "Row 5: the period \"someday\" is not a date; write it like 2026-03-01 or 01/03/2026.",
            "Row 6: the value is missing.",
        ], FileErrors(unreadable));

        // Rows the rules refuse (a period twice, a value too large): the validator's rows said again as the file's rows.
        var refused = FileErrors(await Api.Problem(await Api.Send(ProjectTests.Finance, HttpMethod.Post, Upload(project.Id),
            FileBody.Csv("Period;Value\n2025-06-01;9\nJul 2025;2000000000000\n01/06/2025;7\n")), 400));
        Assert.Contains("Row 3: the value is too large.", refused);
        Assert.Contains(refused, e => e.StartsWith("Row 4: ") && e.Contains("also in row 2"));
        Assert.Equal(before, await EveryEventCount());

        // A good file: periods written three ways, a thousands separator, a note; recorded as one upload by who sent it.
        var uploaded = await Api.Read<ProjectAnswer>(await Api.Send(ProjectTests.Finance, HttpMethod.Post, Upload(project.Id),
            FileBody.Csv("\uFEFFperiod,value,note\r\n2025-06-01,9,Huddles began\r\n01/07/2025,\"8.5\",\r\nAug 2025,\"1,008\",\r\n")));
        var points = uploaded.Measures.Single().Points;
        Assert.Equal([10m, 11m, 10m, 11m, 12m, 9m, 8.5m, 1008m], points.Select(p => p.Value));
        Assert.Equal(new DateOnly(2025, 8, 1), points[^1].Period);
        Assert.Equal("Huddles began", points[5].Note);
        var last = (await Api.Read<List<GuidanceFlow.Api.Queries.HistoryEntry>>(await Api.Get(Api.Chair, $"/api/projects/{project.Id}/history")))[^1];
        Assert.Equal(("MeasurementsRecorded", ProjectTests.Finance), (last.Type, last.Actor.UserId));
        Assert.Contains("\"Upload\"", last.Data.GetRawText());
    }

    [Fact]
    public async Task Measurements_upload_from_a_workbook_whose_dates_are_day_numbers_and_a_formula_is_never_run()
    {
        var project = await ProjectTests.Started(Api);
        var before = await EveryEventCount();
        var formula = Workbooks.Table(["Period", "Falls per 1,000 bed days"], [new DateOnly(2025, 6, 1), 9m], [new DateOnly(2025, 7, 1), "=B2-1"]);
        Assert.Equal(["Row 3: it holds a formula. GuidanceFlow never runs formulas: type the value itself."],
            FileErrors(await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id), new FileBody(formula, BaselineWorkbook.ContentType)), 400)));
        var noColumns = Workbooks.Table(["When", "How many"], [new DateOnly(2025, 6, 1), 9m]);
        Assert.Contains("Period and Value", FileErrors(await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id),
            new FileBody(noColumns, BaselineWorkbook.ContentType)), 400))[0]);
        Assert.Equal(before, await EveryEventCount());

        // The measure's own name heads the values, as in the chart's CSV download; a date typed as text is read the British way.
        var good = Workbooks.Table(["Period", "Falls per 1,000 bed days", "Note"], [new DateOnly(2025, 6, 1), 9m, null], ["01/07/2025", 7.25m, "New mats"]);
        var uploaded = await Api.Read<ProjectAnswer>(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id), new FileBody(good, BaselineWorkbook.ContentType)));
        var points = uploaded.Measures.Single().Points;
        Assert.Equal((new DateOnly(2025, 6, 1), 9m, (string?)null), (points[5].Period, points[5].Value, points[5].Note));
        Assert.Equal((new DateOnly(2025, 7, 1), 7.25m, "New mats"), (points[6].Period, points[6].Value, points[6].Note));
    }

    [Fact]
    public async Task An_upload_is_refused_for_its_type_its_size_its_rows_or_its_sender_before_anything_is_saved()
    {
        var project = await ProjectTests.Started(Api);
        var before = await EveryEventCount();
        await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id), "{\"points\":[]}"), 415);
        await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id), new FileBody(new byte[MeasurementUpload.MaxBytes + 1], "text/csv")), 413);
        var rows = string.Join("\n", Enumerable.Range(0, 1001).Select(i => $"{new DateOnly(2000, 1, 1).AddDays(i):yyyy-MM-dd},{i}"));
        await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id), FileBody.Csv("Period,Value\n" + rows)), 413);
        await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id), new FileBody([0xC3, 0x28, 0x0A], "text/csv")), 400);
        await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, Upload(project.Id), new FileBody("not a zip"u8.ToArray(), BaselineWorkbook.ContentType)), 400);
        // Who may change the project is asked first: the group's commissioner is told 403, another group's chair of nothing, whatever the file.
        await Api.Problem(await Api.Send(ProjectTests.Commissioner, HttpMethod.Post, Upload(project.Id), FileBody.Csv("nonsense")), 403);
        await Api.Problem(await Api.Send(ProjectTests.OtherChair, HttpMethod.Post, Upload(project.Id), FileBody.Csv("Period,Value\n2025-06-01,1")), 404);
        await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, $"/api/projects/{project.Id}/measures/{Guid.NewGuid()}/points/file",
            FileBody.Csv("Period,Value\n2025-06-01,1")), 404);
        Assert.Equal(before, await EveryEventCount());
    }

    [Fact]
    public async Task A_measures_chart_downloads_as_an_svg_image_that_describes_itself_in_words()
    {
        var project = await ProjectTests.Started(Api); // 10, 11, 10, 11, 12: mean 54 / 5 = 10.8, all common cause
        var response = await Api.Get(ProjectTests.Commissioner, $"/api/projects/{project.Id}/measures/{ProjectTests.Falls}/chart.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".svg", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Falls per 1,000 bed days (falls per 1,000 bed days): XmR chart", svg.Element(ns + "title")!.Value);
        var description = svg.Element(ns + "desc")!.Value;
        Assert.Contains("5 points from 1 Jan 2025 to 1 May 2025", description);
        Assert.Contains("Latest mean 10.8", description);
        Assert.Contains("target 4", description);
        Assert.Contains("0 points show special cause variation", description);
        Assert.Equal(5, svg.Descendants(ns + "circle").Count()); // one grey circle per common-cause point
        Assert.Empty(svg.Descendants(ns + "script"));

        await Api.Problem(await Api.Get(ProjectTests.OtherChair, $"/api/projects/{project.Id}/measures/{ProjectTests.Falls}/chart.svg"), 404);
        await Api.Problem(await Api.Get(Api.Chair, $"/api/projects/{project.Id}/measures/{Guid.NewGuid()}/chart.svg"), 404);
    }
}
