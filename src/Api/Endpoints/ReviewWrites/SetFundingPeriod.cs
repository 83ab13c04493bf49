using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record SetFundingPeriodRequest(int Days, string Reason, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapSetFundingPeriod(RouteGroupBuilder reviews)
    {
        Write<SetFundingPeriodRequest>(reviews, "/{id:guid}/funding-period", Need.Chair,
            "Set a technology appraisal's funding period in days from publication, with the reason (90 unless the appraisal says otherwise)",
            (id, b, user, v) => new SetFundingPeriod(id, b.Days, b.Reason, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}
