using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public static class FinanceEndpoints
{
    public static void MapFinance(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/finance", async (string? group, int? year, IQuerySession query, Access access, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(group)) return Problems.Validation("group", "Name the implementation group.");
                if (year is < 1 or > ResourceImpact.HorizonYears)
                    return Problems.Validation("year", "Years run from 1 to 5, NICE's resource-impact horizon.");
                var roles = await access.RolesIn(group, ct);
                if (!roles.Any(r => r is GroupRole.Commissioner or GroupRole.FinanceLead or GroupRole.Chair))
                    return (await access.MyGroups(ct)).Count == 0 ? Problems.Forbidden(Access.NoRole)
                        : roles.Count == 0 ? Problems.NotFound($"You are not a member of an implementation group named {group}.")
                        : Problems.Forbidden("Only the group's commissioners, finance leads and chair can see its finances.");

                return Results.Ok(await FinanceQuery.ReportAsync(query, group, year, ct));
            })
            .RequireAuthorization().WithTags("Finance")
            .WithSummary("Costs and savings for a group's health economy, per year of the 5-year horizon, by organisation and by sector")
            .WithMetadata(new DocumentedQuery("group", Required: true), new DocumentedQuery("year", Minimum: 1, Maximum: ResourceImpact.HorizonYears))
            .Produces<FinanceReport>().ProducesValidationProblem();
    }

}
