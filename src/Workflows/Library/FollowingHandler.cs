using GuidanceFlow.Domain.Library;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Validation;

namespace GuidanceFlow.Workflows.Library;

public sealed class FollowLearningValidator : AbstractValidator<FollowLearning>
{
    public FollowLearningValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Value).PlainText().MaximumLength(FollowingRules.MaxTopicLength)
            .Custom((value, context) =>
            {
                if (FollowingRules.Problem(context.InstanceToValidate.Kind, value) is { } problem) context.AddFailure(problem);
            });
    }
}

public sealed class StopFollowingValidator : AbstractValidator<StopFollowing>
{
    public StopFollowingValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Value).NotEmpty().PlainText().MaximumLength(FollowingRules.MaxTopicLength);
    }
}

/// <summary>
/// What people and groups follow in the library: each change an event on the follower's own stream, attributed and
/// chained as every other write is.
/// </summary>
public static class FollowingHandler
{
    public static Task Handle(FollowLearning command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, command.Follower.StreamId, command.Actor, s => FollowLearning.Decide(s, command, clock.GetUtcNow()), ct);

    public static Task Handle(StopFollowing command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, command.Follower.StreamId, command.Actor, s => StopFollowing.Decide(s, command, clock.GetUtcNow()), ct);

    public static Task Handle(SetLibraryDigest command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, Follower.User(command.UserId).StreamId, command.Actor, s => SetLibraryDigest.Decide(s, command, clock.GetUtcNow()), ct);

    private static async Task Append(IDocumentSession session, AuditChain chain, Guid streamId, Actor actor, Func<Following?, Decision> decide,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Following>(streamId, ct);
        var decision = decide(stream.Aggregate);
        if (decision.Rejection is { } rejection) throw new LibraryCommandRejected(rejection);
        if (decision.Events.Count == 0) return;
        session.LastModifiedBy = actor.UserId;
        IdempotentWrite.MarkIn(session, actor.UserId);
        stream.AppendMany(chain.Attributed(session, stream.Aggregate?.ChainHead ?? "", actor, decision.Events).ToList());
    }
}
