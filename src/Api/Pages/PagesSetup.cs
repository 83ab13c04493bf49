using Microsoft.Extensions.FileProviders;

namespace GuidanceFlow.Api.Pages;

/// <summary>Server-rendered pages in the NHS design system, and the nhsuk-frontend files they use.</summary>
public static class PagesSetup
{
    public static void AddGuidanceFlowPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            // Every page needs sign-in (the fallback policy) but these two.
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Error");
            // The unsubscribe link in a digest: its signature, not a sign-in, says whose digest it stops.
            o.Conventions.AllowAnonymousToPage("/Library/Unsubscribe");
            // The API reference is public where the document is: on a developer's machine (elsewhere it needs sign-in).
            if (builder.Environment.IsDevelopment()) o.Conventions.AllowAnonymousToPage("/Docs/Index");
            // Every review page that writes shares the API's per-user limit on writes.
            o.Conventions.AddFolderApplicationModelConvention("/Reviews",
                m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(Http.WriteRateLimits.Policy)));
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "GuidanceFlow-Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
    }

    /// <summary>
    /// nhsuk-frontend as its dist folder lays it out (the CSS refers to /assets/images/…), copied
    /// to the output by the build from npm; plus GuidanceFlow's own script and styles.
    /// </summary>
    public static void UseFrontendAssets(this IApplicationBuilder app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "frontend");
        Serve(app, Path.Combine(root, "nhsuk", "assets"), "/assets");
        Serve(app, Path.Combine(root, "nhsuk"), "/nhsuk");
        Serve(app, Path.Combine(root, "app"), "/app");
    }

    private static void Serve(IApplicationBuilder app, string directory, string path)
    {
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"The page assets are missing from {directory}: build src/Api (it runs npm ci).");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(directory),
            RequestPath = path,
            // Addressed by content (Assets.Url): kept a year, never asked again. Anything else: an hour.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl =
                c.Context.Request.Query["v"] is { Count: 1 } v && v[0] == Assets.Fingerprint(c.Context.Request.Path.Value ?? "")
                    ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });
    }
}
