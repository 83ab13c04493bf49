using System.Diagnostics.Metrics;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>GuidanceFlow's own meter: the measures that matter to whoever runs it, beside those of the libraries.</summary>
public static class Telemetry
{
    public const string MeterName = "GuidanceFlow";
    public static readonly Meter Meter = GuidanceFlow.Workflows.OperationsMetrics.Meter;
}
