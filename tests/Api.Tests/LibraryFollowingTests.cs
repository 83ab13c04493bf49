using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Workflows.Library;
using GuidanceFlow.Workflows.Notifications;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Quartz;
using Wolverine.Tracking;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Following the library: people and groups follow guidance numbers and topics; the weekly digest (the real Quartz job,
/// the durable outbox, the real SMTP server) brings each person one email of what matched, never two for a week, with a
/// link that stops it without signing in; and the Atom feed of new learning per guidance.
/// </summary>
public sealed partial class LibraryFollowingTests(AppFixture app) : IntegrationTest(app)
{
    private const string Editor = LibraryTests.Editor, Author = LibraryTests.Author, Outsider = LibraryTests.Outsider;
    private const string Riverside = "Riverside";

    private async Task<FollowingAnswer> Follow(string user, string kind, string value, string? group = null) =>
        await Api.Read<FollowingAnswer>(await Api.Post(user, "/api/library/following", new { kind, value, group }));

    /// <summary>A good-practice entry submitted by the author and approved by an editor: published now.</summary>
    private async Task<LibraryEntryAnswer> Published(string title, string guidance, string whatWasDone)
    {
        var entry = await Api.Read<LibraryEntryAnswer>(await Api.Post(Author, "/api/library/entries",
            LibraryTests.GoodPractice(title: title, guidance: guidance, whatWasDone: whatWasDone)), HttpStatusCode.Created);
        return await Api.Read<LibraryEntryAnswer>(await Api.Post(Editor, $"/api/library/entries/{entry.Id}/moderation", new { outcome = "Approve" }));
    }

    private IReadOnlyList<MimeMessage> DigestsTo(string address, Guid entryId) =>
        App.Smtp.Messages().Where(m => m.To() == address && m.Subject.StartsWith("New in the GuidanceFlow library") &&
                                       (m.TextBody ?? "").Contains(entryId.ToString())).ToList();

    /// <summary>The Monday job, asked for the week that holds today (what it does unasked on Monday for the week just ended).</summary>
    private async Task RunDigestJob()
    {
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(LibraryDigestJob.Key, new JobDataMap { [LibraryDigestJob.WeekKey] = DateTime.UtcNow.ToString("yyyy-MM-dd") });
    }

    [Fact]
    public async Task Followers_get_one_digest_a_week_of_what_matched_through_the_real_smtp_server_and_can_stop_it_from_the_link()
    {
        var n = Random.Shared.Next(1000, 9999);
        var guidance = $"NG{n}";
        var topic = $"ward{n}x";
        var groupTopic = $"hub{n}y";

        // A person follows a number; another a topic; a chair makes the whole group follow a topic (it reaches its members).
        var followed = await Follow(Author, "Guidance", guidance.ToLowerInvariant());
        Assert.Equal([new FollowedItem(FollowKind.Guidance, guidance)], followed.Follows);
        Assert.True(followed.Digest);
        await Follow(Outsider, "Topic", $"  {topic.ToUpperInvariant()} ");
        var group = await Follow(Api.Chair, "Topic", groupTopic, Riverside);
        Assert.Contains(group.Groups, g => g.Group == Riverside && g.MayChange && g.Follows.Contains(new FollowedItem(FollowKind.Topic, groupTopic)));
        // Following it again changes nothing; only the group's chairs change what it follows.
        Assert.Single((await Follow(Author, "Guidance", guidance)).Follows);
        await Api.Problem(await Api.Post(Outsider, "/api/library/following", new { kind = "Topic", value = "falls", group = Riverside }), 403);

        var matching = await Published($"Virtual ward {n}", guidance, $"A {topic} with a {groupTopic} beside it.");
        var other = await Published($"Unrelated {n}", "NG12", "Nothing anyone here follows.");

        await RunDigestJob();
        var toAuthor = await Wait.Until(() => Task.FromResult(DigestsTo("sunil.mehta@oakfield.example.nhs.uk", matching.Id)), m => m.Count >= 1,
            "the digest at the SMTP server for the guidance's follower");
        var toOutsider = await Wait.Until(() => Task.FromResult(DigestsTo("margaret.ellis@example.org", matching.Id)), m => m.Count >= 1,
            "the digest for the topic's follower");
        var chairAddress = DemoUsersEmail(Api.Chair);
        await Wait.Until(() => Task.FromResult(DigestsTo(chairAddress, matching.Id)), m => m.Count >= 1, "the digest for the group's member");

        var digest = Assert.Single(toAuthor);
        Assert.Contains($"Virtual ward {n}", digest.TextBody);
        Assert.Contains($"Because you follow {guidance}", digest.TextBody);
        Assert.DoesNotContain(other.Id.ToString(), digest.TextBody);
        Assert.Contains($"the topic '{topic}'", Assert.Single(toOutsider).TextBody);
        // Mail clients offer the unsubscribe address as a button.
        var unsubscribe = digest.Headers["List-Unsubscribe"].Trim('<', '>');
        Assert.Contains(unsubscribe, digest.TextBody);
        Assert.Contains(WebUtility.HtmlEncode(unsubscribe), digest.HtmlBody);

        // The same week again — the job repeated, as after a restart: the record of the digest stops a second one.
        await using (var records = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var sent = await records.LoadAsync<LibraryDigestSent>(LibraryDigestSent.KeyOf(Author, DigestWeek.Containing(DateTimeOffset.UtcNow)));
            Assert.Equal([matching.Id], sent!.Entries);
        }
        var again = await Host.TrackActivity().Timeout(TimeSpan.FromMinutes(2)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Wolverine.IMessageContext bus) => (Task)bus.InvokeAsync(new SendLibraryDigest(Author, DigestWeek.Containing(DateTimeOffset.UtcNow).Monday)));
        Assert.Empty(again.Sent.MessagesOf<OutgoingEmail>());
        // Someone whose follows matched nothing this week gets nothing.
        await Follow(LibraryTests.OtherChair, "Topic", $"nothing{n}z");
        var unmatched = await Host.TrackActivity().Timeout(TimeSpan.FromMinutes(2))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext bus) => (Task)bus.InvokeAsync(new SendLibraryDigest(LibraryTests.OtherChair, DigestWeek.Containing(DateTimeOffset.UtcNow).Monday)));
        Assert.Empty(unmatched.Sent.MessagesOf<OutgoingEmail>());
        Assert.Single(DigestsTo("sunil.mehta@oakfield.example.nhs.uk", matching.Id));

        // The link works without signing in: opening it changes nothing (mail scanners open links); the button stops the digest.
        using var browser = Host.Server.CreateClient();
        var path = new Uri(unsubscribe).PathAndQuery;
        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Stop the weekly library digest", html);
        Assert.True((await Api.Read<FollowingAnswer>(await Api.Get(Author, "/api/library/following"))).Digest);
        var form = new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryToken().Match(html).Groups[1].Value)]);
        var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var stopped = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("You will get no more weekly digests", await stopped.Content.ReadAsStringAsync());
        Assert.False((await Api.Read<FollowingAnswer>(await Api.Get(Author, "/api/library/following"))).Digest);

        // Recorded as the person's own act, on their stream.
        await using var query = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await query.Events.FetchStreamAsync(Follower.User(Author).StreamId);
        var stop = Assert.IsType<LibraryDigestStopped>(events[^1].Data);
        Assert.Equal("the link in a digest", stop.Via);
        Assert.Equal(Author, events[^1].Headers![GuidanceFlow.Projections.ActorHeaders.Id]?.ToString());

        // A link for someone else, or altered, stops nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path.Replace("sunil.mehta", "margaret.ellis"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path[..^3] + "AAA")).StatusCode);
    }

    [Fact]
    public async Task Two_deliveries_of_one_persons_digest_at_once_send_one_email()
    {
        var n = Random.Shared.Next(1000, 9999);
        await Follow(Outsider, "Guidance", $"NG{n}");
        var entry = await Published($"Race {n}", $"NG{n}", "Raced.");
        var week = DigestWeek.Containing(DateTimeOffset.UtcNow).Monday;
        var both = await Host.TrackActivity().Timeout(TimeSpan.FromMinutes(2)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync(async Task (Wolverine.IMessageContext bus) =>
            {
                await bus.PublishAsync(new SendLibraryDigest(Outsider, week));
                await bus.PublishAsync(new SendLibraryDigest(Outsider, week));
            });
        Assert.Single(both.Sent.MessagesOf<OutgoingEmail>());
        await Wait.Until(() => Task.FromResult(DigestsTo("margaret.ellis@example.org", entry.Id)), m => m.Count >= 1, "the one digest");
    }

    [Fact]
    public async Task Follows_are_checked_named_and_stopped()
    {
        var bad = await Api.Problem(await Api.Post(Author, "/api/library/following", new { kind = "Guidance", value = "not a number" }), 400);
        Assert.Contains("NICE guidance number", bad.GetProperty("errors").GetProperty("value")[0].GetString());
        await Api.Problem(await Api.Post(Author, "/api/library/following", new { kind = "Topic", value = ":*&|!()" }), 400);
        await Api.Problem(await Api.Post(Author, "/api/library/following", new { kind = "Topic", value = new string('a', 101) }), 400);
        await Api.Problem(await Api.Post(Author, "/api/library/following", new { kind = "Topic", value = "falls\u0007" }), 400);
        await Api.Problem(await Api.Post(Author, "/api/library/following", new { kind = "Colour", value = "blue" }), 400);
        for (var i = 0; i < FollowingRules.MaxItems; i++) await Follow(Author, "Topic", $"topic {i}");
        await Api.Problem(await Api.Post(Author, "/api/library/following", new { kind = "Topic", value = "one too many" }), 409);

        var after = await Api.Read<FollowingAnswer>(await Api.Post(Author, "/api/library/following/removal", new { kind = "Topic", value = "Topic  3" }));
        Assert.DoesNotContain(new FollowedItem(FollowKind.Topic, "topic 3"), after.Follows);
        await Api.Problem(await Api.Post(Author, "/api/library/following/removal", new { kind = "Topic", value = "topic 3" }), 404);
        Assert.False((await Api.Read<FollowingAnswer>(await Api.Put(Author, "/api/library/following/digest", new { on = false }))).Digest);
        Assert.True((await Api.Read<FollowingAnswer>(await Api.Put(Author, "/api/library/following/digest", new { on = true }))).Digest);
    }

    [Fact]
    public async Task The_atom_feed_lists_what_is_published_about_a_guidance_newest_first_and_nothing_else()
    {
        var n = Random.Shared.Next(1000, 9999);
        // Markup typed into a title comes out of the feed as the same text (escaped XML), never as elements.
        var first = await Published($"First <b>for</b> NG{n} & co", $"NG{n}", "One.");
        var second = await Published($"Second for NG{n}", $"NG{n}", "Two.");
        await Published($"Elsewhere {n}", "NG12", "Three.");
        var waiting = await Api.Read<LibraryEntryAnswer>(await Api.Post(Author, "/api/library/entries",
            LibraryTests.GoodPractice(title: $"Not yet {n}", guidance: $"NG{n}")), HttpStatusCode.Created);

        var response = await Api.Get(Outsider, $"/api/library/guidance/ng{n}/feed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal($"GuidanceFlow library: NG{n}", feed.Root!.Element(atom + "title")!.Value);
        var entries = feed.Root.Elements(atom + "entry").ToList();
        Assert.Equal([second.Content.Title, $"First <b>for</b> NG{n} & co"], entries.Select(e => e.Element(atom + "title")!.Value));
        Assert.Empty(entries[1].Element(atom + "title")!.Elements());
        Assert.EndsWith($"/library/entries/{second.Id}", entries[0].Element(atom + "link")!.Attribute("href")!.Value);
        Assert.DoesNotContain(waiting.Id.ToString(), feed.ToString());

        await Api.Problem(await Api.Get(Outsider, "/api/library/guidance/not-a-number/feed"), 400);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Send(null, HttpMethod.Get, $"/api/library/guidance/NG{n}/feed")).StatusCode);
    }

    private static string DemoUsersEmail(string userId) => Identity.DemoUsers.Get(userId).Email;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
