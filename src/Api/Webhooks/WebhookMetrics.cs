using System.Diagnostics.Metrics;
using GuidanceFlow.Api.Infrastructure;

namespace GuidanceFlow.Api.Webhooks;

public static class WebhookMetrics
{
    private static readonly Counter<long> Attempts = Telemetry.Meter.CreateCounter<long>(
        "guidanceflow.webhook.attempts", "{attempt}", "Webhook delivery attempts, by outcome (Delivered, Pending = to be retried, Parked, Cancelled).");

    public static void Attempted(string outcome, bool succeeded) =>
        Attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("succeeded", succeeded));
}
