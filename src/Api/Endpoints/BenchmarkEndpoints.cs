using System.Security.Claims;
using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Benchmarking;

namespace GuidanceFlow.Api.Endpoints;

public sealed record NamedCode(string Name);
public sealed record AreaRequest(string Name, string Region);
public sealed record PlacementRequest(string System, IReadOnlyList<string>? Networks = null);

/// <summary>How groups compare on the same guidance, and the NHS structure the comparisons use.</summary>
public static class BenchmarkEndpoints
{
    public static void MapBenchmarking(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/benchmarking").WithTags("Benchmarking").RequireAuthorization();

        static IResult? BadQuarters(int? quarters) => quarters is null or (>= 1 and <= BenchmarkQueries.MaxQuarters) ? null
            : Problems.Validation("quarters", $"Give between 1 and {BenchmarkQueries.MaxQuarters} quarters (5 years).");

        static IResult Answer<T>(BenchmarkDenial denied, T? body, string notFound, string forbidden) => denied switch
        {
            BenchmarkDenial.NotFound => Problems.NotFound(notFound),
            BenchmarkDenial.Forbidden => Problems.Forbidden(forbidden),
            _ => Results.Ok(body),
        };

        api.MapGet("/groups/{group}", async (string group, int? quarters, BenchmarkQueries benchmarks, CancellationToken ct) =>
            {
                if (BadQuarters(quarters) is { } bad) return bad;
                var (denied, dashboard) = await benchmarks.GroupAsync(group, quarters ?? BenchmarkQueries.DefaultQuarters, ct);
                return Answer(denied, dashboard, $"No implementation group named {group} that you can see.", BenchmarkRules.NotYours);
            })
            .WithSummary("How a group compares: each measure beside its system, networks, region and England, its rank and quartile, by quarter over the last quarters (default 8), compliance and outcomes (its chairs and commissioners; admins of its networks)")
            .Produces<GroupDashboard>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        api.MapGet("/guidance/{guidance}", async (string guidance, string? group, BenchmarkQueries benchmarks, CancellationToken ct) =>
            {
                if (guidance.Length > 20 || !GuidanceProduct.IsGuidanceNumber(guidance))
                    return Problems.Validation("guidance", "Give a NICE guidance number: letters then digits, for example NG115.");
                var (denied, picture) = await benchmarks.GuidanceAsync(guidance, string.IsNullOrWhiteSpace(group) ? null : group, ct);
                return Answer(denied, picture, $"You are not a member of an implementation group named {group}.", BenchmarkRules.NoRole);
            })
            .WithSummary("A guidance's national picture: compliance per recommendation across the groups that reviewed it (each a dot, named only when it chose to be), time to decision, outcomes and cost, beside your group (?group=, else your first) and its history of assessments")
            .Produces<GuidancePicture>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        foreach (var (path, kind) in new[] { ("regions", LevelKind.Region), ("networks", LevelKind.Network) })
            api.MapGet($"/{path}/{{code}}", async (string code, int? quarters, BenchmarkQueries benchmarks, CancellationToken ct) =>
                {
                    if (BadQuarters(quarters) is { } bad) return bad;
                    var (denied, view) = await benchmarks.AreaAsync(kind, code, quarters ?? BenchmarkQueries.DefaultQuarters, ct);
                    return Answer(denied, view, $"No {(kind == LevelKind.Region ? "NHS England region" : "learning and improvement network")} has the code {code}.",
                        BenchmarkRules.AreaNotYours);
                })
                .WithSummary(kind == LevelKind.Region
                    ? "A region's view: the region beside England, each of its groups (unnamed unless they chose to be), by quarter (admins of its networks; commissioners of its groups)"
                    : "A learning and improvement network's view: the network beside England, each of its groups (unnamed unless they chose to be), by quarter (its admins; commissioners of its groups)")
                .Produces<AreaView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        api.MapGet("/structure", async (BenchmarkQueries benchmarks, Access access, CancellationToken ct) =>
            {
                var structure = await benchmarks.StructureAsync(ct);
                return structure.IsNetworkAdmin(access.UserId) ? Results.Ok(structure) : Problems.Forbidden(StructureRules.NetworkAdminsOnly);
            })
            .WithSummary("The NHS structure benchmarking uses: regions, integrated care systems, networks with their admins, and where each group sits (network admins)")
            .Produces<NhsStructure>().ProducesProblem(403);

        // Each change: the body required, the command sent as the signed-in network admin, 204 when done.
        static async Task<IResult> Change(object? body, Func<Actor, object> command, ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
            body is null ? Problems.Validation("$", "Send a JSON object as the request body.")
                : await commands.SendAsync(command(user.ToActor("NetworkAdmin")), ct) ?? Results.NoContent();

        RouteHandlerBuilder Writes(RouteHandlerBuilder route) => route.RequireRateLimiting(WriteRateLimits.Policy)
            .Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);

        Writes(api.MapPut("/regions/{code}", (string code, NamedCode body, ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
                Change(body, actor => new RecordRegion(code, body.Name, actor), user, commands, ct)))
            .WithSummary("Record an NHS England region or rename it (network admins)");
        Writes(api.MapPut("/systems/{code}", (string code, AreaRequest body, ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
                Change(body, actor => new RecordSystem(code, body.Name, body.Region, actor), user, commands, ct)))
            .WithSummary("Record an integrated care system by its ICB's code, its name and region, or change them (network admins)");
        Writes(api.MapPut("/networks/{code}", (string code, AreaRequest body, ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
                Change(body, actor => new RecordNetwork(code, body.Name, body.Region, actor), user, commands, ct)))
            .WithSummary("Record a learning and improvement network, its name and region, or change them (network admins)");
        Writes(api.MapPut("/placements/{group}", (string group, PlacementRequest body, ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
                Change(body, actor => new PlaceGroup(group, body.System, body.Networks ?? [], false, actor), user, commands, ct)))
            .WithSummary("Place an implementation group in its integrated care system and networks (network admins)").ProducesProblem(404);
        Writes(api.MapPut("/networks/{code}/admins/{userId}", (string code, string userId, NamedCode body, ClaimsPrincipal user, CommandDispatcher commands,
                CancellationToken ct) => Change(body, actor => new AppointNetworkAdmin(code, userId, body.Name, actor), user, commands, ct)))
            .WithSummary("Appoint a network admin (network admins)").ProducesProblem(404);

        api.MapDelete("/networks/{code}/admins/{userId}", async (string code, string userId, ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
                await commands.SendAsync(new RemoveNetworkAdmin(code, userId, user.ToActor("NetworkAdmin")), ct) ?? Results.NoContent())
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Remove a network admin (network admins; benchmarking keeps at least one)")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }
}
