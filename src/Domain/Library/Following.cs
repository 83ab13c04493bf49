using System.Security.Cryptography;
using System.Text;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Library;

/// <summary>What someone follows: a NICE product by its number, or a topic in words ("falls", "heart failure").</summary>
public enum FollowKind { Guidance, Topic }

public sealed record FollowedItem(FollowKind Kind, string Value);

/// <summary>
/// Who follows: a person for themselves, or an implementation group (its chairs choose; every member hears). The key is
/// "user:{id}" or "group:{name}", and names the stream of that follower's choices.
/// </summary>
public sealed record Follower(bool IsGroup, string Name)
{
    public string Key => IsGroup ? $"group:{Name}" : $"user:{Name}";

    public static Follower User(string userId) => new(false, userId);
    public static Follower Group(string group) => new(true, group);

    /// <summary>The same stream id for a follower on every instance and every day.</summary>
    public Guid StreamId => NameBased("guidanceflow:library-following:" + Key);

    /// <summary>A name-based (version 5 style, SHA-256) Guid: the same name gives the same id everywhere.</summary>
    public static Guid NameBased(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

public interface IFollowingEvent;

public sealed record LearningFollowed(string Follower, FollowKind Kind, string Value, DateTimeOffset At) : IFollowingEvent;

public sealed record LearningUnfollowed(string Follower, FollowKind Kind, string Value, DateTimeOffset At) : IFollowingEvent;

/// <summary>A person stops (or restarts) the weekly digest: by the unsubscribe link in a digest, or on the page.</summary>
public sealed record LibraryDigestStopped(string Follower, string Via, DateTimeOffset At) : IFollowingEvent;

public sealed record LibraryDigestResumed(string Follower, DateTimeOffset At) : IFollowingEvent;

/// <summary>One follower's choices, folded from their stream.</summary>
public sealed record Following(Guid Id, string Follower, IReadOnlyList<FollowedItem> Items, bool DigestStopped, DateTimeOffset LastChangedAt,
    string? ChainHead = null)
{
    public bool IsGroup => Follower.StartsWith("group:", StringComparison.Ordinal);

    /// <summary>For queries: the followed numbers and topics apart, as the digest reads them.</summary>
    public List<string> Guidance { get; init; } = [];
    public List<string> Topics { get; init; } = [];

    /// <summary>An event this fold does not name throws, so a new event cannot be silently skipped.</summary>
    public static Following? Evolve(Following? state, object e) => e switch
    {
        LearningFollowed f => With(state ?? New(f.Follower, f.At), (state?.Items ?? []).Append(new FollowedItem(f.Kind, f.Value)).ToList(), f.At),
        LearningUnfollowed u => state is null ? null : With(state, state.Items.Where(i => !(i.Kind == u.Kind && i.Value == u.Value)).ToList(), u.At),
        LibraryDigestStopped s => (state ?? New(s.Follower, s.At)) with { DigestStopped = true, LastChangedAt = s.At },
        LibraryDigestResumed r => state is null ? null : state with { DigestStopped = false, LastChangedAt = r.At },
        _ => throw new InvalidOperationException($"What someone follows does not know the event {e.GetType().Name}."),
    };

    private static Following New(string follower, DateTimeOffset at) => new(Guid.Empty, follower, [], false, at);

    private static Following With(Following state, List<FollowedItem> items, DateTimeOffset at) => state with
    {
        Items = items,
        Guidance = items.Where(i => i.Kind == FollowKind.Guidance).Select(i => i.Value).ToList(),
        Topics = items.Where(i => i.Kind == FollowKind.Topic).Select(i => i.Value).ToList(),
        LastChangedAt = at,
    };
}

/// <summary>The one home of what may be followed, by whom, and how a followed value is written down.</summary>
public static class FollowingRules
{
    public const int MaxItems = 30;
    public const int MaxTopicLength = 100;
    public const string GroupChairsOnly = "Only a chair of the group can change what the group follows.";

    /// <summary>A person changes what they follow; a group's chairs change what the group follows.</summary>
    public static bool MayChange(Follower follower, LibraryViewer viewer) =>
        follower.IsGroup ? viewer.Chairs(follower.Name) : follower.Name == viewer.UserId;

    /// <summary>Numbers in capitals (NG115) and topics with single spaces, so "Falls " and "falls" are one follow.</summary>
    public static string Normalise(FollowKind kind, string value) => kind == FollowKind.Guidance
        ? value.Trim().ToUpperInvariant()
        : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public static string? Problem(FollowKind kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return kind == FollowKind.Guidance ? "Give the NICE guidance number to follow, for example NG115." : "Give a topic to follow, in a few words.";
        if (kind == FollowKind.Guidance && !GuidanceProduct.IsGuidanceNumber(value))
            return "Give a NICE guidance number: letters then digits, for example NG115.";
        if (kind == FollowKind.Topic && Normalise(kind, value) is { } topic && (topic.Length < 2 || topic.Length > MaxTopicLength))
            return $"Give a topic of 2 to {MaxTopicLength} characters.";
        if (kind == FollowKind.Topic && !value.Any(char.IsLetterOrDigit)) return "Give a topic in words, for example falls prevention.";
        return null;
    }
}

public sealed record FollowLearning(Follower Follower, FollowKind Kind, string Value, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(Following? state, FollowLearning command, DateTimeOffset now)
    {
        if (!FollowingRules.MayChange(command.Follower, command.By)) return Decision.Forbid(FollowingRules.GroupChairsOnly);
        if (FollowingRules.Problem(command.Kind, command.Value) is { } problem) return Decision.Reject(problem);
        var value = FollowingRules.Normalise(command.Kind, command.Value);
        // Following what is already followed changes nothing: the form sent twice, or two tabs.
        if (state?.Items.Contains(new FollowedItem(command.Kind, value)) == true) return Decision.Accept();
        if (state?.Items.Count >= FollowingRules.MaxItems)
            return Decision.Reject($"Follow at most {FollowingRules.MaxItems} guidance numbers and topics; stop following one first.");
        return Decision.Accept(new LearningFollowed(command.Follower.Key, command.Kind, value, now));
    }
}

public sealed record StopFollowing(Follower Follower, FollowKind Kind, string Value, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(Following? state, StopFollowing command, DateTimeOffset now)
    {
        if (!FollowingRules.MayChange(command.Follower, command.By)) return Decision.Forbid(FollowingRules.GroupChairsOnly);
        var value = FollowingRules.Normalise(command.Kind, command.Value ?? "");
        if (state?.Items.Contains(new FollowedItem(command.Kind, value)) != true)
            return Decision.NotFoundWith($"{(command.Follower.IsGroup ? command.Follower.Name + " does" : "You do")} not follow {(command.Kind == FollowKind.Guidance ? value : $"the topic '{value}'")}.");
        return Decision.Accept(new LearningUnfollowed(command.Follower.Key, command.Kind, value, now));
    }
}

/// <summary>
/// A person turns their weekly digest off or on: it covers what they follow and what their groups follow. Via says how
/// ("the link in a digest", "the following page"), for the record.
/// </summary>
public sealed record SetLibraryDigest(string UserId, bool On, string Via, Actor Actor)
{
    public static Decision Decide(Following? state, SetLibraryDigest command, DateTimeOffset now)
    {
        var stopped = state?.DigestStopped == true;
        if (command.On == !stopped) return Decision.Accept(); // already so
        return Decision.Accept(command.On
            ? new LibraryDigestResumed(Follower.User(command.UserId).Key, now)
            : new LibraryDigestStopped(Follower.User(command.UserId).Key, command.Via, now));
    }
}

/// <summary>
/// The digest's week: Monday 00:00 to the next Monday 00:00, UK time. A digest sent on a Monday morning covers the week
/// just ended; each person has at most one digest for each week.
/// </summary>
public sealed record DigestWeek(DateOnly Monday)
{
    public DateTimeOffset Start => UkTime.At(Monday, TimeOnly.MinValue);
    public DateTimeOffset End => UkTime.At(Monday.AddDays(7), TimeOnly.MinValue);

    /// <summary>ISO 8601's name of the week ("2026-W49"): the digest's key and the words in its subject.</summary>
    public string Name => $"{System.Globalization.ISOWeek.GetYear(Monday.ToDateTime(TimeOnly.MinValue))}-W{System.Globalization.ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue)):00}";

    public static DigestWeek Containing(DateOnly day) => new(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)));

    public static DigestWeek Containing(DateTimeOffset instant) => Containing(UkTime.DateOf(instant));

    /// <summary>The last whole week before an instant: what a digest run at that instant reports.</summary>
    public static DigestWeek Before(DateTimeOffset instant) => new(Containing(instant).Monday.AddDays(-7));
}
