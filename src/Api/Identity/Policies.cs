using Microsoft.AspNetCore.Authorization;

namespace GuidanceFlow.Api.Identity;

/// <summary>
/// Sign-in is required everywhere but /health and static assets. What a signed-in user may see and
/// do is decided per group and per review by <see cref="Access"/>.
/// </summary>
public static class Policies
{
    public static void Add(AuthorizationOptions options) =>
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
}
