namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A queued message left with a live instance that does not hold it in memory — its transaction committed
/// as the database crashed, and the acknowledgement never came back, so the instance never queued it — is
/// released to every instance after two minutes and handled, rather than waiting for that instance to die.
/// The fault run met this once; here the same state is made directly in the database.
/// </summary>
public class StrandedMessageTests(AppFixture app) : IntegrationTest(app)
{
    private const string Emails = "message_type = 'GuidanceFlow.Workflows.Notifications.OutgoingEmail'";

    [Fact]
    public async Task An_email_left_with_a_live_instance_that_never_queued_it_is_sent()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        await using var app = await AppProcess.StartAsync(db, smtp);
        var api = new Api(app.Client);
        var review = await api.OpenReview();
        await api.CreateGrid(review.Id);
        await api.Invite(review.Id, "tom.hadley", "sunil.mehta");
        await api.OpenWindow(review.Id);
        var sent = await Wait.Until(() => smtp.About(review.Id), m => m.Count == 2, "both invitations");
        await Wait.Until(() => TestDatabase.CountAsync(db, $"select count(*) from guidanceflow.wolverine_incoming_envelopes where {Emails} and status = 'Handled'"),
            n => n == 2, "both invitations recorded as handled");

        // One invitation as the crash leaves it: waiting, owned by the running instance, queued three minutes ago, and
        // (as it was never handled) not recorded as sent.
        var node = await TestDatabase.CountAsync(db, "select node_number from guidanceflow.wolverine_nodes");
        Assert.Equal(1, await TestDatabase.CountAsync(db,
            "with stranded as (update guidanceflow.wolverine_incoming_envelopes set status = 'Incoming', attempts = 0, owner_id = @node, " +
            $"\"timestamp\" = now() - interval '3 minutes' where id = (select id from guidanceflow.wolverine_incoming_envelopes where {Emails} limit 1) " +
            "returning 1) select count(*) from stranded", ("node", (int)node)));
        await TestDatabase.CountAsync(db, "with gone as (delete from guidanceflow.mt_doc_sentemail returning 1) select count(*) from gone");

        await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "the stranded invitation handled");
        var again = await Wait.Until(() => smtp.About(review.Id), m => m.Count == 3, "the stranded invitation sent");
        // The same email, not a new one: its Message-ID is one of the two first sent.
        Assert.Contains(again[2].MessageId, sent.Select(m => m.MessageId));
        Assert.Equal(1, await TestDatabase.CountAsync(db, "select count(*) from guidanceflow.mt_doc_sentemail"));
    }
}
