using GuidanceFlow.Domain.Catalogue;
using Microsoft.Extensions.Logging;
using Quartz;

namespace GuidanceFlow.Workflows.Catalogue;

public enum CatalogueImportOutcome { Succeeded, CompletedWithFailures, Failed }

public sealed record CatalogueImportFailure(string GuidanceNumber, string Reason);

/// <summary>One run of the import from NICE, kept for the administrators' status view.</summary>
public sealed class CatalogueImportRun
{
    public Guid Id { get; set; }
    public string Trigger { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public CatalogueImportOutcome Outcome { get; set; }
    /// <summary>Why the whole run failed (a refused key, NICE unreachable), in words an admin can act on.</summary>
    public string? Fault { get; set; }
    public int Products { get; set; }
    public int New { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    /// <summary>Products in the catalogue that NICE's current-guidance index no longer lists: recorded as withdrawn.</summary>
    public int Withdrawn { get; set; }
    public List<CatalogueImportFailure> Failures { get; set; } = [];
}

/// <summary>
/// Imports NICE's current guidance: the index, then each product's structured document, each recorded
/// in its own transaction through the command path — so a document already recorded appends nothing, a
/// malformed one is a failure with its reason while the others go on, and a refused key stops the run
/// and says so. Every run is kept (<see cref="CatalogueImportRun"/>).
/// </summary>
public sealed class CatalogueImport(NiceSyndicationClient nice, IMessageBus bus, IDocumentStore store, TimeProvider clock,
    ILogger<CatalogueImport> logger)
{
    public const string Source = "NICE syndication API";
    public static readonly Actor Importer = new("nice-import", "NICE import", "GuidanceFlow", "Import");

    public async Task<CatalogueImportRun> RunAsync(string trigger, CancellationToken ct)
    {
        var run = new CatalogueImportRun { Id = Guid.NewGuid(), Trigger = trigger, StartedAt = clock.GetUtcNow() };
        var index = await nice.CurrentIndexAsync(ct);
        if (index.Fault is { } indexFault) Fail(run, indexFault.Message);
        else
        {
            run.Products = index.Value!.Count;
            foreach (var entry in index.Value)
            {
                var fetched = await nice.DocumentAsync(entry.GuidanceNumber, ct);
                if (fetched.Fault is { Kind: NiceFaultKind.KeyRefused or NiceFaultKind.ImportOff } stop)
                {
                    Fail(run, stop.Message);
                    break;
                }
                if (fetched.Fault is { } fault)
                {
                    run.Failures.Add(new(entry.GuidanceNumber, fault.Message));
                    continue;
                }
                var parsed = NiceDocuments.Parse(fetched.Value!);
                if (!parsed.IsUsable)
                {
                    run.Failures.Add(new(entry.GuidanceNumber, "The document could not be used: " + string.Join(" ", parsed.Problems)));
                    continue;
                }
                try
                {
                    var recorded = await bus.InvokeAsync<CatalogueVersionRecorded>(new RecordGuidanceVersion(parsed.Document!, Source, Importer), ct);
                    if (!recorded.Appended) run.Unchanged++;
                    else if (recorded.Version == 1) run.New++;
                    else run.Updated++;
                }
                catch (CatalogueCommandRejected e)
                {
                    run.Failures.Add(new(entry.GuidanceNumber, e.Message));
                }
            }
            // NICE's index lists its current guidance: a current product it no longer lists has been withdrawn. Only a whole,
            // non-empty index is trusted for that; a run that failed part-way withdraws nothing.
            if (run.Outcome != CatalogueImportOutcome.Failed && index.Value.Count > 0)
            {
                var listed = index.Value.Select(e => GuidanceProduct.Normalise(e.GuidanceNumber)).ToHashSet();
                await using var query = store.QuerySession();
                var current = await query.Query<GuidanceProduct>().Where(p => p.Status == GuidanceProductStatus.Current)
                    .Select(p => p.GuidanceNumber).ToListAsync(ct);
                foreach (var gone in current.Where(n => !listed.Contains(n)))
                    if (await bus.InvokeAsync<bool>(new WithdrawGuidance(GuidanceProduct.IdFor(gone), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), null, Importer), ct))
                        run.Withdrawn++;
            }
            if (run.Outcome != CatalogueImportOutcome.Failed)
                run.Outcome = run.Failures.Count > 0 ? CatalogueImportOutcome.CompletedWithFailures : CatalogueImportOutcome.Succeeded;
        }
        run.FinishedAt = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.Store(run);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Catalogue import ({Trigger}): {Outcome}; {New} new, {Updated} updated, {Unchanged} unchanged, {Withdrawn} withdrawn, {Failed} failed. {Fault}",
            trigger, run.Outcome, run.New, run.Updated, run.Unchanged, run.Withdrawn, run.Failures.Count, run.Fault);
        return run;
    }

    private static void Fail(CatalogueImportRun run, string why) => (run.Outcome, run.Fault) = (CatalogueImportOutcome.Failed, why);
}

/// <summary>The scheduled import (daily by default; clustered, so one instance runs it) and "check now".</summary>
[DisallowConcurrentExecution]
public sealed class CatalogueImportJob(CatalogueImport import) : IJob
{
    public static readonly JobKey Key = new("catalogue-import", "guidanceflow");
    public const string TriggerKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await import.RunAsync(context.MergedJobDataMap.GetString(TriggerKey) ?? "schedule", ct);
}
