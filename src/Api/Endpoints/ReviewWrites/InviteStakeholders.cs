using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record InviteStakeholdersRequest(IReadOnlyList<Stakeholder> Stakeholders, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapInviteStakeholders(RouteGroupBuilder reviews)
    {
        Write<InviteStakeholdersRequest>(reviews, "/{id:guid}/stakeholders", Need.Chair, "Invite stakeholders to respond",
            (id, b, user, v) => new InviteStakeholders(id, b.Stakeholders, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}
