using System.Security.Claims;
using GuidanceFlow.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GuidanceFlow.Api.Identity;

/// <summary>403s that say why: a signed-in user with no GuidanceFlow role is told so, not just refused.</summary>
public sealed class ForbiddenAnswers : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            var detail = context.User.FindAll(ClaimTypes.Role).Any()
                ? "Your role does not allow this."
                : "You are signed in but have no GuidanceFlow role. Ask your implementation group's administrator for access.";
            await Problems.Forbidden(detail).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
