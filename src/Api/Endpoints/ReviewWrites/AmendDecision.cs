using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record AmendDecisionRequest(
    DecisionOutcome Outcome, string Rationale, string Reason, string? Risk = null, IReadOnlyList<ActionItem>? Actions = null,
    DateOnly? ReviewDate = null, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapAmendDecision(RouteGroupBuilder reviews)
    {
        Write<AmendDecisionRequest>(reviews, "/{id:guid}/decision/amendments", Need.Chair,
            "Amend the recorded decision, saying why (the first record stays in the audit)",
            (id, b, user, v) => new AmendDecision(id, b.Outcome, b.Rationale, b.Risk, b.Actions ?? [], b.ReviewDate, b.Reason,
                v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}
