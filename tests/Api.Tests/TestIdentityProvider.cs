using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// An OpenID Connect authority on loopback for the tests, standing in for NHS CIS2: a discovery
/// document, its signing keys, and tokens carrying CIS2-shaped claims. GuidanceFlow reaches it over
/// real HTTP exactly as it would reach the real one.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Audience = "guidanceflow-api";
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIdentityProvider(WebApplication app, RsaSecurityKey key, string authority)
    {
        _app = app;
        _key = key;
        Authority = authority;
    }

    public string Authority { get; }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "gf-test-" + Guid.NewGuid().ToString("N")[..8] };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        string? authority = null;

        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority!, ["jwks_uri"] = $"{authority}/jwks", ["authorization_endpoint"] = $"{authority}/authorize",
            ["token_endpoint"] = $"{authority}/token", ["userinfo_endpoint"] = $"{authority}/userinfo",
            ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" }, ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });

        await app.StartAsync();
        authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new TestIdentityProvider(app, key, authority);
    }

    /// <summary>A signed access token as CIS2 would issue it for a user in one role at one organisation.</summary>
    public string Token(string userId, string name, string orgCode, string orgName, string roleCode, string audience = Audience,
        DateTime? expires = null, SecurityKey? signWith = null, string? issuer = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "cis2|" + userId,
            ["nhsid_useruid"] = userId,
            ["name"] = name,
            ["email"] = $"{userId}@example.nhs.uk",
            ["selected_roleid"] = "role-1",
            ["nhsid_nrbac_roles"] = new[]
            {
                new Dictionary<string, object> { ["person_roleid"] = "role-0", ["org_code"] = "X99", ["role_code"] = "S0:G0:R0000" },
                new Dictionary<string, object> { ["person_roleid"] = "role-1", ["org_code"] = orgCode, ["role_code"] = $"S8000:G8000:{roleCode}" },
            },
            ["nhsid_user_orgs"] = new[] { new Dictionary<string, object> { ["org_code"] = orgCode, ["org_name"] = orgName } },
        };
        var now = DateTime.UtcNow;
        var until = expires ?? now.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority, Audience = audience, Claims = claims,
            IssuedAt = until < now ? until.AddMinutes(-10) : now, NotBefore = until < now ? until.AddMinutes(-10) : now, Expires = until,
            SigningCredentials = new SigningCredentials(signWith ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
