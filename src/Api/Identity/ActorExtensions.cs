using System.Security.Claims;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Identity;

public static class ActorExtensions
{
    /// <summary>
    /// The signed-in user as the domain's <see cref="Actor"/>. Role is the role this action was
    /// taken in, so a user with several roles is recorded in the one that authorised the write.
    /// </summary>
    public static Actor ToActor(this ClaimsPrincipal user, string role) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user has no id."),
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        user.FindFirstValue(GuidanceFlowClaims.Organisation) ?? "",
        role,
        user.FindFirstValue(ClaimTypes.Email));

    public static string UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}

public static class DemoUserActors
{
    public static Actor ToActorIn(this DemoUser user, string role) => new(user.UserId, user.Name, user.Organisation, role, user.Email);
}
