using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Workflows.Groups;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public sealed record GroupMemberRequest(string Name, IReadOnlyList<GroupRole> Roles);
public sealed record MyGroup(string Group, IReadOnlyList<GroupRole> Roles);

public static class GroupEndpoints
{
    public static void MapGroups(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/groups").WithTags("Groups").RequireAuthorization();

        groups.MapGet("", async (Access access, CancellationToken ct) =>
                Results.Ok((await access.MyGroups(ct)).Select(g => new MyGroup(g.Id, g.RolesOf(access.UserId))).ToList()))
            .WithSummary("The implementation groups you belong to, and your roles in each")
            .Produces<List<MyGroup>>();

        groups.MapGet("/{name}", async (string name, Access access, IQuerySession query, CancellationToken ct) =>
            {
                if ((await access.RolesIn(name, ct)).Count == 0) return Problems.NotFound($"You are not a member of an implementation group named {name}.");
                return Results.Ok(await query.LoadAsync<ImplementationGroup>(name, ct));
            })
            .WithSummary("A group's members, their roles, and every change to them (members only)")
            .Produces<ImplementationGroup>().ProducesProblem(404);

        groups.MapPut("/{name}/members/{userId}", async (string name, string userId, GroupMemberRequest body, ClaimsPrincipal user,
                CommandDispatcher commands, CancellationToken ct) =>
            {
                var command = new SetGroupMember(name, userId, body.Name, body.Roles, user.ToActor("GroupAdmin"));
                return await commands.SendAsync(command, ct) ?? Results.NoContent();
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Add a member or change their roles (group admins only)")
            .Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        groups.MapPut("/{name}/settings", async (string name, GroupSettings body, ClaimsPrincipal user, CommandDispatcher commands,
                CancellationToken ct) =>
                await commands.SendAsync(new SetGroupSettings(name, body, user.ToActor("GroupAdmin")), ct) ?? Results.NoContent())
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Set the group's own timeframes: reminder days, financial impact due, review after (group admins only)")
            .Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        groups.MapDelete("/{name}/members/{userId}", async (string name, string userId, ClaimsPrincipal user, CommandDispatcher commands,
                CancellationToken ct) =>
                await commands.SendAsync(new RemoveGroupMember(name, userId, user.ToActor("GroupAdmin")), ct) ?? Results.NoContent())
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Remove a member (group admins only; a group keeps at least one admin)")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }
}
