using System.Net;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Improvement;
using GuidanceFlow.Domain.Library;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Improvement projects end to end over HTTP: started from a decision, a measure defined, measurements sent in batches
/// (a bad row refuses the batch and names itself), the XmR chart worked out on the server against hand arithmetic,
/// limits recalculated, a PDSA cycle written up, completion — each change an event naming who acted.
/// </summary>
public sealed class ProjectTests(AppFixture app) : IntegrationTest(app)
{
    public const string Riverside = GuidanceFlow.Api.Identity.DemoUsers.Group;
    public const string Finance = "mark.fenwick";
    public const string Commissioner = "rachel.stone";
    public const string OtherChair = "ade.adeyemi";
    public static readonly string Projects = $"/api/groups/{Uri.EscapeDataString(Riverside)}/projects";
    public static readonly Guid Falls = Guid.Parse("00000000-0000-0000-0000-00000000f411");

    public static object Aim(string howMuch = "from 8 to 4 per 1,000 bed days") =>
        new { what = "Fewer inpatient falls on wards 7 and 8", howMuch, byWhen = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)) };

    public static object FallsRate(decimal? target = 4m) => new
    {
        name = "Falls per 1,000 bed days",
        operationalDefinition = "Falls reported on the incident system for wards 7 and 8, divided by occupied bed days, per calendar month",
        unit = "falls per 1,000 bed days",
        direction = "LowerIsBetter",
        baseline = 8m,
        target,
    };

    public static object Points(params decimal[] values) =>
        new { points = values.Select((v, i) => new { period = new DateOnly(2025, 1, 1).AddMonths(i), value = v }).ToArray() };

    /// <summary>A project in Riverside started by its chair with the finance lead on the team, and the falls measure with five months of data.</summary>
    public static async Task<ProjectAnswer> Started(Api api)
    {
        var project = await Api.Read<ProjectAnswer>(await api.Post(Api.Chair, Projects, new
        {
            title = "Falls on the frailty wards", aim = Aim(), team = new[] { new { userId = Finance, name = "Mark Fenwick" } },
        }), HttpStatusCode.Created);
        await Api.Read<ProjectAnswer>(await api.Put(Api.Chair, $"/api/projects/{project.Id}/measures/{Falls}", FallsRate()));
        return await Api.Read<ProjectAnswer>(await api.Post(Api.Chair, $"/api/projects/{project.Id}/measures/{Falls}/points", Points(10, 11, 10, 11, 12)));
    }

    [Fact]
    public async Task A_project_from_a_decision_is_measured_charted_and_completed_each_change_an_event_naming_who()
    {
        var review = await LibraryTests.DecidedReview(Api);
        var project = await Api.Read<ProjectAnswer>(await Api.Post(Api.Chair, Projects, new
        {
            title = "Spirometry hub", aim = Aim(), reviewId = review.Id, recommendations = new[] { "1.2.1" },
            actions = new[] { "Open the spirometry hub" }, team = new[] { new { userId = Finance, name = "Mark Fenwick" } },
        }), HttpStatusCode.Created);
        Assert.Equal("NG115", project.GuidanceNumber);
        Assert.Equal(["1.2.1"], project.Recommendations);
        Assert.Equal(["Open the spirometry hub"], project.Actions);
        Assert.Equal([Api.Chair, Finance], project.Team.Select(m => m.UserId));
        Assert.True(project.MayEdit);

        // A recommendation the review does not have: refused, nothing started.
        var before = await EveryEventCount();
        await Api.Problem(await Api.Post(Api.Chair, Projects, new { title = "X", aim = Aim(), reviewId = review.Id, recommendations = new[] { "9.9.9" } }), 409);
        Assert.Equal(before, await EveryEventCount());

        var url = $"/api/projects/{project.Id}";
        await Api.Read<ProjectAnswer>(await Api.Put(Finance, $"{url}/measures/{Falls}", FallsRate()));

        // A batch with bad rows: each named by its index and field; nothing recorded.
        before = await EveryEventCount();
        var bad = await Api.Problem(await Api.Post(Finance, $"{url}/measures/{Falls}/points", new
        {
            points = new object?[]
            {
                new { period = "2025-01-01", value = 10 },
                new { period = "2025-01-01", value = 11 },
                new { period = "2025-02-01", value = 2_000_000_000_000m },
                null,
            },
        }), 400);
        var errors = bad.GetProperty("errors");
        Assert.Contains("also in row 1", errors.GetProperty("points[1].period")[0].GetString());
        Assert.Contains("too large", errors.GetProperty("points[2].value")[0].GetString());
        Assert.Contains("empty", errors.GetProperty("points[3].row")[0].GetString());
        Assert.Equal(before, await EveryEventCount());

        // Ten months, then a correction of the last: 10 11 10 11 12 11 10 11 10 11 — mean 10.7, moving ranges all 1,
        // limits 10.7 ± 2.66 = 13.36 and 8.04. Lower is better with a target of 4, below the lower limit: never met as things run.
        await Api.Read<ProjectAnswer>(await Api.Post(Finance, $"{url}/measures/{Falls}/points", Points(10, 11, 10, 11, 12, 11, 10, 11, 10, 12)));
        project = await Api.Read<ProjectAnswer>(await Api.Post(Api.Chair, $"{url}/measures/{Falls}/points",
            new { points = new[] { new { period = "2025-10-01", value = 11m, note = "Checked against the incident system" } } }));
        var measure = Assert.Single(project.Measures);
        Assert.Equal(10, measure.Points.Count);
        var segment = Assert.Single(measure.Chart.Segments);
        Assert.Equal((10.7m, 1m, 13.36m, 8.04m), (segment.Mean, segment.AverageMovingRange, segment.UpperLimit, segment.LowerLimit));
        Assert.Equal((Variation.CommonCause, Assurance.NeverMeets), (measure.Chart.Variation, measure.Chart.Assurance));

        // Then a run of seven months at 8: below the mean, a shift — an improvement, since lower is better.
        project = await Api.Read<ProjectAnswer>(await Api.Post(Finance, $"{url}/measures/{Falls}/points", new
        {
            points = Enumerable.Range(10, 7).Select(i => new { period = new DateOnly(2025, 1, 1).AddMonths(i), value = 8m }).ToArray(),
        }));
        Assert.Equal(Variation.ImprovementLow, project.Measures[0].Chart.Variation);
        Assert.All(project.Measures[0].Chart.Points.Skip(10), p => Assert.True(p.Rules.HasFlag(SpecialCauseRules.Shift)));

        // The process changed in November 2025: limits from there (seven 8s: mean 8, no variation).
        await Api.Problem(await Api.Put(Api.Chair, $"{url}/measures/{Falls}/recalculations/2026-05-01", new { reason = "Huddles" }), 409);
        await Api.Problem(await Api.Put(Api.Chair, $"{url}/measures/{Falls}/recalculations/November", new { reason = "Huddles" }), 400);
        project = await Api.Read<ProjectAnswer>(await Api.Put(Api.Chair, $"{url}/measures/{Falls}/recalculations/2025-11-01",
            new { reason = "The handover huddle started on both wards." }));
        Assert.Equal(2, project.Measures[0].Chart.Segments.Count);
        Assert.Equal(8m, project.Measures[0].Chart.Segments[1].Mean);

        var cycle = Guid.NewGuid();
        project = await Api.Read<ProjectAnswer>(await Api.Put(Finance, $"{url}/cycles/{cycle}", new
        {
            title = "Falls huddle at handover", plan = "Two minutes at each handover on ward 7 for a fortnight.",
            study = "Night falls fell from 6 to 3.", startedOn = "2025-10-20", endedOn = "2025-11-02",
        }));
        Assert.Equal(1, Assert.Single(project.Cycles).Number);

        // The commissioner reads the project but does not change it; another group's chair does not learn it exists.
        var read = await Api.Read<ProjectAnswer>(await Api.Get(Commissioner, url));
        Assert.False(read.MayEdit);
        await Api.Problem(await Api.Put(Commissioner, $"{url}/aim", new { title = "Mine", aim = Aim() }), 403);
        await Api.Problem(await Api.Get(OtherChair, url), 404);
        var rows = await Api.Read<List<ProjectRow>>(await Api.Get(Commissioner, Projects));
        Assert.Equal(Variation.CommonCause, Assert.Single(rows).Variation); // the first measure's chart, now in its new process

        project = await Api.Read<ProjectAnswer>(await Api.Post(Api.Chair, $"{url}/completion", new { summary = "Falls fell from 11 to 8 a month and held." }));
        Assert.Equal(ProjectStatus.Completed, project.Status);
        Assert.False(project.MayEdit);
        await Api.Problem(await Api.Post(Finance, $"{url}/measures/{Falls}/points", Points(7)), 409);

        // Every change is in the project's history with who made it.
        var history = await Api.Read<List<GuidanceFlow.Api.Queries.HistoryEntry>>(await Api.Get(Commissioner, $"{url}/history"));
        Assert.Equal(["ProjectStarted", "MeasureDefined", "MeasurementsRecorded", "MeasurementsRecorded", "MeasurementsRecorded", "LimitsRecalculated",
            "PdsaCycleStarted", "ProjectCompleted"], history.Select(h => h.Type));
        Assert.Equal([Api.Chair, Finance, Finance, Api.Chair, Finance, Api.Chair, Finance, Api.Chair],
            history.Select(h => h.Actor.UserId));
    }

    [Fact]
    public async Task Only_people_with_a_role_in_the_group_start_projects_there_and_the_team_is_drawn_from_it()
    {
        await Api.Problem(await Api.Post(OtherChair, Projects, new { title = "Falls", aim = Aim() }), 404);
        await Api.Problem(await Api.Post("tom.hadley", Projects, new { title = "Falls", aim = Aim() }), 404);
        var project = await Started(Api);
        await Api.Problem(await Api.Put(Api.Chair, $"/api/projects/{project.Id}/team/{OtherChair}", new { name = "Dr Ade Adeyemi" }), 409);
        var added = await Api.Read<ProjectAnswer>(await Api.Put(Api.Chair, $"/api/projects/{project.Id}/team/lucy.hart", new { name = "Lucy Hart" }));
        Assert.Contains(added.Team, m => m.UserId == "lucy.hart");
    }

    [Fact]
    public async Task A_completed_project_is_shared_with_the_library_and_once_an_editor_approves_anyone_finds_it_with_its_chart()
    {
        var project = await Started(Api);
        var url = $"/api/projects/{project.Id}";
        var before = await EveryEventCount();
        await Api.Problem(await Api.Post(Api.Chair, $"{url}/library", new { }), 409); // not completed yet
        await Api.Post(Api.Chair, $"{url}/completion", new { summary = "Night-time falls fell after the huddle; the rate has held since." });
        before = await EveryEventCount();
        await Api.Problem(await Api.Post(Commissioner, $"{url}/library", new { }), 403);
        await Api.Problem(await Api.Post(OtherChair, $"{url}/library", new { }), 404);
        await Api.Problem(await Api.Post(Finance, $"{url}/library", new { region = "Atlantis" }), 400);
        Assert.Equal(before, await EveryEventCount());

        var shared = await Api.Read<ProjectAnswer>(await Api.Post(Finance, $"{url}/library", new { region = "NorthWest", costBand = "NoExtraCost", sectors = new[] { "Secondary" } }));
        var entryId = Assert.IsType<Guid>(shared.LibraryEntryId);
        Assert.False(shared.MayShare);
        Assert.Equal(before + 2, await EveryEventCount()); // one on the project's stream, one starting the entry's
        await Api.Read<ProjectAnswer>(await Api.Post(Finance, $"{url}/library", new { }));
        Assert.Equal(before + 2, await EveryEventCount()); // pressed twice: nothing more

        // It waits for an editor: its author reads it, other groups do not find it yet.
        var entry = await Api.Read<LibraryEntryAnswer>(await Api.Get(Finance, $"/api/library/entries/{entryId}"));
        Assert.Equal((LibraryEntryStatus.AwaitingModeration, "Falls on the frailty wards"), (entry.Status, entry.Content.Title));
        Assert.Equal("Night-time falls fell after the huddle; the rate has held since.", entry.Content.Summary);
        Assert.Equal(10.8m, Assert.Single(entry.Charts!).Chart().Points[^1].Mean);
        await Api.Problem(await Api.Get(OtherChair, $"/api/library/entries/{entryId}"), 404);

        await Api.Read<LibraryEntryAnswer>(await Api.Post(LibraryTests.Editor, $"/api/library/entries/{entryId}/moderation", new { outcome = "Approve" }));
        var found = await Api.Read<LibraryResults>(await Api.Get(OtherChair, "/api/library/search?q=night-time+falls+huddle"));
        Assert.Equal(entryId, Assert.Single(found.Items).Id);
        var read = await Api.Read<LibraryEntryAnswer>(await Api.Get(OtherChair, $"/api/library/entries/{entryId}"));
        Assert.Equal([10m, 11m, 10m, 11m, 12m], Assert.Single(read.Charts!).Points.Select(p => p.Value));
    }
}
