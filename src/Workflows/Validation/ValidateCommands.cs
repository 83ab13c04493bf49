using FluentValidation.Results;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace GuidanceFlow.Workflows.Validation;

/// <summary>A command that failed its validator: nothing was handled. Carries every failure, field by field.</summary>
public sealed class CommandInvalid(IReadOnlyList<ValidationFailure> failures)
    : Exception($"The command is invalid: {string.Join("; ", failures.Select(f => $"{f.PropertyName}: {f.ErrorMessage}"))}")
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;
}

/// <summary>
/// Every command with a FluentValidation validator is validated in Wolverine's pipeline, before its
/// handler, whoever sends it (an endpoint, a page, a scheduled job). Shape checks live in the
/// validators; what depends on the review's state lives in the domain's Decide.
/// </summary>
public sealed class ValidateCommands : IHandlerPolicy
{
    /// <summary>The command types that have a validator in this assembly.</summary>
    private static readonly HashSet<Type> Validated = typeof(ValidateCommands).Assembly.GetTypes()
        .Where(t => !t.IsAbstract)
        .SelectMany(t => t.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
        .Select(i => i.GetGenericArguments()[0])
        .ToHashSet();

    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => Validated.Contains(c.MessageType)))
        {
            var validate = typeof(CommandValidation).GetMethod(nameof(CommandValidation.ValidateAsync))!.MakeGenericMethod(chain.MessageType);
            chain.Middleware.Add(new MethodCall(typeof(CommandValidation), validate));
        }
    }
}

public static class CommandValidation
{
    public static async Task ValidateAsync<T>(T command, IValidator<T> validator, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(command, ct);
        if (!result.IsValid) throw new CommandInvalid(result.Errors);
    }
}
