using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Identity;

/// <summary>
/// Development-only sign-in for pages: a demo user chosen on the sign-in page, kept in a session
/// cookie. Registered beside <see cref="DevelopmentAuthenticationHandler"/>, with the same guard.
/// </summary>
public static class DevelopmentCookie
{
    public const string Scheme = "DevelopmentCookie";
}

/// <summary>
/// Development-only sign-in: the caller names a demo user in the X-Dev-User header. It is
/// registered only in the Development environment and start-up refuses it anywhere else; real
/// sign-in (OpenID Connect / JWT) arrives with the security work.
/// </summary>
public sealed class DevelopmentAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "Development";
    public const string Header = "X-Dev-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value) || string.IsNullOrWhiteSpace(value))
            return Task.FromResult(AuthenticateResult.NoResult());

        var user = DemoUsers.Find(value.ToString());
        if (user is null)
            return Task.FromResult(AuthenticateResult.Fail($"No demo user '{value}'."));

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user.ToPrincipal(Scheme), Scheme)));
    }
}

public static class GuidanceFlowClaims
{
    public const string Organisation = "guidanceflow:organisation";
    public const string OrganisationCode = "guidanceflow:organisation-code";
}
