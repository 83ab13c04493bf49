using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Workflows.Reviews;
using Marten;

namespace GuidanceFlow.Api.Http;

/// <summary>Marks a route that takes If-Match (declared in the OpenAPI document).</summary>
public sealed class ReadsIfMatch;

/// <summary>Optimistic concurrency over HTTP: ETag carries the stream version, If-Match sends it back.</summary>
public static class Versions
{
    public static bool TryReadIfMatch(HttpRequest request, out long? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return true;
        var raw = header.Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        if (!long.TryParse(raw, out var parsed) || parsed < 0) return false;
        version = parsed;
        return true;
    }

    public static IResult BadIfMatch() =>
        Problems.Validation("If-Match", "Send the review's version as a quoted number, for example \"7\", taken from its ETag.");

    public static void SetETag(HttpContext context, long version) =>
        context.Response.Headers.ETag = $"\"{version}\"";

    public static async Task<IResult> SendAndShow<T>(CommandDispatcher commands, IQuerySession query, T command,
        HttpContext context, CancellationToken ct) where T : IReviewCommand
    {
        var receipt = WriteReceipt.Listen();
        if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
        // The view the access check read, brought forward by what was appended — when nothing came between
        // them. Otherwise (someone else wrote in between, or nothing was appended) it is read back.
        var access = context.RequestServices.GetRequiredService<Access>();
        var before = access.Cached(command.ReviewId);
        var view = before is not null && receipt.Events.Count > 0 && before.Version == receipt.StartingVersion
            ? ReviewViewProjection.Forward(before, receipt.Events)
            : await query.LoadAsync<ReviewView>(command.ReviewId, ct);
        if (view is null) return Problems.NotFound(Decision.NoSuchReview(command.ReviewId));
        SetETag(context, view.Version);
        // A stakeholder's write answers with the view as they may read it.
        return Results.Ok(await access.AsSeenAsync(view, ct));
    }
}
