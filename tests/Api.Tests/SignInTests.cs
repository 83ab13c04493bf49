using GuidanceFlow.Api.Queries;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using GuidanceFlow.Projections.Reviews;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GuidanceFlow.Api.Tests;

/// <summary>Real sign-in: JWT bearer tokens and OpenID Connect from an authority, CIS2 claims, and the start-up guards.</summary>
public class SignInTests(AppFixture app) : IntegrationTest(app)
{
    private const string Trust = "Riverside Hospitals NHS Foundation Trust";

    private async Task<HttpResponseMessage> WithToken(string token, HttpMethod method, string path, object? body = null)
    {
        using var client = Host.Server.CreateClient();
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body, options: Api.Json);
        return await client.SendAsync(request);
    }

    private string ChairToken() => App.Identity.Token("555000111", "Dr Ruth Ellison", "RRV", Trust, "R5080");

    [Fact]
    public async Task A_cis2_bearer_token_signs_in_with_the_selected_roles_organisation_and_a_mapped_role()
    {
        var created = await WithToken(ChairToken(), HttpMethod.Post, "/api/reviews",
            new { guidanceId = "NG115", guidanceType = "NG", title = "COPD", publishedOn = "2018-12-05", group = "Riverside" });
        var view = await Api.Read<ReviewView>(created, HttpStatusCode.Created);
        Assert.Equal(("555000111", "Dr Ruth Ellison"), (view.ChairUserId, view.ChairName));

        var actor = (await Api.History(view.Id)).Single().Actor;
        Assert.Equal(("555000111", "Dr Ruth Ellison", Trust, "Chair"), (actor.UserId, actor.Name, actor.Organisation, actor.Role));

        var stakeholder = App.Identity.Token("555000222", "Sam Patel", "Y00101", "Oakfield Medical Practice", "R8000");
        Assert.Equal(HttpStatusCode.OK, (await WithToken(stakeholder, HttpMethod.Get, "/api/me/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(stakeholder, HttpMethod.Get, "/api/organisations/Y00101/inbox")).StatusCode);
        await Api.Problem(await WithToken(stakeholder, HttpMethod.Post, "/api/reviews",
            new { guidanceId = "NG1", guidanceType = "NG", title = "t", publishedOn = "2018-12-05", group = "g" }), 403);
    }

    [Fact]
    public async Task Forged_expired_foreign_and_missing_tokens_are_401()
    {
        using var otherKey = RSA.Create(2048);
        var forged = App.Identity.Token("1", "Mallory", "RRV", Trust, "R5080", signWith: new RsaSecurityKey(otherKey) { KeyId = "forged" });
        var expired = App.Identity.Token("1", "Old", "RRV", Trust, "R5080", expires: DateTime.UtcNow.AddMinutes(-20));
        var otherAudience = App.Identity.Token("1", "Elsewhere", "RRV", Trust, "R5080", audience: "another-service");
        var otherIssuer = App.Identity.Token("1", "Elsewhere", "RRV", Trust, "R5080", issuer: "https://evil.example");
        foreach (var token in new[] { forged, expired, otherAudience, otherIssuer, "not.a.jwt" })
            await Api.Problem(await WithToken(token, HttpMethod.Get, "/api/reviews"), 401);
        await Api.Problem(await Api.Send(null, HttpMethod.Get, "/api/reviews"), 401);
        Assert.Equal(0, await AllEventsCount());
    }

    [Fact]
    public async Task A_signed_in_user_with_no_guidanceflow_role_is_told_so_and_can_change_nothing()
    {
        var nobody = App.Identity.Token("555000333", "Pat Jones", "RRV", Trust, "R9999");
        var refused = await Api.Problem(await WithToken(nobody, HttpMethod.Post, "/api/reviews",
            new { guidanceId = "NG1", guidanceType = "NG", title = "t", publishedOn = "2018-12-05", group = "g" }), 403);
        Assert.Contains("no GuidanceFlow role", refused.GetProperty("detail").GetString());
        Assert.Equal(0, await AllEventsCount());
    }

    [Fact]
    public void The_session_cookie_is_secure_http_only_same_site_and_times_out()
    {
        var cookie = Host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal((CookieSecurePolicy.Always, true, SameSiteMode.Lax), (cookie.Cookie.SecurePolicy, cookie.Cookie.HttpOnly, cookie.Cookie.SameSite));
        Assert.StartsWith("__Host-", cookie.Cookie.Name);
        Assert.Equal((TimeSpan.FromMinutes(30), true), (cookie.ExpireTimeSpan, cookie.SlidingExpiration));

        var oidc = Host.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.Equal(("code", true, false), (oidc.ResponseType, oidc.UsePkce, oidc.SaveTokens));
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_authority_with_pkce()
    {
        var response = await Api.Send(null, HttpMethod.Get, "/reviews");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"{App.Identity.Authority}/authorize", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("client_id=guidanceflow-pages", location);
    }

    [Fact]
    public async Task Outside_development_start_up_refuses_development_sign_in_and_a_missing_authority()
    {
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);

        var (code, log) = await AppProcess.RunExpectingExitAsync(db, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Authentication__Authority"] = null,
        });
        Assert.NotEqual(0, code);
        Assert.Contains("No sign-in authority is configured for the Production environment", log);

        (code, log) = await AppProcess.RunExpectingExitAsync(db, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Authentication__Development__Enabled"] = "true",
        });
        Assert.NotEqual(0, code);
        Assert.Contains("Development sign-in is enabled in the Production environment", log);

        // Configured properly, production starts — and ignores the development header.
        await using var production = await AppProcess.StartAsync(db, App.Smtp, extraEnvironment: new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        using var client = production.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/reviews");
        request.Headers.Add("X-Dev-User", "amara.okafor");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        // The API description is not public in production: a browser is sent to sign in.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        var described = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        described.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ChairToken());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(described)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
