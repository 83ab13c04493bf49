using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Scheduling;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace GuidanceFlow.Api.Tests;

public class MailTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Without_smtp_configured_emails_are_written_as_eml_files_and_their_path_logged()
    {
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        var pickup = Path.Combine(Path.GetTempPath(), "gf-pickup-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var process = await AppProcess.StartAsync(db, smtp: null, pickupDirectory: pickup);
            var api = new Api(process.Client);
            var view = await api.OpenReview();
            await api.CreateGrid(view.Id);
            await api.Invite(view.Id, "tom.hadley", "margaret.ellis");
            await api.OpenWindow(view.Id);

            var files = await Wait.Until(() => Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml") : [],
                f => f.Length == 2, "two .eml invitations");
            var messages = files.Select(f => MimeMessage.Load(f)).ToList();
            Assert.Equal(["margaret.ellis@example.org", "tom.hadley@riverside.example.nhs.uk"], messages.Select(m => m.To()).Order());
            Assert.All(messages, m => Assert.Contains($"/reviews/{view.Id}", m.TextBody));
            Assert.All(messages, m => Assert.Contains("your response is requested by", m.Subject));
            await Wait.Until(() => process.Log, log => files.All(log.Contains), "each file's path in the log");
        }
        finally
        {
            if (Directory.Exists(pickup)) Directory.Delete(pickup, recursive: true);
        }
    }

    [Fact]
    public void Each_group_can_set_its_own_timeframes_and_falls_back_to_the_default()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Deadlines:Default:FinancialImpactDueDays"] = "21",
            ["Deadlines:Groups:North group:ReminderDaysBefore:0"] = "3",
            ["Deadlines:Groups:North group:ReviewAfterMonths"] = "6",
        }).Build();
        var policies = new DeadlinePolicies(configuration);

        var north = policies.For("North group");
        Assert.Equal([3], north.ReminderDaysBefore);
        Assert.Equal((21, 6), (north.FinancialImpactDueDays, north.ReviewAfterMonths));

        var other = policies.For("Any other group");
        Assert.Equal(DeadlinePolicy.Default.ReminderDaysBefore, other.ReminderDaysBefore);
        Assert.Equal((21, 12), (other.FinancialImpactDueDays, other.ReviewAfterMonths));
    }
}
