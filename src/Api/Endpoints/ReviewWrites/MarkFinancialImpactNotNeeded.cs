using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record FinancialImpactNotNeededRequest(string Reason, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapMarkFinancialImpactNotNeeded(RouteGroupBuilder reviews)
    {
        Write<FinancialImpactNotNeededRequest>(reviews, "/{id:guid}/financial-impact/not-needed", Need.Chair,
            "State that no financial assessment is needed, and why",
            (id, b, user, v) => new MarkFinancialImpactNotNeeded(id, b.Reason, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}
