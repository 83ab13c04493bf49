using System.Net.Sockets;
using Npgsql;
using Wolverine.ErrorHandling;

namespace GuidanceFlow.Workflows;

/// <summary>
/// Whether a failure means the database cannot be reached just now — down, restarting, refusing
/// connections — rather than that the request or the code is wrong. Such failures are retried, and
/// the API answers them 503 with Retry-After, never 500.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 08: connection exceptions; 57P01-57P03: shutting down, crashed, starting up; 53300: too many connections.
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                                              || p.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Whether PostgreSQL gave up one of two transactions that met at the same moment — a deadlock (40P01) or a
/// serialization failure (40001). Nothing of it was written and the same command can simply run again, as
/// PostgreSQL's own documentation advises; if it keeps meeting the other writer, the client is told 409.
/// </summary>
public static class DatabaseConflict
{
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: "40P01" or "40001" }) return true;
        return false;
    }
}

/// <summary>
/// How handlers ride out a database outage. Commands run inline for a request: they try twice more
/// within about a second, then fail, and the API answers 503 with Retry-After. Queued work — the
/// deadline sync, a fired deadline, an email — is retried with backoff for several minutes, so a
/// restart of the database never sends it to the dead-letter table.
/// </summary>
public sealed class RideOutDatabaseOutages : Wolverine.Configuration.IHandlerPolicy
{
    private static readonly HashSet<Type> Queued =
    [
        typeof(Reviews.ReviewChanged), typeof(Scheduling.DeadlineReached), typeof(Notifications.OutgoingEmail),
        typeof(Triage.TriageChanged), typeof(Triage.TriageDeadlineReached), typeof(Triage.QueueProductForGroups),
    ];

    public void Apply(IReadOnlyList<Wolverine.Runtime.Handlers.HandlerChain> chains, JasperFx.CodeGeneration.GenerationRules rules,
        JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var outage = chain.OnException(DatabaseOutage.Is, "the database is unavailable");
            if (Queued.Contains(chain.MessageType))
                outage.RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5))
                    .Then.ScheduleRetry(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
                        TimeSpan.FromMinutes(5));
            else
                outage.RetryWithCooldown(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
        }
    }
}
