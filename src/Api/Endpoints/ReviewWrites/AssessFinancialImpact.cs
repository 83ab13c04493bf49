using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record AssessFinancialImpactRequest(int LocalPopulation, IReadOnlyList<CostLine> Lines, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapAssessFinancialImpact(RouteGroupBuilder reviews)
    {
        Write<AssessFinancialImpactRequest>(reviews, "/{id:guid}/financial-impact", Need.FinancialImpact,
            "Record the financial impact for the whole health economy",
            (id, b, user, v) => new AssessFinancialImpact(id, b.LocalPopulation, b.Lines, v ?? b.Version,
                user.ToActor(user.IsInRole(Roles.FinanceLead) ? Roles.FinanceLead : Roles.Chair)));
    }
}
