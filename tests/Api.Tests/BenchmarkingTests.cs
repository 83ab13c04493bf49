using System.Net;
using System.Text.Json;
using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Benchmarking over HTTP with seven groups in three systems and two regions (AppFixture's structure file): where each group sits,
/// the comparisons worked out by hand, small numbers suppressed, sharing settings honoured, and who may see what.
/// </summary>
public sealed class BenchmarkingTests(AppFixture app) : IntegrationTest(app)
{
    public const string Riverside = DemoUsers.Group, Northshire = "Northshire NICE implementation group", Eastmoor = "Eastmoor NICE implementation group",
        Westvale = "Westvale NICE implementation group", Southmere = "Southmere NICE implementation group", Highfield = "Highfield NICE implementation group",
        Lakeside = "Lakeside NICE implementation group";
    public const string NetworkAdmin = "nadia.khan";

    /// <summary>
    /// Each group's review of NG200, decided today: published <c>Days</c> days ago; two stakeholders' answers to 1.1, 1.2 and 1.3
    /// (M met, P partly, N not, A not applicable); the group's compliance worked out by hand beside them.
    /// </summary>
    public static readonly (string Group, string Chair, int Days, string Tom, string Sunil, string GroupCompliance)[] Groups =
    [
        (Riverside, "amara.okafor", 100, "MMN", "MPN", "MPN"),
        (Northshire, "amara.okafor", 60, "MMM", "MMA", "MMM"),
        (Eastmoor, "ade.adeyemi", 120, "NNN", "NNN", "NNN"),
        (Westvale, "wendy.shaw", 80, "MAM", "MAP", "MAP"),
        (Southmere, "sam.ortiz", 40, "MMM", "MMM", "MMM"),
        (Highfield, "hana.ito", 200, "PPP", "PPP", "PPP"),
        (Lakeside, "leo.grant", 90, "MNM", "MNM", "MNM"),
    ];

    private static string Word(char c) => c switch { 'M' => "Met", 'P' => "PartiallyMet", 'N' => "NotMet", _ => "NotApplicable" };

    private async Task DecideNg200(string group, string chair, int days, string tom, string sunil)
    {
        var published = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(-days);
        var opened = await Api.Read<ReviewView>(await Api.Post(chair, "/api/reviews",
            new { guidanceId = "NG200", guidanceType = "NG", title = "A paraphrased guideline", publishedOn = published, group }), HttpStatusCode.Created);
        var id = opened.Id;
        await Api.Read<ReviewView>(await Api.Post(chair, $"/api/reviews/{id}/grid", new
        {
            recommendations = new[] { "1.1", "1.2", "1.3" }.Select(n => new { number = n, text = $"Paraphrase of {n}", settings = new[] { "Primary care" } }),
        }));
        await Api.Read<ReviewView>(await Api.Post(chair, $"/api/reviews/{id}/stakeholders", new
        {
            stakeholders = new[] { "tom.hadley", "sunil.mehta" }.Select(DemoUsers.Get).Select(u => new
            {
                stakeholderId = u.UserId, name = u.Name, email = u.Email, organisation = u.Organisation, sector = u.Sector.ToString(),
                discipline = u.Discipline.ToString(), organisationCode = u.OrganisationCode,
            }),
        }));
        await Api.Read<ReviewView>(await Api.Post(chair, $"/api/reviews/{id}/response-window", new { deadline = DateTimeOffset.UtcNow.AddDays(28) }));
        object[] Answers(string codes) => codes.Select((c, i) => Api.Answer($"1.{i + 1}", Word(c))).ToArray();
        await Api.Respond(id, "tom.hadley", Answers(tom));
        await Api.Respond(id, "sunil.mehta", Answers(sunil));
        await Api.Read<ReviewView>(await Api.Post(chair, $"/api/reviews/{id}/response-window/close"));
        await Api.Read<ReviewView>(await Api.Post(chair, $"/api/reviews/{id}/financial-impact/not-needed", new { reason = "No new costs." }));
        await Api.Read<ReviewView>(await Api.Post(chair, $"/api/reviews/{id}/decision", new
        {
            outcome = "Implement", rationale = "Agreed across the health economy.", reviewDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(12)), actions = Array.Empty<object>(),
        }));
    }

    private async Task EveryGroupDecided()
    {
        foreach (var g in Groups) await DecideNg200(g.Group, g.Chair, g.Days, g.Tom, g.Sunil);
        await ViewsCaughtUp();
    }

    private async Task<GroupDashboard> Dashboard(string user, string group) =>
        await Api.Read<GroupDashboard>(await Api.Get(user, $"/api/benchmarking/groups/{Uri.EscapeDataString(group)}"));

    private static LevelValue Level(MeasureComparison m, LevelKind kind) => m.Levels.Single(l => l.Kind == kind);

    [Fact]
    public async Task A_group_sees_each_measure_beside_its_region_and_England_with_its_rank_and_narrow_aggregates_suppressed()
    {
        await EveryGroupDecided();
        var dashboard = await Dashboard(Api.Chair, Riverside);
        Assert.Equal(["Riverside NICE implementation group", "QAA", "LIN-N", "Y63", "ENG"], dashboard.Levels.Select(l => l.Code));
        var days = dashboard.Measures.Single(m => m.Measure == Measure.DaysToDecision);
        // A decision made just after midnight would count one more day for every group alike: the offset is read from the group's own.
        var own = Level(days, LevelKind.Group).Value!.Value;
        var offset = own - 100;
        Assert.InRange(offset, 0, 1);
        // Its system holds two groups, and its network is one group short of its region: neither is shown.
        Assert.True(Level(days, LevelKind.System).Suppressed);
        Assert.Null(Level(days, LevelKind.System).Value);
        Assert.True(Level(days, LevelKind.Network).Suppressed);
        // The region: (100 + 60 + 120 + 80) / 4 = 90; England (seven groups): 690 / 7 = 98.6.
        Assert.Equal((4, 90m + offset), (Level(days, LevelKind.Region).Groups, Level(days, LevelKind.Region).Value!.Value));
        Assert.Equal((7, 98.6m + offset), (Level(days, LevelKind.England).Groups, Level(days, LevelKind.England).Value!.Value));
        // Quicker than Riverside: Southmere 40, Northshire 60, Westvale 80, Lakeside 90. Fifth of seven: 1 + (4 × 4) / 7 = third quartile.
        Assert.Equal(new Standing(5, 3, 7), days.Standing);
        // By quarter: this quarter holds everything.
        var thisQuarter = days.OverTime[^1];
        Assert.Equal(FinancialQuarter.Of(DateTimeOffset.UtcNow).ToString(), thisQuarter.Quarter);
        Assert.Equal(98.6m + offset, thisQuarter.Levels.Single(l => l.Kind == LevelKind.England).Value);
        Assert.All(days.OverTime.Take(days.OverTime.Count - 1), q => Assert.Null(q.Levels.Single(l => l.Kind == LevelKind.England).Value));

        // Compliance as the group's, never a stakeholder's: Riverside met 1 of 3 applicable recommendations.
        Assert.Equal(0.333m, Level(dashboard.Measures.Single(m => m.Measure == Measure.ShareMet), LevelKind.Group).Value);
        // England: 21 recommendations, 1 not applicable (Westvale's 1.2); met 1 + 3 + 0 + 1 + 3 + 0 + 2 = 10.
        var england = dashboard.Compliance.Single(c => c.Kind == LevelKind.England).Shares!;
        Assert.Equal((21, 0.476m, 0.048m), (england.Recommendations, england.Met, england.NotApplicable));
        Assert.Equal(1m, dashboard.Outcomes.Single(o => o.Kind == LevelKind.England).Shares!.Implement);
        var row = Assert.Single(dashboard.Guidance);
        Assert.Equal(("NG200", 0.333m), (row.Guidance, row.Compliance!.Met));
    }

    [Fact]
    public async Task A_group_that_does_not_share_leaves_every_other_groups_figures_yet_still_sees_its_own_place()
    {
        await EveryGroupDecided();
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put("hana.ito", $"/api/groups/{Uri.EscapeDataString(Highfield)}/settings",
            new { shareInBenchmarks = false })).StatusCode);

        var riverside = (await Dashboard(Api.Chair, Riverside)).Measures.Single(m => m.Measure == Measure.DaysToDecision);
        var offset = Level(riverside, LevelKind.Group).Value!.Value - 100;
        // Six groups now: 490 / 6 = 81.7. The region's 4 are two short of England's 6, so the region is not shown.
        Assert.Equal((6, 81.7m + offset), (Level(riverside, LevelKind.England).Groups, Level(riverside, LevelKind.England).Value!.Value));
        Assert.True(Level(riverside, LevelKind.Region).Suppressed);
        Assert.Equal(new Standing(5, 3, 6), riverside.Standing);

        var highfield = await Dashboard("hana.ito", Highfield);
        Assert.Equal(new GroupSharing(false, false), highfield.Sharing);
        var own = highfield.Measures.Single(m => m.Measure == Measure.DaysToDecision);
        Assert.Equal(new Standing(7, 4, 7), own.Standing);
        Assert.Equal(7, Level(own, LevelKind.England).Groups);

        // Nor does it appear among the dots of the national picture others see.
        var picture = await Api.Read<GuidancePicture>(await Api.Get(Api.Chair, "/api/benchmarking/guidance/NG200"));
        Assert.Equal(6, picture.Groups);
        Assert.DoesNotContain(picture.Recommendations[0].Groups!, d => d.Compliance == Compliance.PartiallyMet);
    }

    [Fact]
    public async Task The_national_picture_names_only_the_viewers_groups_and_those_that_chose_to_be_named()
    {
        await EveryGroupDecided();
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put("sam.ortiz", $"/api/groups/{Uri.EscapeDataString(Southmere)}/settings",
            new { namedInBenchmarks = true })).StatusCode);

        var picture = await Api.Read<GuidancePicture>(await Api.Get(Api.Chair, $"/api/benchmarking/guidance/ng200?group={Uri.EscapeDataString(Riverside)}"));
        Assert.Equal(("NG200", Riverside, 7), (picture.Guidance, picture.You, picture.Groups));
        Assert.Equal(["1.1", "1.2", "1.3"], picture.Recommendations.Select(r => r.Number));
        var first = picture.Recommendations[0];
        Assert.Equal(Compliance.Met, first.Yours);
        // 1.1: met by Riverside, Northshire, Westvale, Southmere and Lakeside; not met by Eastmoor; partly by Highfield.
        Assert.Equal(7, first.Groups!.Count);
        Assert.Equal(5, first.Groups.Count(d => d.Compliance == Compliance.Met));
        Assert.Equal([Northshire, Riverside, Southmere], first.Groups.Where(d => d.Name is not null).Select(d => d.Name!).Order());
        Assert.True(first.Groups.Single(d => d.You).Name == Riverside);
        var region = first.Levels.Single(l => l.Kind == LevelKind.Region);
        Assert.Equal((4, 0.75m, 0.25m), (region.Groups, region.Shares!.Met, region.Shares.NotMet));
        Assert.Equal(0.714m, first.Levels.Single(l => l.Kind == LevelKind.England).Shares!.Met);
        Assert.True(first.Levels.Single(l => l.Kind == LevelKind.System).Suppressed);
        // The group's own history of assessments: one baseline so far, as worked out from its stakeholders' answers.
        var baseline = Assert.Single(picture.YourAssessments);
        Assert.Equal([Compliance.Met, Compliance.PartiallyMet, Compliance.NotMet], baseline.Answers.Select(a => a.Compliance));

        // Nothing in the answer is a stakeholder's own answer: no stakeholder id or name appears anywhere in it.
        var raw = await (await Api.Get(Api.Chair, "/api/benchmarking/guidance/NG200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("tom.hadley", raw);
        Assert.DoesNotContain("Hadley", raw);
    }

    [Fact]
    public async Task A_guidance_reviewed_by_fewer_than_three_groups_shows_no_aggregate_and_no_dots()
    {
        await DecideNg200(Riverside, Api.Chair, 100, "MMN", "MPN");
        await DecideNg200(Eastmoor, "ade.adeyemi", 120, "NNN", "NNN");
        await ViewsCaughtUp();
        var picture = await Api.Read<GuidancePicture>(await Api.Get(Api.Chair, "/api/benchmarking/guidance/NG200"));
        Assert.All(picture.Recommendations, r =>
        {
            Assert.Null(r.Groups);
            Assert.All(r.Levels.Where(l => l.Kind != LevelKind.Group), l => Assert.True(l.Suppressed && l.Shares is null));
        });
        Assert.All(picture.Measures, m => Assert.Null(m.Standing));
        Assert.Equal(Suppression.Note, picture.Measures[0].StandingNote);
    }

    [Fact]
    public async Task A_network_view_lists_its_groups_unnamed_by_value_for_its_admin_and_its_groups_commissioners_only()
    {
        await EveryGroupDecided();
        var view = await Api.Read<AreaView>(await Api.Get(NetworkAdmin, "/api/benchmarking/networks/lin-n"));
        Assert.Equal(("LIN-N", 3), (view.Area.Code, view.Groups));
        var days = view.Measures.Single(m => m.Measure == Measure.DaysToDecision);
        var offset = days.Groups![0].Value - 80;
        Assert.Equal([80m + offset, 100m + offset, 120m + offset], days.Groups.Select(g => g.Value));
        Assert.All(days.Groups, g => Assert.Null(g.Name));
        Assert.Equal(100m + offset, days.Levels.Single(l => l.Kind == LevelKind.Network).Value);

        // Westvale's commissioner sees the network its group is in, with Westvale named as theirs; not the other region.
        var commissioner = await Api.Read<AreaView>(await Api.Get("colin.baker", "/api/benchmarking/networks/LIN-N"));
        Assert.Equal(Westvale, commissioner.Measures.Single(m => m.Measure == Measure.DaysToDecision).Groups!.Single(g => g.Yours).Name);
        await Api.Problem(await Api.Get("colin.baker", "/api/benchmarking/regions/Y62"), 403);
        await Api.Problem(await Api.Get(Api.Chair, "/api/benchmarking/networks/LIN-N"), 403);
        await Api.Problem(await Api.Get(NetworkAdmin, "/api/benchmarking/regions/Y62"), 403);
        Assert.Equal(4, (await Api.Read<AreaView>(await Api.Get(NetworkAdmin, "/api/benchmarking/regions/Y63"))).Groups);
        await Api.Problem(await Api.Get(NetworkAdmin, "/api/benchmarking/networks/NOPE"), 404);
    }

    [Fact]
    public async Task A_groups_dashboard_is_for_its_chairs_commissioners_and_network_admins_and_hidden_from_everyone_else()
    {
        Assert.Equal(HttpStatusCode.OK, (await Api.Get("rachel.stone", $"/api/benchmarking/groups/{Uri.EscapeDataString(Riverside)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Get(NetworkAdmin, $"/api/benchmarking/groups/{Uri.EscapeDataString(Riverside)}")).StatusCode);
        await Api.Problem(await Api.Get("lucy.hart", $"/api/benchmarking/groups/{Uri.EscapeDataString(Riverside)}"), 403);
        await Api.Problem(await Api.Get("tom.hadley", $"/api/benchmarking/groups/{Uri.EscapeDataString(Riverside)}"), 404);
        await Api.Problem(await Api.Get(NetworkAdmin, $"/api/benchmarking/groups/{Uri.EscapeDataString(Southmere)}"), 404);
        await Api.Problem(await Api.Get("tom.hadley", "/api/benchmarking/guidance/NG200"), 403);
        var bad = await Api.Problem(await Api.Get(Api.Chair, $"/api/benchmarking/groups/{Uri.EscapeDataString(Riverside)}?quarters=40"), 400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("quarters", out _));
        await Api.Problem(await Api.Get(Api.Chair, "/api/benchmarking/guidance/not-a-number"), 400);
        await Api.Problem(await Api.Get(Api.Chair, $"/api/benchmarking/guidance/NG200?group={Uri.EscapeDataString(Southmere)}"), 404);
    }

    [Fact]
    public async Task Network_admins_keep_the_structure_each_change_an_event_saying_who_and_others_are_refused()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(NetworkAdmin, "/api/benchmarking/regions/y56", new { name = "London" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(NetworkAdmin, "/api/benchmarking/systems/QDD", new { name = "North Thames ICB", region = "Y56" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(NetworkAdmin, $"/api/benchmarking/placements/Riverside", new { system = "QDD", networks = Array.Empty<string>() })).StatusCode);
        var structure = await Api.Read<NhsStructure>(await Api.Get(NetworkAdmin, "/api/benchmarking/structure"));
        Assert.Equal("Y56", structure.PlaceOf("Riverside")!.Region);
        Assert.Equal("London", structure.Regions["Y56"].Name);

        var events = await Host.Services.GetRequiredService<IDocumentStore>().QuerySession().Events.FetchStreamAsync(NhsStructure.StreamId);
        Assert.Equal(NetworkAdmin, events[^1].UserName);
        Assert.IsType<GroupPlaced>(events[^1].Data);
        var before = events.Count;

        await Api.Problem(await Api.Put(Api.Chair, "/api/benchmarking/regions/Y57", new { name = "Nowhere" }), 403);
        await Api.Problem(await Api.Get(Api.Chair, "/api/benchmarking/structure"), 403);
        var invalid = await Api.Problem(await Api.Put(NetworkAdmin, "/api/benchmarking/systems/a%20b", new { name = "", region = "Y56" }), 400);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("code", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("name", out _));
        await Api.Problem(await Api.Put(NetworkAdmin, "/api/benchmarking/systems/QEE", new { name = "Somewhere ICB", region = "Y99" }), 409);
        await Api.Problem(await Api.Put(NetworkAdmin, "/api/benchmarking/placements/No%20such%20group", new { system = "QDD" }), 404);
        await Api.Problem(await Api.Send(NetworkAdmin, HttpMethod.Delete, "/api/benchmarking/networks/LIN-N/admins/nadia.khan"), 409);
        // Sending again what is already so appends nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(NetworkAdmin, "/api/benchmarking/regions/Y56", new { name = "London" })).StatusCode);
        var after = await Host.Services.GetRequiredService<IDocumentStore>().QuerySession().Events.FetchStreamAsync(NhsStructure.StreamId);
        Assert.Equal(before, after.Count);
    }

    [Fact]
    public async Task Rebuilding_the_benchmarks_from_the_events_gives_the_same_figures()
    {
        await EveryGroupDecided();
        var before = JsonSerializer.Serialize(await Dashboard(Api.Chair, Riverside));
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using (var clear = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
                         "update guidanceflow.benchmark_rollup set decided = 0, decided_days = 0"))
            await clear.ExecuteNonQueryAsync();
        Assert.NotEqual(before, JsonSerializer.Serialize(await Dashboard(Api.Chair, Riverside)));

        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync("Benchmarks", TimeSpan.FromMinutes(1), CancellationToken.None);
        await ViewsCaughtUp();
        Assert.Equal(before, JsonSerializer.Serialize(await Dashboard(Api.Chair, Riverside)));
    }
}
