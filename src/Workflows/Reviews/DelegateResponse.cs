using GuidanceFlow.Workflows.People;

namespace GuidanceFlow.Workflows.Reviews;

public sealed class DelegateResponseValidator : AbstractValidator<DelegateResponse>
{
    public DelegateResponseValidator()
    {
        RuleFor(c => c.DelegateUserId).MaximumLength(64).Matches("^[A-Za-z0-9._@|-]+$")
            .WithMessage("Use letters, digits, '.', '_', '@', '|' or '-' in a user id.");
    }
}

/// <summary>A stakeholder delegates their response to a colleague, or withdraws it.</summary>
public static class DelegateResponseHandler
{
    [AggregateHandler]
    public static async Task<Decided> Handle(DelegateResponse command, IEventStream<Review> stream, IPeopleDirectory people,
        TimeProvider clock, CancellationToken ct)
    {
        // The rule needs to know who the delegate really is; only the directory can say.
        var found = command.DelegateUserId is null ? null : await people.FindAsync(command.DelegateUserId, ct);
        return new(command, DelegateResponse.Decide(stream.Aggregate, command, found, clock.GetUtcNow()));
    }
}
