using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Groups;

namespace GuidanceFlow.Api.Queries;

/// <summary>What the signed-in user may do next on a review: the domain's <see cref="NextSteps"/>, asked from the shared view.</summary>
public static class NextStepsQuery
{
    public static IReadOnlyList<Step> For(ReviewView view, IReadOnlyList<GroupRole> roles, string userId, DateTimeOffset now) =>
        NextSteps.For(
            new ReviewFacts(view.Progress, view.Recommendations.Count > 0, view.Stakeholders.Count > 0, view.FinancialImpact is not null),
            new Asker(roles.Contains(GroupRole.Chair), roles.Contains(GroupRole.FinanceLead),
                view.Stakeholders.Any(s => s.StakeholderId == userId), view.HasAnsweredThisRound(userId),
                view.Delegations.Where(d => d.DelegateUserId == userId).Select(d => d.StakeholderId).ToList()),
            now);
}
