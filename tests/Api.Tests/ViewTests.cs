using GuidanceFlow.Api.Queries;
using System.Globalization;
using System.Text.Json;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Projections.Views;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Given: a scripted history of several reviews across two groups — responses, an amendment, a
/// draft, a financial assessment, two decisions — then every view, read from its projection.
/// </summary>
public class ViewTests(AppFixture app) : IntegrationTest(app)
{
    private const string Riverside = "Riverside NICE implementation group";
    private const string Northshire = "Northshire NICE implementation group";

    private sealed record Given(Guid Copd, Guid Tuberculosis, Guid Appraisal, Guid Northern, long CopdFirstAnswerVersion,
        DateTimeOffset CopdBetweenAnswers, long CopdAmendedVersion);

    private async Task<Given> ScriptedHistory()
    {
        // COPD: window open; Tom meets it, Sunil says not met then amends to partly; Joan silent; Claire drafting.
        var copd = await Api.ReviewInWindow("tom.hadley", "sunil.mehta", "joan.petrie", "claire.baxter");
        await Api.Respond(copd.Id, "tom.hadley", Api.Answer("1.1.1", "Met"), Api.Answer("1.2.1", "Met"));
        var first = await Api.Respond(copd.Id, "sunil.mehta", Api.Answer("1.1.1", "NotMet", barriers: "No accredited staff"));
        var between = (await Api.History(copd.Id))[^1].Timestamp;
        var amended = await Api.Respond(copd.Id, "sunil.mehta", Api.Answer("1.1.1", "PartiallyMet", barriers: "Two practices accredited"));
        Assert.Equal(204, (int)(await Api.Put("claire.baxter", $"/api/reviews/{copd.Id}/responses/claire.baxter/draft",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } })).StatusCode);

        // Tuberculosis: responses, closed, assessed, decided.
        var tb = await Api.OpenReview("NG33", "NG", "Tuberculosis: prevention and management", "2016-01-13");
        await Api.CreateGrid(tb.Id, "1.1.1", "1.3.1");
        await Api.Invite(tb.Id, "tom.hadley", "joan.petrie", "sunil.mehta");
        await Api.OpenWindow(tb.Id);
        await Api.Respond(tb.Id, "tom.hadley", Api.Answer("1.3.1", "PartiallyMet", recurrent: 42_000m));
        await Api.Respond(tb.Id, "joan.petrie", Api.Answer("1.1.1", "NotMet"));
        await Api.CloseWindow(tb.Id);
        await Api.Read<ReviewView>(await Api.Post("mark.fenwick", $"/api/reviews/{tb.Id}/financial-impact", new
        {
            localPopulation = 310_000,
            lines = new object[]
            {
                Line("1.1.1", "Riverside Integrated Care Board", "Commissioner", recurrent: 48_000m),
                Line("1.3.1", "Riverside Hospitals NHS Foundation Trust", "Secondary", oneOff: 5_000m, recurrent: 42_000m),
                Line(null, "Riverside Community Health NHS Trust", "Community", recurrent: 26_000m, saving: 9_000m),
            },
        }));
        await Decide(tb.Id, "ImplementWithLocalVariation", null);

        // A technology appraisal just opened.
        var ta = await Api.OpenReview("TA321", "TA", "A new inhaler for COPD", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-5)).ToString("yyyy-MM-dd"));

        // Another group's review: decided not to implement, no assessment needed.
        var north = await Api.OpenReview("NG28", "NG", "Type 2 diabetes in adults", "2015-12-02", Northshire);
        await Api.CreateGrid(north.Id, "1.6.1");
        await Api.Invite(north.Id, "gareth.lewis");
        await Api.OpenWindow(north.Id);
        await Api.CloseWindow(north.Id);
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{north.Id}/financial-impact/not-needed", new { reason = "Already met locally" }));
        await Decide(north.Id, "DoNotImplement", "Local pathway already exceeds it");

        await ViewsCaughtUp();
        return new Given(copd.Id, tb.Id, ta.Id, north.Id, first.Version, between, amended.Version);
    }

    private static object Line(string? number, string organisation, string sector, decimal oneOff = 0, decimal recurrent = 0, decimal saving = 0) => new
    {
        recommendationNumber = number, organisation, sector,
        years = Enumerable.Range(1, 5).Select(y => new
        {
            year = y, oneOffCost = y == 1 ? oneOff : 0, recurrentCost = recurrent, oneOffSaving = 0m, recurrentSaving = y == 1 ? 0 : saving,
        }),
    };

    private async Task Decide(Guid id, string outcome, string? risk) =>
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{id}/decision", new
        {
            outcome, rationale = $"Rationale for {outcome}", risk,
            actions = new[] { new { description = "Report back", owner = "Chair", due = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(3)) } },
        }));

    [Fact]
    public async Task The_register_filters_sorts_and_pages_with_share_responded_rag_and_outcome()
    {
        var given = await ScriptedHistory();
        async Task<RegisterPage> Register(string query) => await Api.Read<RegisterPage>(await Api.Get("rachel.stone", "/api/reviews" + query));

        var all = await Register($"?group={Uri.EscapeDataString(Riverside)}&sort=guidance");
        Assert.Equal(["NG115", "NG33", "TA321"], all.Items.Select(r => r.GuidanceId));

        var copd = all.Items.Single(r => r.Id == given.Copd);
        Assert.Equal((ReviewStatus.AwaitingResponses, 4, 2, 0.5, Rag.Amber), (copd.Status, copd.InvitedCount, copd.RespondedCount, copd.ShareResponded, copd.Rag));
        Assert.NotNull(copd.NextDeadline);
        var tb = all.Items.Single(r => r.Id == given.Tuberculosis);
        Assert.Equal((ReviewStatus.Decided, Rag.Red, 1, DecisionOutcome.ImplementWithLocalVariation), (tb.Status, tb.Rag, tb.MissedResponses, tb.Outcome));
        Assert.Equal(Rag.NotAssessed, all.Items.Single(r => r.Id == given.Appraisal).Rag);

        Assert.Equal([given.Appraisal], (await Register("?type=TA")).Items.Select(r => r.Id));
        Assert.Equal(["NG28", "NG33"], (await Register("?status=Decided&sort=guidance")).Items.Select(r => r.GuidanceId));
        Assert.Equal([given.Tuberculosis], (await Register("?q=tuberc")).Items.Select(r => r.Id));
        Assert.Equal([given.Copd], (await Register("?q=ng115")).Items.Select(r => r.Id));
        // Wildcards in the search are the characters themselves: no title here has "%" or "_" in it.
        Assert.Equal((0, 0, 0), ((await Register("?q=%25")).Total, (await Register("?q=_")).Total, (await Register("?q=NG1_5")).Total));
        Assert.Equal(["NG28", "NG33"], (await Register("?publishedFrom=2015-01-01&publishedTo=2016-12-31&sort=guidance")).Items.Select(r => r.GuidanceId));
        Assert.Equal(["TA321", "NG115", "NG33", "NG28"], (await Register("?sort=-published")).Items.Select(r => r.GuidanceId));

        var firstPage = await Register("?sort=guidance&pageSize=3");
        var secondPage = await Register("?sort=guidance&pageSize=3&page=2");
        Assert.Equal((4, 3, 4, 1), (firstPage.Total, firstPage.Items.Count, secondPage.Total, secondPage.Items.Count));
        Assert.Equal("TA321", secondPage.Items.Single().GuidanceId);
        var pastTheEnd = await Register("?sort=guidance&pageSize=3&page=3");
        Assert.Equal((4, 0), (pastTheEnd.Total, pastTheEnd.Items.Count));

        var badSort = await Api.Problem(await Api.Get("rachel.stone", "/api/reviews?sort=colour"), 400);
        Assert.True(badSort.GetProperty("errors").TryGetProperty("sort", out _));
    }

    [Fact]
    public async Task Stakeholder_and_organisation_inboxes_show_awaiting_drafts_submitted_and_distributed()
    {
        var given = await ScriptedHistory();
        async Task<Inbox> InboxOf(string user, string path = "/api/me/inbox") => await Api.Read<Inbox>(await Api.Get(user, path));

        var joan = await InboxOf("joan.petrie");
        var awaiting = Assert.Single(joan.AwaitingResponse);
        Assert.Equal(given.Copd, awaiting.ReviewId);
        Assert.InRange(awaiting.DaysLeft!.Value, 27, 28);
        Assert.Contains("(GMT)", awaiting.DeadlineUk);
        Assert.Equal([given.Tuberculosis], joan.Distributed.Select(i => i.ReviewId));

        var sunil = await InboxOf("sunil.mehta");
        var submitted = Assert.Single(sunil.Submitted);
        Assert.Equal((given.Copd, 2), (submitted.ReviewId, submitted.Revisions));
        Assert.Empty(sunil.AwaitingResponse);

        var claire = await InboxOf("claire.baxter");
        Assert.Equal([given.Copd], claire.Drafts.Select(i => i.ReviewId));
        Assert.NotNull(claire.Drafts[0].DraftSavedAt);

        // Oakfield (Dr Mehta's practice): its stakeholders' items, for the practice as a whole.
        var oakfield = await InboxOf("ade.adeyemi", "/api/organisations/Y00101/inbox");
        Assert.Equal([given.Copd], oakfield.Submitted.Select(i => i.ReviewId));
        Assert.Equal([given.Tuberculosis], oakfield.Distributed.Select(i => i.ReviewId));
        Assert.All(oakfield.Submitted.Concat(oakfield.Distributed), i => Assert.Equal("sunil.mehta", i.StakeholderId));
        await Api.Problem(await Api.Get("tom.hadley", "/api/organisations/Y00101/inbox"), 403);

        // Submitting turns the draft into a response.
        await Api.Respond(given.Copd, "claire.baxter", Api.Answer("1.1.1", "Met"));
        await ViewsCaughtUp();
        var after = await InboxOf("claire.baxter");
        Assert.Empty(after.Drafts);
        Assert.Equal([given.Copd], after.Submitted.Select(i => i.ReviewId));
    }

    [Fact]
    public void A_deadline_passed_without_a_response_is_overdue_until_the_collated_response_goes_out()
    {
        var now = DateTimeOffset.UtcNow;
        var inbox = new ReviewInbox
        {
            Id = Guid.NewGuid(), GuidanceId = "NG1", Title = "t", Group = Riverside, Status = ReviewStatus.AwaitingResponses,
            ResponseDeadline = now.AddMinutes(-1), StakeholderIds = ["a", "b"],
            Stakeholders = [new() { StakeholderId = "a", Name = "A" }, new() { StakeholderId = "b", Name = "B", Revisions = 1, LastSubmittedAt = now.AddDays(-1) }],
        };
        Assert.Single(InboxQuery.Build([inbox], s => s.StakeholderId == "a", [], now).Overdue);
        Assert.Single(InboxQuery.Build([inbox], s => s.StakeholderId == "b", [], now).Submitted);
        inbox.DistributedAt = now;
        Assert.Single(InboxQuery.Build([inbox], s => s.StakeholderId == "a", [], now).Distributed);
    }

    [Fact]
    public async Task Commissioners_audit_decisions_with_the_financial_impact_as_it_was_and_who_did_not_respond()
    {
        var given = await ScriptedHistory();
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var decisions = await Api.Read<List<AuditedDecision>>(await Api.Get("rachel.stone", $"/api/audit/decisions?from={from}&to={to}"));
        Assert.Equal(new[] { given.Northern, given.Tuberculosis }.Order(), decisions.Select(d => d.ReviewId).Order());

        var tb = decisions.Single(d => d.ReviewId == given.Tuberculosis);
        Assert.Equal(DecisionOutcome.ImplementWithLocalVariation, tb.Outcome);
        Assert.Equal(("amara.okafor", "Chair"), (tb.DecidedBy!.UserId, tb.DecidedBy.Role));
        Assert.Equal(310_000, tb.FinancialImpact!.LocalPopulation);
        Assert.Equal(3, tb.FinancialImpact.Lines.Count);
        Assert.Equal(["sunil.mehta"], tb.NotResponded.Select(s => s.StakeholderId));
        var atDecision = await Api.Read<ReviewView>(await Api.Get("rachel.stone", $"/api/reviews/{tb.ReviewId}?version={tb.DecisionVersion}"));
        Assert.Equal(ReviewStatus.Decided, atDecision.Status);

        var north = decisions.Single(d => d.ReviewId == given.Northern);
        Assert.Equal(("Local pathway already exceeds it", "Already met locally"), (north.Risk, north.FinancialImpactNotNeededReason));

        Assert.Empty(await Api.Read<List<AuditedDecision>>(await Api.Get("rachel.stone",
            $"/api/audit/decisions?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}")));
        await Api.Problem(await Api.Get("tom.hadley", "/api/audit/decisions"), 403);
    }

    [Fact]
    public async Task Time_travel_shows_the_view_as_it_was_before_a_later_amendment_and_changes_say_what_and_who()
    {
        var given = await ScriptedHistory();
        Compliance SunilsAnswer(ReviewView v) => v.Recommendations.Single(r => r.Number == "1.1.1").BySector
            .Single(s => s.Sector == Sector.Primary).Responses.Single(r => r.StakeholderId == "sunil.mehta").Compliance;

        var now = await Api.View(given.Copd);
        Assert.Equal(Compliance.PartiallyMet, SunilsAnswer(now));

        var byVersion = await Api.Read<ReviewView>(await Api.Get("rachel.stone", $"/api/reviews/{given.Copd}?version={given.CopdFirstAnswerVersion}"));
        Assert.Equal((given.CopdFirstAnswerVersion, Compliance.NotMet), (byVersion.Version, SunilsAnswer(byVersion)));

        var byTime = await Api.Read<ReviewView>(await Api.Get("rachel.stone",
            $"/api/reviews/{given.Copd}?asOf={Uri.EscapeDataString(given.CopdBetweenAnswers.ToString("O"))}"));
        Assert.Equal(Compliance.NotMet, SunilsAnswer(byTime));

        await Api.Problem(await Api.Get("rachel.stone", $"/api/reviews/{given.Copd}?version=999"), 404);
        await Api.Problem(await Api.Get("rachel.stone", $"/api/reviews/{given.Copd}?asOf=2001-01-01T00:00:00Z"), 404);

        var changes = await Api.Read<ReviewChanges>(await Api.Get("rachel.stone",
            $"/api/reviews/{given.Copd}/changes?from={given.CopdFirstAnswerVersion}&to={given.CopdAmendedVersion}"));
        var evt = Assert.Single(changes.Events);
        Assert.Equal(("StakeholderResponseSubmitted", "sunil.mehta"), (evt.Type, evt.Actor.UserId));
        var compliance = Assert.Single(changes.Changes, c => c.Path.EndsWith(".compliance") && c.Path.Contains("bySector"));
        Assert.Equal(("NotMet", "PartiallyMet"), (compliance.Before!.Value.GetString(), compliance.After!.Value.GetString()));
        Assert.Contains(changes.Changes, c => c.Path == "version");
        await Api.Problem(await Api.Get("rachel.stone", $"/api/reviews/{given.Copd}/changes?from=5&to=3"), 400);
    }

    [Fact]
    public async Task A_reviews_history_exports_as_csv_and_json_lines()
    {
        var given = await ScriptedHistory();
        var history = await Api.History(given.Tuberculosis);

        var csvResponse = await Api.Get("rachel.stone", $"/api/reviews/{given.Tuberculosis}/history.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("NG33-", csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var csv = await csvResponse.Content.ReadAsStringAsync();
        using var reader = CsvHelper.CsvReader.Create(new StringReader(csv), new CsvHelper.CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
        Assert.Equal(history.Count + 1, rows.Count);
        Assert.Equal(["sequence", "version", "timestamp_utc", "timestamp_uk", "type", "actor_id", "actor_name", "actor_organisation", "actor_role"], rows[0][..9]);
        Assert.Equal(history.Select(h => h.Type), rows.Skip(1).Select(r => r[4]));
        var assessed = rows.Single(r => r[4] == "FinancialImpactAssessed");
        Assert.Equal("mark.fenwick", assessed[5]);
        // One readable column a field, never a column of JSON: a number as a number, a list one item a line.
        string Field(string[] row, string name) => row[Array.IndexOf(rows[0], name)];
        Assert.DoesNotContain("data", rows[0]);
        Assert.Equal("310000", Field(assessed, "localPopulation"));
        Assert.Contains(Field(assessed, "substantial"), new[] { "yes", "no" });
        Assert.Contains("organisation: ", Field(assessed, "lines"));
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.TrimStart().StartsWith('{') || cell.TrimStart().StartsWith('['));
        Assert.DoesNotContain("reviewId", rows[0]);

        var jsonl = await (await Api.Get("rachel.stone", $"/api/reviews/{given.Tuberculosis}/history.jsonl")).Content.ReadAsStringAsync();
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(history.Count, lines.Length);
        Assert.Equal(history.Select(h => h.Sequence), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Health_economy_finance_by_organisation_and_sector_with_the_net_position_per_year()
    {
        var given = await ScriptedHistory();
        var report = await Api.Read<FinanceReport>(await Api.Get("mark.fenwick", $"/api/finance?group={Uri.EscapeDataString(Riverside)}"));
        Assert.Equal((1, 5), (report.ReviewsAssessed, report.Years.Count));

        var year1 = report.Years[0];
        Assert.Equal(48_000m, year1.ByOrganisation.Single(o => o.Organisation == "Riverside Integrated Care Board").Money.Net);
        Assert.Equal(47_000m, year1.BySector.Single(s => s.Sector == Sector.Secondary).Money.Net);
        Assert.Equal(5_000m + 42_000m + 48_000m + 26_000m, year1.Economy.Net);
        var year2 = report.Years[1];
        Assert.Equal(17_000m, year2.BySector.Single(s => s.Sector == Sector.Community).Money.Net);
        Assert.Equal(42_000m + 48_000m + 26_000m - 9_000m, year2.Economy.Net);
        Assert.Equal(given.Tuberculosis, year2.Reviews.Single().ReviewId);

        var onlyYear3 = await Api.Read<FinanceReport>(await Api.Get("rachel.stone", $"/api/finance?group={Uri.EscapeDataString(Riverside)}&year=3"));
        Assert.Equal([3], onlyYear3.Years.Select(y => y.Year));
        Assert.Equal(0, (await Api.Read<FinanceReport>(await Api.Get("rachel.stone", $"/api/finance?group={Uri.EscapeDataString(Northshire)}"))).ReviewsAssessed);

        await Api.Problem(await Api.Get("mark.fenwick", "/api/finance"), 400);
        await Api.Problem(await Api.Get("mark.fenwick", $"/api/finance?group=x&year=6"), 400);
        await Api.Problem(await Api.Get("tom.hadley", $"/api/finance?group=x"), 403);
    }

    [Fact]
    public async Task Rebuilding_every_projection_from_the_events_gives_the_same_views()
    {
        await ScriptedHistory();
        // The running daemon idle first: a rebuild racing its first progress record would fail on that record, not on a view.
        await ViewsCaughtUp();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var before = await Snapshot(store);

        // Damage the views, so only a real replay of the events can put them back.
        await using (var session = store.LightweightSession())
        {
            var entry = (await session.Query<RegisterEntry>().ToListAsync()).First();
            entry.Title = "tampered";
            session.Store(entry);
            session.DeleteWhere<ReviewInbox>(_ => true);
            session.DeleteWhere<ReviewView>(_ => true);
            await session.SaveChangesAsync();
        }
        Assert.NotEqual(before["register"], (await Snapshot(store))["register"]);

        // As `dotnet run --project src/Api -- projections rebuild` does: a daemon of its own, replaying every event.
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in new[] { typeof(ReviewViewProjection), typeof(RegisterProjection), typeof(InboxProjection),
                     typeof(DecisionAuditProjection), typeof(FinanceProjection) })
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(1), CancellationToken.None);
        await ViewsCaughtUp();

        var after = await Snapshot(store);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (name, json) in before) Assert.Equal(json, after[name]);
        Assert.All(before.Values, json => Assert.NotEqual("[]", json));
    }

    private static async Task<Dictionary<string, string>> Snapshot(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        async Task<string> All<T>(Func<T, Guid> id) where T : notnull =>
            JsonSerializer.Serialize((await session.Query<T>().ToListAsync()).OrderBy(id).ToList());
        return new()
        {
            ["review views"] = await All<ReviewView>(v => v.Id),
            ["register"] = await All<RegisterEntry>(r => r.Id),
            ["inboxes"] = await All<ReviewInbox>(i => i.Id),
            ["decisions"] = await All<DecisionRecord>(d => d.Id),
            ["finance"] = await All<ReviewFinance>(f => f.Id),
        };
    }
}
