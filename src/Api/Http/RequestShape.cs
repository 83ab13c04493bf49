using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Net.Http.Headers;

namespace GuidanceFlow.Api.Http;

/// <summary>
/// What every request must look like before any endpoint sees it, so no route has to remember:
/// no control characters (NUL and the like) in the query string; an enum in the query is given by
/// its name, never a number; a JSON body is sent as application/json in UTF-8 (415 otherwise; an upload
/// route, marked <see cref="LargeUpload"/>, checks its own); and
/// If-Match carries a strong validator (a weak one can never match, RFC 9110 §13.1.1: 412).
/// </summary>
public static class RequestShape
{
    private static readonly ConcurrentDictionary<Endpoint, string[]> EnumParameters = new();

    public static IApplicationBuilder UseRequestShape(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Refusal(context) is { } refusal)
        {
            if (GuidanceFlow.Api.Infrastructure.GuidanceFlowSetup.IsPage(context)) context.Response.StatusCode = StatusCodes.Status400BadRequest;
            else await refusal.ExecuteAsync(context);
            return;
        }
        await next();
    });

    private static IResult? Refusal(HttpContext context)
    {
        var request = context.Request;
        foreach (var (key, values) in request.Query)
            if (key.Any(char.IsControl) || values.Any(v => v is not null && v.Any(char.IsControl)))
                return Problems.Validation(key.Any(char.IsControl) ? "query" : key, "Remove control characters (such as NUL) from the query string.");

        if (!request.Path.StartsWithSegments("/api")) return null;

        if (context.GetEndpoint() is { } endpoint)
            foreach (var name in EnumParameters.GetOrAdd(endpoint, EnumsOf))
                if (request.Query.TryGetValue(name, out var values) && values.Any(v => v is { Length: > 0 } s && (char.IsDigit(s[0]) || s[0] is '-' or '+')))
                    return Problems.Validation(name, $"Give {name} by name, not by number.");

        if (request.Headers.IfMatch.ToString().TrimStart().StartsWith("W/", StringComparison.Ordinal))
            return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "If-Match needs a strong validator",
                detail: "Send the review's ETag as it was given, a quoted number such as \"7\", without W/.");

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        // An upload route (a workbook) checks its own content type; every other body is JSON.
        var upload = context.GetEndpoint()?.Metadata.GetMetadata<LargeUpload>() is not null;
        if (hasBody && !upload && !IsUtf8Json(request.ContentType))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON",
                detail: "Send the body as application/json in UTF-8 (Content-Type: application/json; charset=utf-8).");
        return null;
    }

    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Value is null || string.Equals(media.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of an endpoint's enum parameters (bound from the query by name).</summary>
    private static string[] EnumsOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>() is { } method
            ? method.GetParameters()
                .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).IsEnum && p.Name is not null)
                .Select(p => p.Name!).ToArray()
            : [];
}
