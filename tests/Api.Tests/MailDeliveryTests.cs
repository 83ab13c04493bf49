namespace GuidanceFlow.Api.Tests;

/// <summary>
/// What GuidanceFlow promises about email, with a real SMTP server that misbehaves as real ones do and
/// GuidanceFlow as separate processes: never lost, retried with one Message-ID, and not repeated when
/// the instance dies after the server has accepted the message.
/// </summary>
public class MailDeliveryTests(AppFixture app) : IntegrationTest(app)
{
    private static async Task<Guid> ReviewInvitingTomAndSunil(Api api, Action beforeOpening)
    {
        var review = await api.OpenReview();
        await api.CreateGrid(review.Id);
        await api.Invite(review.Id, "tom.hadley", "sunil.mehta");
        beforeOpening();
        await api.OpenWindow(review.Id); // two invitations
        return review.Id;
    }

    [Fact]
    public async Task A_delivery_refused_for_now_is_retried_with_the_same_Message_ID_and_arrives_once()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        await using var app = await AppProcess.StartAsync(db, smtp);
        var reviewId = await ReviewInvitingTomAndSunil(new Api(app.Client), () => smtp.SetMode("refuse-first"));

        var delivered = await Wait.Until(() => smtp.About(reviewId), m => m.Count == 2, "both invitations, each after one refusal");
        await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "nothing left queued");
        foreach (var message in delivered)
            Assert.Equal(2, smtp.Attempts().Count(a => a == $"<{message.MessageId}>")); // refused, then taken: one Message-ID
        Assert.Equal(2, delivered.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(0, await TestDatabase.CountAsync(db, "select count(*) from guidanceflow.wolverine_dead_letters"));
    }

    [Fact]
    public async Task An_instance_killed_after_the_server_accepted_an_email_does_not_send_it_again()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        Guid reviewId;
        await using (var first = await AppProcess.StartAsync(db, smtp))
        {
            reviewId = await ReviewInvitingTomAndSunil(new Api(first.Client), () => smtp.SetMode("stall-quit"));
            // The server has taken a message and been asked for its goodbye, which it never gives: the
            // instance is stuck after the acceptance. It dies there.
            await Wait.Until(() => smtp.Attempts(), a => a.Contains("QUIT"), "an accepted email and the goodbye after it");
            await first.KillAsync();
        }
        smtp.SetMode("normal");

        await using var second = await AppProcess.StartAsync(db, smtp);
        await Wait.Until(() => smtp.About(reviewId), m => m.Count == 2, "both invitations");
        await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "the dead instance's queue recovered and done");
        var attempts = smtp.Attempts().Where(a => a != "QUIT").ToList();
        Assert.Equal(2, attempts.Count); // each sent once: the accepted one was recorded before the goodbye
        Assert.Equal(2, attempts.Distinct().Count());
        Assert.Equal(2, await TestDatabase.CountAsync(db, "select count(*) from guidanceflow.mt_doc_sentemail"));
    }
}
