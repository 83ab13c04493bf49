namespace GuidanceFlow.Workflows;

/// <summary>
/// The Idempotency-Key a request holds while its write runs (set by the API for a keyed request). The
/// handler that writes for the signed-in user marks the key in its own unit of work, so the mark and
/// the write commit together or not at all. Only a write by that same user marks it: background work
/// that happens to run in the request's flow (deadlines act as the scheduler, emails as nobody) never does.
/// </summary>
public static class IdempotentWrite
{
    public const string Table = "guidanceflow.idempotent_requests";

    private static readonly AsyncLocal<Held?> Current = new();

    public sealed class Held(string userId, string key)
    {
        public string UserId { get; } = userId;
        public string Key { get; } = key;
        public volatile bool Open = true;
    }

    public static Held Begin(string userId, string key) => Current.Value = new Held(userId, key);

    public static void End(Held held)
    {
        held.Open = false;
        Current.Value = null;
    }

    /// <summary>Called by every handler that writes on a signed-in user's behalf, with the user it acts for.</summary>
    public static void MarkIn(IDocumentSession session, string actingUserId)
    {
        if (Current.Value is { Open: true } held && held.UserId == actingUserId)
            session.QueueSqlCommand($"update {Table} set committed = true where user_id = ? and key = ?", held.UserId, held.Key);
    }
}
