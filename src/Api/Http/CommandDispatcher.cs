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
            return Problems.Validation(invalid.Failures);
        }
    }
}
