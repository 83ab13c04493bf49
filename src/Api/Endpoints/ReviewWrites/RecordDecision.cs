using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record RecordDecisionRequest(
    DecisionOutcome Outcome, string Rationale, string? Risk = null, IReadOnlyList<ActionItem>? Actions = null,
    DateOnly? ReviewDate = null, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapRecordDecision(RouteGroupBuilder reviews)
    {
        Write<RecordDecisionRequest>(reviews, "/{id:guid}/decision", Need.Chair, "Record the group's decision",
            (id, b, user, v) => new RecordDecision(id, b.Outcome, b.Rationale, b.Risk, b.Actions ?? [], b.ReviewDate,
                v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}
