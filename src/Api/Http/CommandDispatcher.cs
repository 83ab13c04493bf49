using FluentValidation;
using FluentValidation.Results;
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
        var failures = await ValidateAsync(command, ct);
        if (failures.Count > 0) return Problems.Validation(failures);
        await bus.InvokeAsync(command, ct);
        return null;
    }

    /// <summary>The command's validation failures (none when valid): the same rules for the API and the pages.</summary>
    public async Task<IReadOnlyList<ValidationFailure>> ValidateAsync(object command, CancellationToken ct)
    {
        // By the runtime type: callers often hold the command as IReviewCommand.
        if (services.GetService(typeof(IValidator<>).MakeGenericType(command.GetType())) is not IValidator validator) return [];
        var result = await validator.ValidateAsync(new ValidationContext<object>(command), ct);
        return result.Errors;
    }

    /// <summary>Hands an already validated command to its handler.</summary>
    public Task InvokeAsync(object command, CancellationToken ct) => bus.InvokeAsync(command, ct);
}
