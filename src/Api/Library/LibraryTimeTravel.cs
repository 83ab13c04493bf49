using GuidanceFlow.Domain.Library;
using Marten;

namespace GuidanceFlow.Api.Library;

/// <summary>
/// An entry as it was: its events up to a version or a moment, folded by the domain's own fold. An entry's stream is its
/// few drafts, edits and decisions, so reading it whole stays small. For the API and the entry's page alike.
/// </summary>
public static class LibraryTimeTravel
{
    public const string HistoryOnly =
        "Earlier versions of an entry (which may hold words never published) are for its author, a case study's chairs and the library's editors.";

    /// <summary>The entry at <paramref name="version"/> or <paramref name="asOf"/>, and the version that is; null if it had not reached it.</summary>
    public static async Task<(LibraryEntry Entry, long Version)?> AtAsync(IQuerySession query, Guid id, long? version, DateTimeOffset? asOf,
        CancellationToken ct)
    {
        var events = await query.Events.FetchStreamAsync(id, version ?? 0, asOf, token: ct);
        if (events.Count == 0 || (version is { } wanted && events[^1].Version < wanted)) return null;
        return events.Select(e => e.Data).Aggregate((LibraryEntry?)null, LibraryEntry.Evolve) is { } entry ? (entry, events[^1].Version) : null;
    }
}
