using System.Net;
using System.Security.Cryptography;
using System.Text;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Projections.Library;
using GuidanceFlow.Workflows.Groups;
using GuidanceFlow.Workflows.Notifications;
using GuidanceFlow.Workflows.People;
using JasperFx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Quartz;
using Wolverine;
using Wolverine.ErrorHandling;

namespace GuidanceFlow.Workflows.Library;

/// <summary>Send one person their digest of the week's new learning, if there is any and they have not had it.</summary>
public sealed record SendLibraryDigest(string UserId, DateOnly WeekMonday);

/// <summary>Kept with the email it records, in one transaction: a person's digest for a week exists once, so it is never sent twice.</summary>
public sealed class LibraryDigestSent
{
    public string Id { get; set; } = ""; // "{userId}|{week}"
    public string UserId { get; set; } = "";
    public string Week { get; set; } = "";
    public List<Guid> Entries { get; set; } = [];
    public DateTimeOffset QueuedAt { get; set; }

    public static string KeyOf(string userId, DigestWeek week) => $"{userId}|{week.Name}";
}

/// <summary>The key that signs unsubscribe links: made once, kept in the database so every instance signs alike.</summary>
public sealed class LibrarySecret
{
    public string Id { get; set; } = "";
    public string Key { get; set; } = "";
}

/// <summary>
/// The unsubscribe link in every digest: the person's id and an HMAC of it, so the link works without signing in
/// (a mail client opens it) and nobody can stop someone else's digest by guessing.
/// </summary>
public sealed class DigestLinks(IDocumentStore store)
{
    private const string SecretId = "digest-unsubscribe";
    private byte[]? _key;

    public async Task<string> TokenFor(string userId, CancellationToken ct) => Token(await KeyAsync(ct), userId);

    public async Task<bool> IsValid(string userId, string? token, CancellationToken ct) =>
        !string.IsNullOrEmpty(token) && token.Length <= 100 &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(await KeyAsync(ct), userId)), Encoding.ASCII.GetBytes(token));

    public static string Token(byte[] key, string userId) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("unsubscribe:" + userId)))[..32]
            .Replace('+', '-').Replace('/', '_');

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        await using var session = store.LightweightSession();
        var secret = await session.LoadAsync<LibrarySecret>(SecretId, ct);
        if (secret is null)
        {
            session.Insert(new LibrarySecret { Id = SecretId, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (DocumentAlreadyExistsException)
            {
                // Another instance made it first: use theirs.
            }
            await using var again = store.QuerySession();
            secret = await again.LoadAsync<LibrarySecret>(SecretId, ct);
        }
        return _key = Convert.FromBase64String(secret!.Key);
    }

    public static string UnsubscribePath(string userId, string token) =>
        $"/library/unsubscribe?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";
}

/// <summary>One entry in a digest, and which of the person's follows it matched.</summary>
public sealed record DigestItem(Guid EntryId, LibraryEntryKind Kind, string Title, string Summary, string Byline, IReadOnlyList<string> Because);

/// <summary>
/// The weekly digest: each person who follows guidance or topics (themselves, or through a group they belong to) gets
/// one email a week listing what was newly published that matches. The run (Quartz, clustered, so one instance) finds
/// who might hear and queues one durable message each; each message checks, records and queues its email in one
/// transaction, so a run repeated, resumed after a crash or raced by another instance never sends a person two.
/// </summary>
public sealed class LibraryDigest(IDocumentStore store, NpgsqlDataSource database, IMessageBus bus, ILogger<LibraryDigest> logger)
{
    public async Task<int> RunAsync(DigestWeek week, CancellationToken ct)
    {
        if (!await AnyPublishedAsync(database, week, ct))
        {
            logger.LogInformation("Library digest {Week}: nothing new was published; no digests", week.Name);
            return 0;
        }
        await using var session = store.QuerySession();
        var people = new HashSet<string>();
        // A weekly batch, read a page at a time; nothing a request waits for.
        for (var skip = 0; ; skip += 500)
        {
            var page = await session.Query<Following>().OrderBy(f => f.Id).Skip(skip).Take(500).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var f in page.Where(f => f.Items.Count > 0))
            {
                if (!f.IsGroup) people.Add(f.Follower["user:".Length..]);
                else if (await session.LoadAsync<ImplementationGroup>(f.Follower["group:".Length..], ct) is { } group)
                    people.UnionWith(group.MemberIds);
            }
        }
        foreach (var person in people) await bus.PublishAsync(new SendLibraryDigest(person, week.Monday));
        logger.LogInformation("Library digest {Week}: {Count} people follow something; a digest queued for each to check", week.Name, people.Count);
        return people.Count;
    }

    private static async Task<bool> AnyPublishedAsync(NpgsqlDataSource database, DigestWeek week, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select exists (select 1 from guidanceflow.{LibrarySearchIndex.Table} where published_at >= $1 and published_at < $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = week.Start.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = week.End.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>What was published in the week and matches any of these numbers or topics (a topic as people type a search), oldest first.</summary>
    public static async Task<IReadOnlyList<DigestItem>> MatchesAsync(NpgsqlDataSource database, DigestWeek week, IReadOnlyCollection<string> guidance,
        IReadOnlyCollection<string> topics, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            select s.entry_id, s.kind, s.title, s.summary, coalesce(s.group_name, s.organisation, ''),
                   array(select g from unnest(s.guidance) g where g = any($3)),
                   array(select t from unnest($4::text[]) t where s.search @@ websearch_to_tsquery('english', t))
            from guidanceflow.{LibrarySearchIndex.Table} s
            where s.published_at >= $1 and s.published_at < $2
              and (s.guidance && $3 or exists (select 1 from unnest($4::text[]) t where s.search @@ websearch_to_tsquery('english', t)))
            order by s.published_at, s.entry_id
            limit 50
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = week.Start.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = week.End.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = guidance.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = topics.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var items = new List<DigestItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new DigestItem(reader.GetGuid(0), Enum.Parse<LibraryEntryKind>(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<string[]>(5).Concat(reader.GetFieldValue<string[]>(6).Select(t => $"the topic '{t}'")).ToList()));
        return items;
    }
}

/// <summary>The Monday-morning run (07:00 UK time unless Library__DigestCron says otherwise), or one asked for a given week.</summary>
[DisallowConcurrentExecution]
public sealed class LibraryDigestJob(LibraryDigest digest, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("library-digest", "guidanceflow");
    public const string DefaultCron = "0 0 7 ? * MON";

    /// <summary>Job data: a date (yyyy-MM-dd) in the week to send; without it, the week just ended.</summary>
    public const string WeekKey = "week";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var week = context.MergedJobDataMap.GetString(WeekKey) is { } day && DateOnly.TryParse(day, out var date)
            ? DigestWeek.Containing(date)
            : DigestWeek.Before(clock.GetUtcNow());
        await digest.RunAsync(week, ct);
    }
}

public static class LibraryDigestHandler
{
    /// <summary>Two deliveries of one person's digest raced (a run repeated on another instance): the one that lost sends nothing.</summary>
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) =>
        chain.OnException<DocumentAlreadyExistsException>().Discard();

    public static async Task Handle(SendLibraryDigest message, IDocumentSession session, NpgsqlDataSource database, IMessageContext bus,
        DigestLinks links, IOptions<MailSettings> mail, TimeProvider clock, ILogger<SendLibraryDigest> logger, CancellationToken ct)
    {
        var week = new DigestWeek(message.WeekMonday);
        var key = LibraryDigestSent.KeyOf(message.UserId, week);
        if (await session.LoadAsync<LibraryDigestSent>(key, ct) is not null) return; // had it already

        var own = await session.LoadAsync<Following>(Follower.User(message.UserId).StreamId, ct);
        if (own?.DigestStopped == true) return;
        var person = await session.LoadAsync<Person>(message.UserId, ct);
        if (string.IsNullOrWhiteSpace(person?.Email)) return;

        var groups = await session.Query<ImplementationGroup>().Where(g => g.MemberIds.Contains(message.UserId)).ToListAsync(ct);
        var groupFollows = groups.Count == 0 ? []
            : await session.LoadManyAsync<Following>(ct, groups.Select(g => Follower.Group(g.Id).StreamId).ToArray());
        var follows = (own?.Items ?? []).Concat(groupFollows.SelectMany(f => f.Items)).Distinct().ToList();
        if (follows.Count == 0) return;

        var items = await LibraryDigest.MatchesAsync(database, week,
            follows.Where(f => f.Kind == FollowKind.Guidance).Select(f => f.Value).ToList(),
            follows.Where(f => f.Kind == FollowKind.Topic).Select(f => f.Value).ToList(), ct);
        if (items.Count == 0) return;

        session.Insert(new LibraryDigestSent { Id = key, UserId = message.UserId, Week = week.Name, Entries = items.Select(i => i.EntryId).ToList(),
            QueuedAt = clock.GetUtcNow() });
        var unsubscribe = DigestLinks.UnsubscribePath(message.UserId, await links.TokenFor(message.UserId, ct));
        await bus.PublishAsync(DigestEmail.Compose(mail.Value, Follower.NameBased("guidanceflow:library-digest:" + key), person.Email!, person.Name,
            week, items, unsubscribe));
        logger.LogInformation("Library digest {Week} for {UserId}: {Count} entries", week.Name, message.UserId, items.Count);
    }
}

/// <summary>The digest in words: what is new, why each is in it, where to read it, and how to stop these emails.</summary>
public static class DigestEmail
{
    public static OutgoingEmail Compose(MailSettings settings, Guid id, string to, string toName, DigestWeek week, IReadOnlyList<DigestItem> items,
        string unsubscribePath)
    {
        var root = settings.PublicUrl.TrimEnd('/');
        var unsubscribe = root + unsubscribePath;
        var subject = $"New in the GuidanceFlow library: {items.Count} {(items.Count == 1 ? "entry" : "entries")} you follow, week {week.Name}";
        static string e(string value) => WebUtility.HtmlEncode(value);
        string Link(DigestItem i) => $"{root}/library/entries/{i.EntryId}";
        string Kind(DigestItem i) => i.Kind == LibraryEntryKind.CaseStudy ? "Case study" : "Good practice";

        var text = new StringBuilder($"Published in the GuidanceFlow library in the week starting {Domain.Reviews.UkTime.Format(week.Monday)}, matching what you or your groups follow:\n\n");
        foreach (var i in items)
            text.Append($"{i.Title}\n{Kind(i)}, {i.Byline}. Because you follow {string.Join(" and ", i.Because)}.\n{i.Summary}\nRead it: {Link(i)}\n\n");
        text.Append($"Change what you follow: {root}/library/following\nStop these emails: {unsubscribe}\n\n— GuidanceFlow learning library\n");

        var list = string.Concat(items.Select(i => $"""
            <li style="margin-bottom:16px"><a href="{e(Link(i))}" style="color:#005eb8;font-weight:bold">{e(i.Title)}</a><br>
            <span style="color:#4c6272;font-size:16px">{e(Kind(i))}, {e(i.Byline)}. Because you follow {e(string.Join(" and ", i.Because))}.</span><br>{e(i.Summary)}</li>
            """));
        var html = EmailComposer.Page(subject, "New in the library this week", $"""
            <p>Published in the week starting {e(Domain.Reviews.UkTime.Format(week.Monday))}, matching what you or your groups follow:</p>
            <ul style="padding-left:20px">{list}</ul>
            <p><a href="{e(root)}/library/following" style="color:#005eb8">Change what you follow</a> · <a href="{e(unsubscribe)}" style="color:#005eb8">Stop these emails</a></p>
            """);
        return new OutgoingEmail(id, id, to, toName, subject, text.ToString(), html, unsubscribe);
    }
}
