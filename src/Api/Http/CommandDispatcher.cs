using GuidanceFlow.Workflows.Validation;
using Wolverine;

namespace GuidanceFlow.Api.Http;

/// <summary>
/// Hands a command to its Wolverine handler. Validation runs in Wolverine's pipeline
/// (<see cref="ValidateCommands"/>) before the handler, so a command that fails it appends nothing;
/// here its failures become the API's 400 answer. Rule violations are mapped by <see cref="ProblemMapping"/>.
/// </summary>
public sealed class CommandDispatcher(IMessageBus bus)
{
    /// <summary>Null when the command was handled; otherwise the 400 answer naming each invalid field.</summary>
    public async Task<IResult?> SendAsync(object command, CancellationToken ct)
    {
        try
        {
            await bus.InvokeAsync(command, ct);
            return null;
        }
        catch (CommandInvalid invalid)
        {
            GuidanceFlow.Workflows.OperationsMetrics.CommandRejected(command, "Invalid");
            return Problems.Validation(invalid.Failures);
        }
        catch (Exception e) when (RefusalReason(e) is { } reason)
        {
            GuidanceFlow.Workflows.OperationsMetrics.CommandRejected(command, reason);
            throw; // answered by ProblemMapping
        }
    }

    /// <summary>Why the command was refused, when it was (the client's to fix); null for failures of our own.</summary>
    private static string? RefusalReason(Exception e) => e switch
    {
        GuidanceFlow.Workflows.Reviews.ReviewCommandRejected r => r.Rejection.Kind.ToString(),
        GuidanceFlow.Workflows.Triage.TriageCommandRejected r => r.Rejection.Kind.ToString(),
        GuidanceFlow.Workflows.Library.LibraryCommandRejected r => r.Rejection.Kind.ToString(),
        GuidanceFlow.Workflows.Catalogue.CatalogueCommandRejected => "Conflict",
        GuidanceFlow.Workflows.Benchmarking.StructureCommandRejected r => r.Rejection.Kind.ToString(),
        GuidanceFlow.Workflows.Improvement.ProjectCommandRejected r => r.Rejection.Kind.ToString(),
        GuidanceFlow.Workflows.Groups.GroupAccessDenied => "Forbidden",
        GuidanceFlow.Workflows.Reviews.StaleReviewVersion => "Stale",
        JasperFx.ConcurrencyException => "Concurrency",
        _ => null,
    };
}
