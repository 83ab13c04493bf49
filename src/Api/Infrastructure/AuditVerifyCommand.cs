using System.Text.Json;
using GuidanceFlow.Workflows.Audit;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>
/// `audit-verify &lt;checkpoint.json&gt;`: checks the database against a checkpoint saved earlier and
/// prints what changed. Exit code 0 when the record is intact, 2 when something changed, 65 for an unreadable file.
/// </summary>
public static class AuditVerifyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string path, TextWriter output)
    {
        AuditCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"Cannot read the checkpoint {path}: {e.Message}");
            return 65;
        }
        if (checkpoint is null)
        {
            await output.WriteLineAsync($"{path} holds no checkpoint.");
            return 65;
        }

        var result = await services.GetRequiredService<GlobalAuditLog>().VerifyAsync(checkpoint, CancellationToken.None);
        await output.WriteLineAsync($"Checkpoint: sequence {checkpoint.Sequence}, {checkpoint.Events} events, signed {checkpoint.SignedAt:u}.");
        if (result.Intact)
        {
            await output.WriteLineAsync($"Intact: all {result.EventsChecked} events up to it are as they were.");
            return 0;
        }
        await output.WriteLineAsync($"CHANGED since the checkpoint ({result.Findings.Count} findings):");
        foreach (var finding in result.Findings) await output.WriteLineAsync($"  - {finding}");
        return 2;
    }
}
