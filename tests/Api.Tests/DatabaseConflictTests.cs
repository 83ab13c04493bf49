using GuidanceFlow.Api.Http;
using GuidanceFlow.Workflows;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// How a failure PostgreSQL reports is answered: two writers meeting (a deadlock, a serialization failure) is
/// retried and then a 409, the database unreachable a 503, and anything else a 500 — never a 500 for a race.
/// </summary>
public class DatabaseConflictTests
{
    private static PostgresException Postgres(string sqlState) => new("as PostgreSQL says it", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("40P01", 409)] // deadlock detected
    [InlineData("40001", 409)] // could not serialize access
    [InlineData("57P01", 503)] // the server is shutting down
    [InlineData("08006", 503)] // the connection failed
    [InlineData("42703", 500)] // no such column: ours to fix
    public void Each_failure_is_answered_with_its_status(string sqlState, int status)
    {
        Assert.Equal(status, ProblemMapping.StatusFor(Postgres(sqlState)));
        // As Marten hands it on, wrapped.
        Assert.Equal(status, ProblemMapping.StatusFor(new InvalidOperationException("while saving", Postgres(sqlState))));
    }

    [Fact]
    public void Only_a_meeting_of_two_writers_is_a_conflict()
    {
        Assert.True(DatabaseConflict.Is(Postgres("40P01")));
        Assert.True(DatabaseConflict.Is(new AggregateException(new InvalidOperationException("outer", Postgres("40001"))).InnerException));
        Assert.False(DatabaseConflict.Is(Postgres("23505")));
        Assert.False(DatabaseConflict.Is(Postgres("57P01")));
        Assert.False(DatabaseConflict.Is(null));
    }
}
