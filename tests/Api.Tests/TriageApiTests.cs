using System.Net;
using System.Text;
using System.Text.Json;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Each group's triage of new NICE products over HTTP: the queue filled from the catalogue, the triage
/// itself by the triage lead or chair, its deadline (reminder and escalation by email, each once), and the
/// review opened from it with NICE's recommendations as its grid — one open review of a guidance per group.
/// </summary>
public class TriageApiTests(AppFixture app) : IntegrationTest(app)
{
    private const string Chair = "amara.okafor";      // chair, group admin and catalogue admin of the demo group
    private const string TriageLead = "lucy.hart";    // the demo group's triage lead
    private const string Commissioner = "rachel.stone";
    private static readonly string Queue = $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/triage";

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", name));

    /// <summary>NG9001 (our own fictional guideline) as NICE would publish it on <paramref name="issued"/>.</summary>
    private static string Published(DateOnly issued, string fixture = "ng9001-v1.json") =>
        Fixture(fixture).Replace("\"/Date(1552003200000+0000)/\"", $"\"{issued:yyyy-MM-dd}\"");

    private static DateOnly DaysAgo(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days);

    private async Task<CatalogueVersionRecorded> AddToCatalogue(string json) =>
        await Api.Read<CatalogueVersionRecorded>(await Api.AddToCatalogue(json), HttpStatusCode.Created);

    private async Task<TriagePage> QueueOf(string user = Chair, string show = "Awaiting") =>
        await Api.Read<TriagePage>(await Api.Get(user, $"{Queue}?show={show}"));

    /// <summary>A recent product, waited for until it is in the demo group's queue (queued through the outbox).</summary>
    private async Task<TriageRow> Queued(int daysAgo = 2)
    {
        await AddToCatalogue(Published(DaysAgo(daysAgo)));
        var page = await Wait.Until(() => QueueOf(), p => p.Items.Any(i => i.GuidanceNumber == "NG9001"), "NG9001 in the triage queue");
        return page.Items.Single(i => i.GuidanceNumber == "NG9001");
    }

    private static object Relevant => new
    {
        outcome = "Relevant", services = new[] { "Care home liaison" }, organisations = new[] { "Riverside Community Health NHS Trust" },
        clinicalLead = "Joan Petrie", managerialLead = "Lucy Hart",
    };

    private Task<HttpResponseMessage> Triage(string user, object body) => Api.Post(user, $"{Queue}/NG9001", body);

    [Fact]
    public async Task A_new_product_reaches_the_queue_of_each_group_due_fourteen_days_after_publication_and_an_old_one_does_not()
    {
        var issued = DaysAgo(2);
        var row = await Queued();
        Assert.Equal((TriageStatus.Awaiting, false, issued), (row.Status, row.Overdue, row.Issued));
        Assert.Equal(UkTime.At(issued.AddDays(14), new TimeOnly(9, 0)), row.DueAt);
        // Every group whose queue covers the date has it; the product is queued once however often it is recorded.
        var eastmoor = await Api.Read<TriagePage>(await Api.Get("ade.adeyemi", $"/api/groups/{Uri.EscapeDataString("Eastmoor NICE implementation group")}/triage"));
        Assert.Equal(["NG9001"], eastmoor.Items.Select(i => i.GuidanceNumber));

        await AddToCatalogue(Fixture("ta9002.json")); // published in June 2025: before the group's queue starts
        await Wait.Until(() => QueueOf(), p => p.Total == 1, "the queue to settle");
        Assert.DoesNotContain((await QueueOf()).Items, i => i.GuidanceNumber == "TA9002");

        // Its triggers: the reminder three days before the deadline and the escalation at it.
        // Synced through the outbox a moment after the item is queued.
        await Wait.Until(() => Triggers(row.Id), t => t.Select(x => x.FireAt).SequenceEqual([row.DueAt.AddDays(-3), row.DueAt]),
            "the reminder three days before the deadline and the escalation at it");
    }

    [Fact]
    public async Task The_triage_lead_records_relevant_with_what_it_needs_and_others_are_refused_with_nothing_appended()
    {
        var row = await Queued();
        var missing = await Api.Problem(await Triage(TriageLead, new { outcome = "Relevant", services = Array.Empty<string>() }), 400);
        Assert.Equal(["clinicalLead", "managerialLead", "services"], missing.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Say why the guidance is not relevant to the group.",
            (await Api.Problem(await Triage(TriageLead, new { outcome = "NotRelevant" }), 400)).GetProperty("errors").GetProperty("reason")[0].GetString());

        var before = await AllEventsCount();
        await Api.Problem(await Triage(Commissioner, Relevant), 403);
        await Api.Problem(await Triage("tom.hadley", Relevant), 404);
        await Api.Problem(await Api.Post(TriageLead, $"{Queue}/NG9999", Relevant), 404);
        Assert.Equal(before, await AllEventsCount());

        var triaged = await Api.Read<TriageRow>(await Triage(TriageLead, Relevant));
        Assert.Equal((TriageStatus.Relevant, "Joan Petrie"), (triaged.Status, triaged.Decision!.ClinicalLead));
        Assert.Empty((await QueueOf()).Items);
        Assert.Equal(["NG9001"], (await QueueOf(show: "Triaged")).Items.Select(i => i.GuidanceNumber));

        // The same answer again appends nothing; who triaged and when is kept with the event.
        var count = await AllEventsCount();
        await Api.Read<TriageRow>(await Triage(TriageLead, Relevant));
        Assert.Equal(count, await AllEventsCount());
        var (actor, type) = await LastEvent(row.Id);
        Assert.Equal(("lucy.hart", "guidance_triaged_relevant"), (actor, type));
        // Queued by GuidanceFlow, triaged by the lead: both linked into the item's audit chain.
        var chain = await Workflows.Audit.AuditChain.VerifyAsync(Host.Services.GetRequiredService<NpgsqlDataSource>(), "guidanceflow", row.Id, default);
        Assert.True(chain.Intact, chain.FirstBreak?.Reason);
        Assert.Equal(2, chain.EventsChecked);
    }

    [Fact]
    public async Task The_chair_opens_the_review_with_nice_recommendations_as_its_grid_and_never_a_second_open_one()
    {
        await Queued();
        var notYet = await Api.Problem(await Api.Post(Chair, $"{Queue}/NG9001/review"), 409);
        Assert.Equal("Record NG9001 as relevant to the group before opening its review.", notYet.GetProperty("detail").GetString());
        await Api.Read<TriageRow>(await Triage(TriageLead, Relevant));
        await Api.Problem(await Api.Post(TriageLead, $"{Queue}/NG9001/review"), 403);

        var created = await Api.Post(Chair, $"{Queue}/NG9001/review");
        var review = await Api.Read<ReviewView>(created, HttpStatusCode.Created);
        Assert.Equal($"/api/reviews/{review.Id}", created.Headers.Location?.ToString());
        Assert.Equal(("NG9001", "Hydration in care homes", ReviewStatus.GridReady), (review.GuidanceId, review.Title, review.Status));
        // 1.1.3 was withdrawn by NICE: nothing to implement, so not on the grid.
        Assert.Equal(["1.1.1", "1.1.2", "1.1.4.2", "2.1"], review.Recommendations.Select(r => r.Number));
        var row = await Api.Read<TriageRow>(await Api.Get(Chair, $"{Queue}/ng9001"));
        Assert.Equal((TriageStatus.ReviewOpened, review.Id), (row.Status, row.ReviewId));

        var again = await Api.Problem(await Api.Post(Chair, $"{Queue}/NG9001/review"), 409);
        Assert.Contains($"/reviews/{review.Id}", again.GetProperty("detail").GetString());
        var typed = await Api.Problem(await Api.Post(Chair, "/api/reviews",
            new { guidanceId = "ng9001", guidanceType = "NG", title = "Hydration", publishedOn = DaysAgo(2).ToString("yyyy-MM-dd"), group = DemoUsers.Group }), 409);
        Assert.Equal($"{DemoUsers.Group} already has an open review of NG9001: /reviews/{review.Id}. Close it before opening another.",
            typed.GetProperty("detail").GetString());
        // Another group may review the same guidance.
        Assert.Equal(HttpStatusCode.Created, (await Api.Post(Chair, "/api/reviews",
            new { guidanceId = "NG9001", guidanceType = "NG", title = "Hydration", publishedOn = "2019-03-08", group = "Riverside" })).StatusCode);

        // Once it is closed, the group can open a new review of the guidance.
        await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{review.Id}/close", new { reason = "Superseded by a joint review" }));
        Assert.Equal(HttpStatusCode.Created, (await Api.Post(Chair, "/api/reviews",
            new { guidanceId = "NG9001", guidanceType = "NG", title = "Hydration", publishedOn = "2019-03-08", group = DemoUsers.Group })).StatusCode);
    }

    [Fact]
    public async Task Two_chairs_opening_the_same_guidance_at_once_get_one_review_and_one_refusal()
    {
        var open = new { guidanceId = "NG9100", guidanceType = "NG", title = "Race", publishedOn = "2024-01-01", group = "Riverside" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Api.Post(Chair, "/api/reviews", open)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
    }

    [Fact]
    public async Task When_the_chair_moves_the_deadline_the_reminder_and_then_the_escalation_each_email_once()
    {
        // The triage lead and the chair have signed in, so GuidanceFlow knows their email addresses (as sign-in records them).
        await SignedIn(TriageLead, Chair);
        var row = await Queued();
        // The mail server is shared by the suite (another test escalates NG9001 too): count only what this test sends.
        var (remindersBefore, escalationsBefore) = (Subjects("NG9001: triage due").Count, Subjects("Overdue: NG9001").Count);
        await Api.Problem(await Api.Put(TriageLead, $"{Queue}/NG9001/deadline", new { dueAt = DateTimeOffset.UtcNow.AddDays(5), reason = "x" }), 403);

        // The reminder is three days before the deadline: a deadline three days and a few seconds away brings it a few seconds from now.
        await Soon.WithRoom(async room =>
        {
            var reminder = Soon.In(room);
            await Soon.Before(reminder, "moving the deadline", () =>
                Api.Put(Chair, $"{Queue}/NG9001/deadline", new { dueAt = reminder.AddDays(3), reason = "Discussed at the next group meeting" }));
        });
        var reminders = await Wait.Until(() => Subjects("NG9001: triage due").Skip(remindersBefore).ToList(),
            list => list.Count >= 2, "the triage reminder to the triage lead and the chair");
        Assert.Equal(["amara.okafor@riverside.example.nhs.uk", "lucy.hart@riversidecommunity.example.nhs.uk"], reminders.Select(m => m.To()).Order());

        // Moved again to a few seconds away: no reminder any more (it would be late), the escalation at the deadline.
        var due = await Soon.WithRoom(async room =>
        {
            var due = Soon.In(room);
            await Soon.Before(due, "moving the deadline", () => Api.Put(Chair, $"{Queue}/NG9001/deadline", new { dueAt = due, reason = "The chair needs it sooner" }));
            return due;
        });
        var escalations = await Wait.Until(() => Subjects("Overdue: NG9001").Skip(escalationsBefore).ToList(),
            list => list.Count >= 1, "the escalation to the chair");
        Assert.Equal(["amara.okafor@riverside.example.nhs.uk"], escalations.Select(m => m.To()));
        var overdue = await Api.Read<TriageRow>(await Api.Get(Chair, $"{Queue}/NG9001"));
        Assert.True(overdue.Overdue);

        // Each happened once: fired again, the triggers find nothing to do.
        Assert.Empty(await Triggers(row.Id));
        await Host.Services.GetRequiredService<Workflows.Scheduling.DeadlineReconciliation>().ReconcileAsync(CancellationToken.None);
        Assert.Empty(await Triggers(row.Id));
        var events = await EventTypes(row.Id);
        Assert.Equal(1, events.Count(t => t == "triage_reminder_sent"));
        Assert.Equal(1, events.Count(t => t == "triage_escalated"));
        Assert.True(DateTimeOffset.UtcNow >= due);
    }

    /// <summary>Emails about the demo group's triage of NG9001 (each links to it).</summary>
    private List<MimeKit.MimeMessage> TriageMail() =>
        App.Smtp.Messages().Where(m => (m.TextBody ?? "").Contains($"{Queue.Replace("/api", "")}/NG9001".Replace(" ", "%20"))).ToList();

    private List<MimeKit.MimeMessage> Subjects(string start) => TriageMail().Where(m => (m.Subject ?? "").StartsWith(start)).ToList();

    private async Task SignedIn(params string[] users)
    {
        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession();
        foreach (var u in users.Select(DemoUsers.Get))
            session.Store(new Workflows.People.Person(u.UserId, u.Name, u.Email, u.Organisation, u.OrganisationCode, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }

    private async Task<List<(string Name, DateTimeOffset FireAt)>> Triggers(Guid triageId)
    {
        await using var connection = new NpgsqlConnection(App.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select trigger_name, next_fire_time from guidanceflow.qrtz_triggers where trigger_group = @g order by next_fire_time", connection);
        command.Parameters.AddWithValue("g", $"triage/{triageId}");
        var rows = new List<(string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        return rows;
    }

    private async Task<List<string>> EventTypes(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(App.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select type from guidanceflow.mt_events where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", streamId);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }

    private async Task<(string Actor, string Type)> LastEvent(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(App.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select headers->>'actor-id', type from guidanceflow.mt_events where stream_id = @id order by version desc limit 1", connection);
        command.Parameters.AddWithValue("id", streamId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }
}
