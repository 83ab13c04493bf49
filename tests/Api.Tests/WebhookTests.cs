using System.Net;
using System.Text.Json;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Webhooks;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Webhooks end to end: a group admin subscribes a receiver (a real HTTP server on loopback); the group's review events
/// arrive signed, in the CloudEvents envelope, through the durable outbox; a receiver that fails, hangs or is away is
/// tried again until it comes back, and one away too long is parked for the admin to see and retry.
/// </summary>
public sealed class WebhookTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string Hooks = $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/webhooks";

    private async Task<CreatedWebhook> Subscribe(WebhookReceiver receiver) =>
        await Api.Read<CreatedWebhook>(await Api.Post(Api.Chair, Hooks, new { url = receiver.Url }), HttpStatusCode.Created);

    private static List<JsonElement> Envelopes(WebhookReceiver receiver) =>
        receiver.All.Where(r => r.AnsweredWith == 204).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    [Fact]
    public async Task Each_review_event_arrives_once_signed_in_the_envelope_and_the_signature_checks_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await Subscribe(receiver);
        Assert.StartsWith("whsec_", hook.Secret);
        // The secret is shown once: never in the list.
        var listed = await (await Api.Get(Api.Chair, Hooks)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(hook.Secret, listed);

        var review = await Api.ReviewInWindow("tom.hadley");
        var history = await Api.History(review.Id);
        var envelopes = await Wait.Until(() => Envelopes(receiver), e => e.Count >= history.Count, "every event delivered");

        Assert.Equal(history.Select(h => h.Sequence), envelopes.Select(e => e.GetProperty("sequence").GetInt64()).Order());
        foreach (var (request, envelope) in receiver.All.Zip(envelopes))
        {
            Assert.Equal("1.0", envelope.GetProperty("specversion").GetString());
            Assert.Equal(review.Id.ToString(), envelope.GetProperty("subject").GetString());
            Assert.StartsWith("uk.nhs.guidanceflow.review.", envelope.GetProperty("type").GetString());
            Assert.Equal(request.Headers["Webhook-Id"], envelope.GetProperty("id").GetString());
            Assert.StartsWith("application/cloudevents+json", request.Headers["Content-Type"]);
            // What a receiver does: HMAC-SHA256 with the secret over "<timestamp>.<body>", compared with the header.
            var timestamp = long.Parse(request.Headers["Webhook-Timestamp"]);
            Assert.Equal(WebhookSignature.Sign(hook.Secret, timestamp, request.Body), request.Headers["Webhook-Signature"]);
            Assert.NotEqual(WebhookSignature.Sign(hook.Secret + "x", timestamp, request.Body), request.Headers["Webhook-Signature"]);
        }
        var opened = envelopes.Single(e => e.GetProperty("data").GetProperty("event").GetString() == "GuidanceReviewOpened");
        Assert.Equal(Api.Chair, opened.GetProperty("data").GetProperty("actor").GetProperty("userId").GetString());
        Assert.Equal(envelopes.Count, envelopes.Select(e => e.GetProperty("id").GetString()).Distinct().Count());

        // The receiver has each envelope a moment before the sender records its answer: wait for the records, not for time.
        var deliveries = await Wait.Until(async () => await Api.Read<WebhookDeliveryPage>(await Api.Get(Api.Chair, $"{Hooks}/{hook.Webhook.Id}/deliveries")),
            page => page.Items.Count == history.Count && page.Items.All(d => d.Status == "Delivered"), "every delivery recorded as delivered");
        Assert.All(deliveries.Items, d => Assert.Equal("Delivered", d.Status));
    }

    [Fact]
    public async Task A_receiver_that_fails_or_hangs_is_tried_again_until_it_comes_back_and_the_attempts_are_shown()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Plan.Enqueue(WebhookReceiver.Behaviour.Fail);
        receiver.Plan.Enqueue(WebhookReceiver.Behaviour.Hang);
        receiver.Plan.Enqueue(WebhookReceiver.Behaviour.Fail);
        var hook = await Subscribe(receiver);
        var review = await Api.OpenReview();

        var delivered = await Wait.Until(() => Envelopes(receiver), e => e.Count >= 1, "the event delivered once the receiver is back");
        Assert.Equal(review.Id.ToString(), delivered[0].GetProperty("subject").GetString());
        // The same event each time: the same id and the same bytes.
        Assert.Single(receiver.All.Select(r => r.Headers["Webhook-Id"]).Distinct());
        Assert.Single(receiver.All.Select(r => Convert.ToBase64String(r.Body)).Distinct());

        var page = await Wait.Until(async () => await Api.Read<WebhookDeliveryPage>(await Api.Get(Api.Chair, $"{Hooks}/{hook.Webhook.Id}/deliveries")),
            p => p.Items.Count == 1 && p.Items[0].Status == "Delivered", "the delivery recorded as delivered");
        var attempts = page.Items[0].History;
        Assert.Equal(4, attempts.Count);
        Assert.Equal(500, attempts[0].StatusCode);
        Assert.Contains("did not answer within 2 seconds", attempts[1].Error);
        Assert.Equal(500, attempts[2].StatusCode);
        Assert.Equal(204, attempts[3].StatusCode);
        Assert.Null(attempts[3].Error);
    }

    [Fact]
    public async Task A_receiver_away_too_long_is_parked_shown_to_the_admin_with_its_last_error_and_retried_by_hand()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Then = WebhookReceiver.Behaviour.Fail;
        var hook = await Subscribe(receiver);
        await Api.OpenReview();

        var parked = await Wait.Until(async () => await Api.Read<List<WebhookView>>(await Api.Get(Api.Chair, Hooks)),
            hooks => hooks.Single().Parked == 1, "the delivery parked after the give-up time");
        Assert.Equal(0, parked.Single().Pending);
        Assert.Contains("500", parked.Single().LastError);
        var page = await Api.Read<WebhookDeliveryPage>(await Api.Get(Api.Chair, $"{Hooks}/{hook.Webhook.Id}/deliveries?status=Parked"));
        var delivery = Assert.Single(page.Items);
        Assert.True(delivery.Attempts >= 3, $"{delivery.Attempts} attempts");

        // Back again: the admin retries it by hand, and it is delivered.
        receiver.Then = WebhookReceiver.Behaviour.Answer;
        var retried = await Api.Post(Api.Chair, $"{Hooks}/{hook.Webhook.Id}/deliveries/{delivery.Id}/retry");
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        await Wait.Until(() => Envelopes(receiver), e => e.Count == 1, "the retried delivery arriving");
        var again = await Api.Post(Api.Chair, $"{Hooks}/{hook.Webhook.Id}/deliveries/{delivery.Id}/retry");
        await Api.Problem(again, 409);
    }

    [Fact]
    public async Task Only_the_groups_admins_manage_webhooks_and_a_bad_url_is_refused_naming_the_field()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Api.Problem(await Api.Post("rachel.stone", Hooks, new { url = receiver.Url }), 403);
        await Api.Problem(await Api.Get("rachel.stone", Hooks), 403);
        await Api.Problem(await Api.Post("margaret.ellis", Hooks, new { url = receiver.Url }), 404);
        foreach (var bad in new[] { "", "not a url", "ftp://example.org/x", "https://user:pass@example.org/x", "https://example.org/" + new string('a', 2001) })
        {
            var problem = await Api.Problem(await Api.Post(Api.Chair, Hooks, new { url = bad }), 400);
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), bad);
        }
        var shortSecret = await Api.Problem(await Api.Post(Api.Chair, Hooks, new { url = receiver.Url, secret = "too short" }), 400);
        Assert.True(shortSecret.GetProperty("errors").TryGetProperty("secret", out _));
        Assert.Empty(await Api.Read<List<WebhookView>>(await Api.Get(Api.Chair, Hooks)));
    }

    [Fact]
    public async Task An_ended_webhook_gets_nothing_more_and_what_was_waiting_is_cancelled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Then = WebhookReceiver.Behaviour.Fail;
        var hook = await Subscribe(receiver);
        await Api.OpenReview();
        await Wait.Until(() => receiver.All.Count, n => n >= 1, "a first (failed) attempt");
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Send(Api.Chair, HttpMethod.Delete, $"{Hooks}/{hook.Webhook.Id}")).StatusCode);

        var page = await Wait.Until(async () => await Api.Read<WebhookDeliveryPage>(await Api.Get(Api.Chair, $"{Hooks}/{hook.Webhook.Id}/deliveries")),
            p => p.Items.All(d => d.Status == "Cancelled"), "the waiting delivery cancelled");
        Assert.Single(page.Items);
        var ended = (await Api.Read<List<WebhookView>>(await Api.Get(Api.Chair, Hooks))).Single();
        Assert.Equal(Api.Chair, ended.EndedBy);

        var before = receiver.All.Count;
        var later = await Api.OpenReview();
        await ViewsCaughtUp();
        await Wait.Until(async () => await Api.Read<WebhookDeliveryPage>(await Api.Get(Api.Chair, $"{Hooks}/{hook.Webhook.Id}/deliveries")),
            p => p.Items.Count == 1, "no delivery for the ended webhook");
        Assert.Equal(before, receiver.All.Count);
        Assert.NotEqual(Guid.Empty, later.Id);
    }

    [Theory]
    [InlineData("https://risk.example.nhs.uk/events", true, false, null)]
    [InlineData("http://risk.example.nhs.uk/events", false, false, "https")]
    [InlineData("https://127.0.0.1/events", true, false, "private")]
    [InlineData("https://localhost/events", true, false, "private")]
    [InlineData("https://10.1.2.3/events", true, false, "private")]
    [InlineData("https://192.168.0.4/events", true, false, "private")]
    [InlineData("https://[::1]/events", true, false, "private")]
    [InlineData("http://127.0.0.1:5000/events", true, true, null)]
    public void Receiver_urls_must_be_https_and_outside_private_networks_unless_configured(string url, bool allowHttp, bool allowPrivate, string? refusal)
    {
        var problem = WebhookEndpoints.UrlProblem(url, new WebhookSettings { AllowHttp = allowHttp || url.StartsWith("https"), AllowPrivateNetworks = allowPrivate });
        if (refusal is null) Assert.Null(problem);
        else Assert.Contains(refusal, problem);
    }
}
