using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Triage;

namespace GuidanceFlow.Api.Tests;

/// <summary>A triage deadline that passes while GuidanceFlow is down escalates once on recovery, and never again.</summary>
public class TriageRecoveryTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string Queue = $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/triage";

    private static string Document() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", "ng9001-v1.json"))
            .Replace("\"/Date(1552003200000+0000)/\"", $"\"{DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}\"");

    private int Escalations() => App.Smtp.Messages().Count(m => (m.Subject ?? "") == "Overdue: NG9001 has not been triaged"
        && (m.TextBody ?? "").Contains($"{Queue.Replace("/api", "")}/NG9001"));

    [Fact]
    public async Task Stopped_before_a_triage_deadline_and_started_after_it_the_app_escalates_once()
    {
        var emailsBefore = Escalations();
        var triageId = TriageItem.IdFor(DemoUsers.Group, "NG9001");
        var (db, due) = await Soon.WithRoom(async room =>
        {
            var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
            await using var first = await AppProcess.StartAsync(db, App.Smtp);
            var api = new Api(first.Client);
            Assert.Equal(System.Net.HttpStatusCode.Created, (await api.AddToCatalogue(Document())).StatusCode);
            await Wait.Until(async () => await Api.Read<TriagePage>(await api.Get(Api.Chair, Queue)), p => p.Total == 1, "NG9001 in the queue");
            var due = Soon.In(room);
            await Soon.Before(due, "moving the deadline and stopping the first instance", async () =>
            {
                await Api.Read<TriageRow>(await api.Put(Api.Chair, $"{Queue}/NG9001/deadline", new { dueAt = due, reason = "Before the board" }));
                await Wait.Until(() => TestDatabase.CountAsync(db, "select count(*) from guidanceflow.qrtz_triggers where trigger_group = @g",
                    ("g", $"triage/{triageId}")), n => n == 1, "the escalation trigger to be stored");
                await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "the queue to settle");
                await first.StopAsync();
                return true;
            });
            return (db, due);
        }, firstSeconds: 15);

        await Wait.Past(due.AddSeconds(2), "the triage deadline to pass while GuidanceFlow is down");
        Assert.Equal(0, await Escalated(db, triageId));

        await using (var second = await AppProcess.StartAsync(db, App.Smtp))
        {
            await Wait.Until(() => Escalated(db, triageId), n => n == 1, "the late escalation on recovery");
            await Wait.Until(() => Task.FromResult(Escalations()), n => n == emailsBefore + 1, "the escalation email to the chair");
            var row = await Api.Read<TriageRow>(await new Api(second.Client).Get(Api.Chair, $"{Queue}/NG9001"));
            Assert.True(row.Overdue);
            await second.StopAsync();
        }

        // Started again: the reconciliation finds nothing left to do.
        await using (var third = await AppProcess.StartAsync(db, App.Smtp))
        {
            await Wait.Until(() => TestDatabase.CountAsync(db, "select count(*) from guidanceflow.qrtz_triggers where trigger_group = @g",
                ("g", $"triage/{triageId}")), n => n == 0, "no triage trigger left");
            await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "the queue to settle");
            await third.StopAsync();
        }
        Assert.Equal(1, await Escalated(db, triageId));
        Assert.Equal(emailsBefore + 1, Escalations());
    }

    private static Task<long> Escalated(string db, Guid triageId) =>
        TestDatabase.CountAsync(db, "select count(*) from guidanceflow.mt_events where stream_id = @id and type = 'triage_escalated'", ("id", triageId));
}
