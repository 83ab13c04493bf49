using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>Healthy when PostgreSQL answers a trivial query.</summary>
public sealed class PostgresHealthCheck(DatabaseConnection database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("PostgreSQL reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable", e);
        }
    }
}

/// <summary>The connection string in force: configured, or the embedded cluster's.</summary>
public sealed record DatabaseConnection(string ConnectionString);
