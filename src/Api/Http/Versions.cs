using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;

namespace GuidanceFlow.Api.Http;

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
        if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
        var view = await query.LoadAsync<ReviewView>(command.ReviewId, ct);
        if (view is null) return Problems.NotFound(Decision.NoSuchReview(command.ReviewId));
        SetETag(context, view.Version);
        return Results.Ok(view);
    }
}
