namespace GuidanceFlow.Workflows.Reviews;

/// <summary>
/// What a command appended, for the caller that sent it in-process and is waiting on it: the HTTP
/// layer answers a write with the shared view it already holds brought forward by these events,
/// instead of reading the view back from the database. Flows with the call (an AsyncLocal), so
/// concurrent requests never see each other's receipts.
/// </summary>
public sealed class WriteReceipt
{
    private static readonly AsyncLocal<WriteReceipt?> Current = new();

    /// <summary>The stream's version before the append.</summary>
    public long StartingVersion { get; private set; }
    public IReadOnlyList<IEvent> Events { get; private set; } = [];

    /// <summary>Listens for the append the next command sent from this call makes.</summary>
    public static WriteReceipt Listen() => Current.Value = new WriteReceipt();

    internal static void Record(long startingVersion, IReadOnlyList<IEvent> events)
    {
        if (Current.Value is { } receipt) (receipt.StartingVersion, receipt.Events) = (startingVersion, events);
    }
}
