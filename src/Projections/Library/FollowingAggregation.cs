using GuidanceFlow.Domain.Library;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Library;

/// <summary>Binds the pure fold of what someone follows to Marten, inline: the digest and the following page read it at once.</summary>
public sealed class FollowingAggregation : SingleStreamProjection<Following, Guid>
{
    public FollowingAggregation()
    {
        IncludeType<LearningFollowed>();
        IncludeType<LearningUnfollowed>();
        IncludeType<LibraryDigestStopped>();
        IncludeType<LibraryDigestResumed>();
    }

    public override Following? Evolve(Following? snapshot, Guid id, IEvent e) =>
        Following.Evolve(snapshot, e.Data) is { } next ? next with { Id = id, ChainHead = ChainHeaders.HashOf(e) ?? next.ChainHead } : null;
}
