using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace GuidanceFlow.Api.Tests.Contract;

/// <summary>One answer of the API as it left the app: what the contract is checked against.</summary>
public sealed record Exchange(string Method, string Path, int Status, string? ContentType,
    IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public override string ToString() => $"{Method} {Path} → {Status}";
}

/// <summary>
/// Keeps a copy of every answer under /api that the test host gives, outermost in the pipeline, so what is checked
/// is exactly what a client receives (problem details from the exception handler and status pages included).
/// </summary>
public sealed class ContractRecorder : IStartupFilter
{
    private readonly ConcurrentQueue<Exchange> answers = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await inner();
                return;
            }
            var original = context.Response.Body;
            using var copy = new MemoryStream();
            context.Response.Body = copy;
            try
            {
                await inner();
            }
            finally
            {
                context.Response.Body = original;
                var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                answers.Enqueue(new Exchange(context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode,
                    context.Response.ContentType, headers, copy.ToArray()));
                copy.Position = 0;
                await copy.CopyToAsync(original);
            }
        });
        next(app);
    };

    /// <summary>Every answer recorded since the last call.</summary>
    public List<Exchange> Drain()
    {
        var all = new List<Exchange>();
        while (answers.TryDequeue(out var next)) all.Add(next);
        return all;
    }
}
