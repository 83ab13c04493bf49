using System.Diagnostics.Metrics;

namespace GuidanceFlow.Workflows;

/// <summary>
/// GuidanceFlow's own meter ("GuidanceFlow"): what whoever runs it watches beside the libraries' measures — emails,
/// deadlines, commands refused, webhooks, and the gauges the API's probe reads from the database.
/// </summary>
public static class OperationsMetrics
{
    public const string MeterName = "GuidanceFlow";
    public static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Emails = Meter.CreateCounter<long>(
        "guidanceflow.emails", "{email}", "Emails handed to the mail server (or the pickup directory), and attempts that failed.");
    private static readonly Counter<long> DeadlinesFired = Meter.CreateCounter<long>(
        "guidanceflow.deadlines.fired", "{deadline}", "Deadlines fired by the scheduler; late = more than a minute after they were due.");
    private static readonly Histogram<double> DeadlineDelay = Meter.CreateHistogram<double>(
        "guidanceflow.deadlines.delay", "s", "How long after its due time each deadline fired.");
    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>(
        "guidanceflow.commands.rejected", "{command}", "Commands refused, by command and reason (Invalid, NotFound, Forbidden, Conflict, Stale, Concurrency).");

    public static void EmailSent() => Emails.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));

    /// <summary>Counts a failed attempt; always false, so it can sit in an exception filter without catching.</summary>
    public static bool EmailFailed()
    {
        Emails.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        return false;
    }

    public static void DeadlineFired(string kind, TimeSpan delay)
    {
        var late = delay > TimeSpan.FromMinutes(1);
        DeadlinesFired.Add(1, new("kind", kind), new("late", late));
        DeadlineDelay.Record(Math.Max(0, delay.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));
    }

    public static void CommandRejected(object command, string reason) =>
        Rejections.Add(1, new("command", command.GetType().Name), new("reason", reason));
}
