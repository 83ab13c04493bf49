using FluentValidation;
using Wolverine;

namespace GuidanceFlow.Api.Http;

/// <summary>
/// Validates a command with its FluentValidation validator, then hands it to its Wolverine
/// handler. A command that fails validation never reaches the handler, so nothing is appended.
/// Rule violations come back from the handler as exceptions, mapped by <see cref="ProblemMapping"/>.
/// </summary>
public sealed class CommandDispatcher(IServiceProvider services, IMessageBus bus)
{
    /// <summary>Null when the command was handled; otherwise the 400 answer naming each invalid field.</summary>
    public async Task<IResult?> SendAsync(object command, CancellationToken ct)
    {
        // By the runtime type: callers often hold the command as IReviewCommand.
        if (services.GetService(typeof(IValidator<>).MakeGenericType(command.GetType())) is IValidator validator)
        {
            var result = await validator.ValidateAsync(new ValidationContext<object>(command), ct);
            if (!result.IsValid) return Problems.Validation(result.Errors);
        }

        await bus.InvokeAsync(command, ct);
        return null;
    }
}
