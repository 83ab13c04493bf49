using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace GuidanceFlow.Api.Identity;

/// <summary>
/// Who may sign in, and how. Production: NHS Care Identity Service 2 or Microsoft Entra ID as the
/// authority — OpenID Connect with a session cookie for pages, JWT bearer tokens for API clients.
/// Development: the X-Dev-User header too. Start-up refuses the development scheme anywhere else,
/// and refuses to start outside Development without a real authority.
/// </summary>
public static class SignIn
{
    public const string Scheme = "GuidanceFlow";

    /// <summary>Whether pages sign in by choosing a demo user (development without an authority).</summary>
    public static bool UsesDemoUsers(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetSection("Authentication").GetValue("Development:Enabled", environment.IsDevelopment())
        && string.IsNullOrWhiteSpace(configuration["Authentication:Authority"]);

    public static void AddGuidanceFlowSignIn(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration.GetSection("Authentication");
        var authority = config["Authority"];
        var isDevelopment = builder.Environment.IsDevelopment();
        var developmentSignIn = config.GetValue("Development:Enabled", isDevelopment);

        if (developmentSignIn && !isDevelopment)
            throw new InvalidOperationException(
                $"Development sign-in is enabled in the {builder.Environment.EnvironmentName} environment; it can only ever be used in Development. " +
                "Remove Authentication__Development__Enabled.");
        if (!isDevelopment && string.IsNullOrWhiteSpace(authority))
            throw new InvalidOperationException(
                $"No sign-in authority is configured for the {builder.Environment.EnvironmentName} environment: set Authentication__Authority " +
                "(NHS CIS2 or Entra ID), Authentication__ClientId and Authentication__ClientSecret.");

        var hasAuthority = !string.IsNullOrWhiteSpace(authority);
        var auth = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = Scheme;
            o.DefaultChallengeScheme = Scheme;
        });

        // One front door that picks the scheme for each request.
        auth.AddPolicyScheme(Scheme, "GuidanceFlow sign-in", o => o.ForwardDefaultSelector = context =>
        {
            if (developmentSignIn && context.Request.Headers.ContainsKey(DevelopmentAuthenticationHandler.Header))
                return DevelopmentAuthenticationHandler.Scheme;
            // Without an authority (a developer's machine): the header for the API, the demo-user cookie for pages.
            if (!hasAuthority)
                return context.Request.Path.StartsWithSegments("/api") ? DevelopmentAuthenticationHandler.Scheme : DevelopmentCookie.Scheme;
            var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            return bearer || context.Request.Path.StartsWithSegments("/api")
                ? JwtBearerDefaults.AuthenticationScheme
                : OpenIdConnectDefaults.AuthenticationScheme;
        });

        if (developmentSignIn)
        {
            auth.AddScheme<AuthenticationSchemeOptions, DevelopmentAuthenticationHandler>(DevelopmentAuthenticationHandler.Scheme, null);
            auth.AddCookie(DevelopmentCookie.Scheme, o =>
            {
                o.Cookie.Name = "GuidanceFlow-Dev";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // http://localhost on a developer's machine
                o.LoginPath = "/sign-in";
                o.LogoutPath = "/sign-out";
                o.AccessDeniedPath = "/sign-in";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(config.GetValue("SessionMinutes", 30));
                o.SlidingExpiration = true;
            });
        }

        if (hasAuthority)
        {
            var requireHttps = config.GetValue("RequireHttpsMetadata", true);
            auth.AddJwtBearer(o =>
            {
                o.Authority = authority;
                o.Audience = config["Audience"] ?? config["ClientId"];
                o.RequireHttpsMetadata = requireHttps;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = ClaimTypes.Name;
                o.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
            });
            auth.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "__Host-GuidanceFlow";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax; // the sign-in redirect comes back from the authority
                o.ExpireTimeSpan = TimeSpan.FromMinutes(config.GetValue("SessionMinutes", 30));
                o.SlidingExpiration = true;
            });
            auth.AddOpenIdConnect(o =>
            {
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.Authority = authority;
                o.ClientId = config["ClientId"];
                o.ClientSecret = config["ClientSecret"];
                o.RequireHttpsMetadata = requireHttps;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.Scope.Add("profile");
                o.Scope.Add("email");
                foreach (var scope in config.GetSection("Scopes").Get<string[]>() ?? []) o.Scope.Add(scope); // CIS2: nationalrbacaccess
                o.TokenValidationParameters.NameClaimType = ClaimTypes.Name;
                o.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
            });
        }

        builder.Services.AddTransient<IClaimsTransformation, Cis2ClaimsTransformation>();
        builder.Services.AddAuthorization(Policies.Add);
    }
}
