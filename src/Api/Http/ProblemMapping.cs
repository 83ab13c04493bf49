using System.Text.Json;
using System.Text.RegularExpressions;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Reviews;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;

namespace GuidanceFlow.Api.Http;

/// <summary>
/// Turns what the handlers and the JSON reader throw into RFC 9457 problem details:
/// 400 for unreadable bodies (naming the JSON path), 404 for unknown reviews, 409 for rule
/// violations and stale versions, 413 for oversized bodies. Anything else is a 500 with no internals.
/// </summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = Classify(exception);
        if (status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null) problem.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = exception,
        });
    }

    private static (int, string, string?, Dictionary<string, string[]>?) Classify(Exception exception) => exception switch
    {
        ReviewCommandRejected { Rejection.Kind: RejectionKind.NotFound } e =>
            (404, "Review not found", e.Message, null),
        ReviewCommandRejected e =>
            (409, "The review's current state does not allow this", e.Message, null),
        StaleReviewVersion e =>
            (409, "The review has changed since you loaded it", e.Message, null),
        ConcurrencyException =>
            (409, "The review has changed since you loaded it", "Someone else changed this review at the same moment. Reload and try again.", null),
        BadHttpRequestException { StatusCode: 413 } =>
            (413, "Request body too large", "The request body is larger than this endpoint accepts.", null),
        BadHttpRequestException { InnerException: JsonException json } =>
            (400, "The request body could not be read", "The JSON is malformed or has fields of the wrong type.", JsonErrors(json)),
        BadHttpRequestException e =>
            (400, "The request could not be read", e.Message, null),
        _ => (500, "Something went wrong", "The error has been logged.", null),
    };

    private static Dictionary<string, string[]> JsonErrors(JsonException json)
    {
        var missing = MissingProperties().Match(json.Message);
        if (missing.Success)
        {
            var prefix = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : Trim(json.Path) + ".";
            return MissingName().Matches(missing.Groups[1].Value)
                .ToDictionary(m => prefix + m.Groups[1].Value, m => new[] { "This field is required." });
        }

        var path = Trim(json.Path);
        var message = json.Message.Split(" Path:", 2)[0];
        return new() { [path.Length == 0 ? "$" : path] = [message] };
    }

    private static string Trim(string? path) => (path ?? "").TrimStart('$').TrimStart('.');

    [GeneratedRegex("missing required properties including: (.*)")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex MissingName();
}
