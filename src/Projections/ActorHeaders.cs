using JasperFx.Events;

namespace GuidanceFlow.Projections;

/// <summary>Who acted, as the write side records it in each event's metadata headers.</summary>
public static class ActorHeaders
{
    public const string Id = "actor-id";
    public const string Name = "actor-name";
    public const string Organisation = "actor-organisation";
    public const string Role = "actor-role";

    public static ActorRef Of(IEvent e) => new(Header(e, Id) ?? e.UserName, Header(e, Name), Header(e, Organisation), Header(e, Role));

    internal static string? Header(IEvent e, string key) =>
        e.Headers is not null && e.Headers.TryGetValue(key, out var value) ? value?.ToString() : null;
}

public sealed record ActorRef(string? UserId, string? Name, string? Organisation, string? Role);

/// <summary>Where an event sits in its stream's audit hash chain, as the write side records it in the event's headers.</summary>
public static class ChainHeaders
{
    public const string Hash = "hash";
    public const string RecordedAt = "recorded-at";

    public static string? HashOf(IEvent e) => ActorHeaders.Header(e, Hash);
}
