using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using GuidanceFlow.Projections.Reviews;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GuidanceFlow.Api.Queries;

/// <summary>
/// The shared view as the API sends it, serialized and compressed once per version of each review and
/// kept in memory up to a budget (<c>Views__CacheMegabytes</c>, 64 by default). A view is the same for
/// everyone allowed to see it and a version never changes, so the many reads of a busy review between
/// two writes cost one small indexed read (the access card, which carries the version) and a copy of
/// bytes — not a multi-megabyte document read, deserialized and serialized again for every request.
/// </summary>
public sealed class SharedViewBodies : IDisposable
{
    private readonly MemoryCache _bodies;
    private readonly ConcurrentDictionary<(Guid, long), Task<Body?>> _building = new();
    private readonly JsonSerializerOptions _json;

    public SharedViewBodies(IOptions<JsonOptions> json, IConfiguration config)
    {
        _json = json.Value.SerializerOptions;
        _bodies = new MemoryCache(new MemoryCacheOptions { SizeLimit = config.GetValue("Views:CacheMegabytes", 64L) * 1024 * 1024 });
    }

    /// <summary>One version of one review's view in the encodings a client may ask for.</summary>
    public sealed record Body(long Version, byte[] Json, byte[] Gzip, byte[] Brotli)
    {
        public long Size => Json.Length + Gzip.Length + Brotli.Length;
    }

    /// <summary>
    /// The view at <paramref name="version"/> or later; <paramref name="load"/> reads the stored view when
    /// the kept one is older. Concurrent readers of a version not yet kept share one read and one encoding.
    /// </summary>
    public async Task<Body?> AtLeastAsync(Guid reviewId, long version, Func<Task<ReviewView?>> load)
    {
        if (_bodies.TryGetValue(reviewId, out Body? kept) && kept!.Version >= version) return kept;
        var key = (reviewId, version);
        var building = _building.GetOrAdd(key, _ => Build(reviewId, load));
        try { return await building; }
        finally { _building.TryRemove(new KeyValuePair<(Guid, long), Task<Body?>>(key, building)); }
    }

    private async Task<Body?> Build(Guid reviewId, Func<Task<ReviewView?>> load)
    {
        await Task.Yield(); // the first reader's request does not run the encoding on its own stack alone
        var view = await load();
        if (view is null) return null;
        var json = JsonSerializer.SerializeToUtf8Bytes(view, _json);
        var body = new Body(view.Version, json, Compress(json, s => new GZipStream(s, CompressionLevel.Optimal)),
            Compress(json, s => new BrotliStream(s, CompressionLevel.Optimal)));
        if (!_bodies.TryGetValue(reviewId, out Body? kept) || kept!.Version < body.Version)
            _bodies.Set(reviewId, body, new MemoryCacheEntryOptions { Size = body.Size, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return body;
    }

    private static byte[] Compress(byte[] json, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream(json.Length / 8);
        using (var encoding = encoder(output)) encoding.Write(json);
        return output.ToArray();
    }

    /// <summary>Sends <paramref name="body"/> in the best encoding the request accepts (br, then gzip, else none).</summary>
    public static IResult Send(HttpContext context, Body body)
    {
        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string coding) => accepted.Any(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var (bytes, coding) = Accepts("br") ? (body.Brotli, "br") : Accepts("gzip") ? (body.Gzip, "gzip") : (body.Json, null);
        if (coding is not null) context.Response.Headers.ContentEncoding = coding;
        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }

    public void Dispose() => _bodies.Dispose();
}
