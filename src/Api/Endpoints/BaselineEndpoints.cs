using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Notifications;
using GuidanceFlow.Workflows.Reviews;
using Marten;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>The baseline assessment spreadsheet: a stakeholder's, pre-filled with their answers so far, or the group's blank one.</summary>
public static class BaselineEndpoints
{
    public static void MapBaseline(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reviews/{id:guid}/baseline.xlsx", async (Guid id, string? @for, ClaimsPrincipal user, Access access, IQuerySession query,
                TimeProvider clock, IOptions<MailSettings> mail, CancellationToken ct) =>
            {
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                if (view is null) return Problems.NotFound(Decision.NoSuchReview(id));
                if (view.Recommendations.Count == 0)
                    return Results.Problem(statusCode: 409, title: "The review's current state does not allow this",
                        detail: "The review has no grid of recommendations yet, so there is nothing to assess.");

                // An invited stakeholder (or their delegate, with ?for=) gets their own sheet; the group's members the blank one.
                var stakeholderId = @for ?? (view.Stakeholders.Any(s => s.StakeholderId == user.UserId()) ? user.UserId() : null);
                Stakeholder? stakeholder = null;
                if (stakeholderId is not null)
                {
                    stakeholder = view.Stakeholders.FirstOrDefault(s => s.StakeholderId == stakeholderId);
                    if (!Respondents.MayRespondFor(stakeholderId, user.ToActor(Roles.Stakeholder), stakeholder, view.DelegateOf(stakeholderId)))
                        return Problems.Forbidden("You can download only your own sheet, or one delegated to you.");
                }
                else if ((await access.RolesIn(view.Group, ct)).Count == 0)
                    return Problems.Forbidden("Only the group's members and the review's invited stakeholders can download its sheet.");

                var answers = new Dictionary<string, RecommendationResponse>();
                if (stakeholder is not null)
                {
                    foreach (var latest in view.Responses.Where(r => r.StakeholderId == stakeholder.StakeholderId))
                        answers[latest.Response.RecommendationNumber] = latest.Response;
                    // A draft is newer than what was submitted: it is what they were working on.
                    if (await query.LoadAsync<ResponseDraft>(ResponseDraft.IdFor(id, stakeholder.StakeholderId), ct) is { } draft)
                        foreach (var answer in draft.Responses) answers[answer.RecommendationNumber] = answer;
                }
                var sheet = new BaselineSheet(view.Id, view.Version, view.GuidanceId, view.Title, view.PublishedOn, view.Group, view.ResponseDeadline,
                    stakeholder is null ? $"{view.Group} (blank, for the chair)" : $"{stakeholder.Name}, {stakeholder.Organisation}",
                    stakeholder?.StakeholderId, BaselineWorkbook.GridFingerprint(view.Recommendations.Select(r => (r.Number, r.Text))),
                    view.Recommendations.Select(r => new BaselineRow(r.Number, r.Text, r.Strength, answers.GetValueOrDefault(r.Number))).ToList(),
                    clock.GetUtcNow(), $"{mail.Value.PublicUrl.TrimEnd('/')}/reviews/{view.Id}");
                var name = $"{view.GuidanceId}-baseline-assessment{(stakeholder is null ? "" : "-" + stakeholder.StakeholderId)}.xlsx";
                return Results.File(BaselineWorkbook.Write(sheet), BaselineWorkbook.ContentType, name);
            })
            .WithTags("Reviews")
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("The baseline assessment spreadsheet (.xlsx, laid out as NICE's tool): an invited stakeholder's pre-filled with their answers or draft (?for= a stakeholder who delegated to you); the group's members get it blank")
            .Produces(200, contentType: BaselineWorkbook.ContentType).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }
}
