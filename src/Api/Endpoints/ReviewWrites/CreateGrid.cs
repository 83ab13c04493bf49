using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record CreateGridRequest(IReadOnlyList<Recommendation> Recommendations, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapCreateGrid(RouteGroupBuilder reviews)
    {
        Write<CreateGridRequest>(reviews, "/{id:guid}/grid", Need.Chair, "Create or replace the grid of recommendations",
            (id, b, user, v) => new CreateGrid(id, b.Recommendations, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}
