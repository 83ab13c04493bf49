using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace GuidanceFlow.Api.Tests;

/// <summary>An in-process span exporter that keeps only the latest few thousand, so a whole test run stays small.</summary>
public sealed class RecentSpans : BaseExporter<Activity>
{
    public sealed record Span(string Source, string Name, string TraceId, ActivityKind Kind, IReadOnlyDictionary<string, string?> Tags);

    private readonly ConcurrentQueue<Span> _spans = new();

    public IReadOnlyList<Span> All => _spans.ToList();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            _spans.Enqueue(new Span(activity.Source.Name, activity.DisplayName, activity.TraceId.ToString(), activity.Kind,
                activity.Tags.ToDictionary(t => t.Key, t => t.Value)));
            while (_spans.Count > 5000) _spans.TryDequeue(out _);
        }
        return ExportResult.Success;
    }
}
