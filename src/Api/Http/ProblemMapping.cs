using System.Text.Json;
using System.Text.RegularExpressions;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Reviews;
using GuidanceFlow.Workflows.Groups;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace GuidanceFlow.Api.Http;

/// <summary>
/// Turns what the handlers and the JSON reader throw into RFC 9457 problem details:
/// 400 for unreadable bodies (naming the JSON path), 404 for unknown reviews, 409 for rule
/// violations and stale versions, 413 for oversized bodies, 503 with Retry-After while the database cannot
/// be reached. Anything else is a 500 with no internals.
/// </summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // A page's failure is shown as the NHS-styled error page (the exception handler's path), not as JSON.
        if (GuidanceFlow.Api.Infrastructure.GuidanceFlowSetup.IsPage(context)) return false;
        // The exception handler clears the endpoint; the feature keeps the one that failed.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var (status, title, detail, errors) = Classify(exception, requestType);
        if (status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "5";
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null) problem.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = exception,
        });
    }

    /// <summary>The status an exception is answered with (a 4xx: the client's to fix; 503: try again; 500: ours).</summary>
    public static int StatusFor(Exception exception) => Classify(exception, null).Item1;

    private static (int, string, string?, Dictionary<string, string[]>?) Classify(Exception exception, Type? requestType) => exception switch
    {
        ReviewCommandRejected { Rejection.Kind: RejectionKind.NotFound } e =>
            (404, "Review not found", e.Message, null),
        ReviewCommandRejected { Rejection.Kind: RejectionKind.Forbidden } e =>
            (403, "Not allowed", e.Message, null),
        ReviewCommandRejected e =>
            (409, "The review's current state does not allow this", e.Message, null),
        GuidanceFlow.Workflows.Catalogue.CatalogueCommandRejected e =>
            (409, "The catalogue does not allow this", e.Message, null),
        GuidanceFlow.Workflows.Triage.TriageCommandRejected { Rejection.Kind: RejectionKind.NotFound } e => (404, "Not found", e.Message, null),
        GuidanceFlow.Workflows.Triage.TriageCommandRejected { Rejection.Kind: RejectionKind.Forbidden } e => (403, "Not allowed", e.Message, null),
        GuidanceFlow.Workflows.Triage.TriageCommandRejected e => (409, "The triage's current state does not allow this", e.Message, null),
        GuidanceFlow.Workflows.Library.LibraryCommandRejected { Rejection.Kind: RejectionKind.NotFound } e => (404, "Not found", e.Message, null),
        GuidanceFlow.Workflows.Library.LibraryCommandRejected { Rejection.Kind: RejectionKind.Forbidden } e => (403, "Not allowed", e.Message, null),
        GuidanceFlow.Workflows.Library.LibraryCommandRejected e => (409, "The entry's current state does not allow this", e.Message, null),
        GuidanceFlow.Workflows.Benchmarking.StructureCommandRejected { Rejection.Kind: RejectionKind.NotFound } e => (404, "Not found", e.Message, null),
        GuidanceFlow.Workflows.Benchmarking.StructureCommandRejected { Rejection.Kind: RejectionKind.Forbidden } e => (403, "Not allowed", e.Message, null),
        GuidanceFlow.Workflows.Benchmarking.StructureCommandRejected e => (409, "The NHS structure does not allow this", e.Message, null),
        GuidanceFlow.Workflows.Improvement.ProjectCommandRejected { Rejection.Kind: RejectionKind.NotFound } e => (404, "Not found", e.Message, null),
        GuidanceFlow.Workflows.Improvement.ProjectCommandRejected { Rejection.Kind: RejectionKind.Forbidden } e => (403, "Not allowed", e.Message, null),
        GuidanceFlow.Workflows.Improvement.ProjectCommandRejected e => (409, "The project's current state does not allow this", e.Message, null),
        // Two chairs opened the same guidance at the same moment: the second insert of the group's claim failed.
        JasperFx.DocumentAlreadyExistsException { DocumentType: var t } when t == typeof(GuidanceFlow.Workflows.Reviews.OpenReviewClaim) =>
            (409, "The review's current state does not allow this",
                "The group already has an open review of this guidance (opened a moment ago). Reload to find it.", null),
        GroupAccessDenied { HideExistence: true } e => (404, "Not found", e.Message, null),
        GroupAccessDenied e => (403, "Not allowed", e.Message, null),
        StaleReviewVersion e =>
            (409, "The review has changed since you loaded it", e.Message, null),
        ConcurrencyException =>
            (409, "The review has changed since you loaded it", "Someone else changed this review at the same moment. Reload and try again.", null),
        var e when GuidanceFlow.Workflows.DatabaseConflict.Is(e) =>
            (409, "Someone else was saving at the same moment", "Nothing was saved. Reload and try again.", null),
        BadHttpRequestException { StatusCode: 413 } =>
            (413, "Request body too large", "The request body is larger than this endpoint accepts.", null),
        BadHttpRequestException { InnerException: JsonException json } =>
            (400, "The request body could not be read", "The JSON is malformed or has fields of the wrong type.", JsonErrors(json, requestType)),
        BadHttpRequestException e =>
            (400, "The request could not be read", e.Message, null),
        var e when GuidanceFlow.Workflows.DatabaseOutage.Is(e) =>
            (503, "GuidanceFlow is briefly unavailable", "Its database cannot be reached just now; nothing was saved. Try again shortly.", null),
        _ => (500, "Something went wrong", "The error has been logged.", null),
    };

    private static Dictionary<string, string[]> JsonErrors(JsonException json, Type? requestType)
    {
        var missing = MissingProperties().Match(json.Message);
        if (missing.Success)
        {
            var prefix = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : Trim(json.Path) + ".";
            return MissingName().Matches(missing.Groups[1].Value)
                .ToDictionary(m => prefix + m.Groups[1].Value, m => new[] { "This field is required." });
        }

        var path = Trim(json.Path);
        if (path.Length == 0) return new() { ["$"] = ["The body is not valid JSON."] };
        if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return new() { [path] = ["This field is not part of the request."] };

        var target = requestType is null ? null : TypeAt(requestType, path);
        var message = target switch
        {
            { IsEnum: true } => $"Use one of: {string.Join(", ", Enum.GetNames(target))}.",
            null => "This value is not valid here.",
            _ when target == typeof(DateOnly) => "Enter a date as YYYY-MM-DD.",
            _ when target == typeof(DateTimeOffset) => "Enter a date and time in ISO 8601 with an offset, for example 2026-05-01T17:00:00Z.",
            _ when target == typeof(Guid) => "Enter an id in the form 8-4-4-4-12 hexadecimal digits.",
            _ when target == typeof(string) => "Enter text here.",
            _ when target == typeof(int) || target == typeof(long) => "Enter a whole number.",
            _ when target == typeof(decimal) => "Enter a number.",
            _ when target == typeof(bool) => "Enter true or false.",
            _ => "This value has the wrong shape for this field.",
        };
        return new() { [path] = [message] };
    }

    /// <summary>The .NET type a JSON path such as "responses[0].compliance" lands on, or null when it cannot be told.</summary>
    private static Type? TypeAt(Type root, string path)
    {
        var type = root;
        foreach (var segment in path.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null) return null;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (segment.Contains('['))
            {
                var element = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
                if (element is null) return null;
                type = Nullable.GetUnderlyingType(element) ?? element;
            }
        }
        return type;
    }

    private static string Trim(string? path) => (path ?? "").TrimStart('$').TrimStart('.');

    [GeneratedRegex("missing required properties including: (.*)")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex MissingName();
}
