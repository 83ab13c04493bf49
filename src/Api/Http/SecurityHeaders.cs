namespace GuidanceFlow.Api.Http;

/// <summary>
/// Headers every response carries: no framing, no MIME sniffing, no referrer leaking review ids,
/// and a Content-Security-Policy that allows no inline script or style, on every page (the API reference at /docs too).
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string NonceKey = "csp-nonce";

    /// <summary>
    /// A fresh nonce for this response's one inline script: nhsuk-frontend's page template marks
    /// the body as JavaScript-enabled before anything renders, and allows it by nonce.
    /// </summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[NonceKey] is string nonce ? Policy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'")
                : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}

/// <summary>
/// Request bodies are capped (default 1 MiB; a grid of 500 recommendations fits easily). Kestrel
/// enforces it on the wire; this answers an announced oversize body with 413 before reading it.
/// </summary>
/// <summary>An endpoint (or page) that takes a larger body than the rest — a spreadsheet upload — with its own cap, in bytes.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class LargeUpload(long maxBytes, params string[] contentTypes) : Attribute
{
    public long MaxBytes { get; } = maxBytes;

    /// <summary>The kinds of file the route takes as its body (for the API's description); a workbook unless said.</summary>
    public IReadOnlyList<string> ContentTypes { get; } =
        contentTypes.Length > 0 ? contentTypes : [Spreadsheets.BaselineWorkbook.ContentType, "application/octet-stream"];
}

public static class BodyLimits
{
    /// <summary>Caps every request body at <paramref name="maxBytes"/>, or at an endpoint's own <see cref="LargeUpload"/> cap (after routing).</summary>
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<LargeUpload>()?.MaxBytes ?? maxBytes;
        if (limit != maxBytes && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(statusCode: 413, title: "Request body too large",
                detail: $"Send at most {limit:N0} bytes.").ExecuteAsync(context);
            return;
        }
        await next();
    });
}
