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
/// <summary>A filled workbook saved as a draft (as=draft): how many answers it held.</summary>
public sealed record BaselineDraftSaved(int Saved, bool Draft = true);

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

                var sheet = await BaselineSheets.ForAsync(view, stakeholder, query, clock.GetUtcNow(), mail.Value.PublicUrl, ct);
                var name = BaselineSheets.FileName(view, stakeholder);
                return Results.File(BaselineWorkbook.Write(sheet), BaselineWorkbook.ContentType, name);
            })
            .WithTags("Reviews")
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("The baseline assessment spreadsheet (.xlsx, laid out as NICE's tool): an invited stakeholder's pre-filled with their answers or draft (?for= a stakeholder who delegated to you); the group's members get it blank")
            .Produces(200, contentType: BaselineWorkbook.ContentType).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        app.MapGet("/api/reviews/{id:guid}/collated.xlsx", async (Guid id, Access access, TimeProvider clock, CancellationToken ct) =>
            {
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                if (view is null) return Problems.NotFound(Decision.NoSuchReview(id));
                if ((await access.RolesIn(view.Group, ct)).Count == 0)
                    return Problems.Forbidden("The collated workbook is for the group's members; stakeholders read the collated response on the review.");
                return Results.File(CollatedWorkbook.Write(view, clock.GetUtcNow()), BaselineWorkbook.ContentType, $"{view.GuidanceId}-collated-responses.xlsx");
            })
            .WithTags("Reviews")
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("Everyone's responses as a workbook for board papers: a summary matrix of compliance and costs per recommendation, and one sheet per sector (the group's members)")
            .Produces(200, contentType: BaselineWorkbook.ContentType).ProducesProblem(403).ProducesProblem(404);

        app.MapPost("/api/reviews/{id:guid}/grid.xlsx", async (Guid id, HttpRequest request, ClaimsPrincipal user, Access access,
                IQuerySession query, Wolverine.IMessageBus bus, CancellationToken ct) =>
            {
                var (file, refused) = await WorkbookBody(request, ct);
                if (refused is not null) return refused;
                var (grid, refusal) = GridUpload.Read(file!);
                if (refusal is not null) return BaselineImport.Refused(new(refusal.Status, refusal.Title, refusal.Problems));
                try
                {
                    await bus.InvokeAsync(new CreateGrid(id, grid!.Select(g => g.Recommendation).ToList(), null, user.ToActor(Roles.Chair)), ct);
                }
                catch (GuidanceFlow.Workflows.Validation.CommandInvalid invalid)
                {
                    return BaselineImport.Refused(new(400, "The workbook has problems; nothing was saved",
                        BaselineImport.ByRow(invalid.Failures, grid!.Select(g => (g.Row, g.Recommendation.Number)).ToList())));
                }
                var rebuilt = await query.LoadAsync<ReviewView>(id, ct);
                if (rebuilt is not null) Versions.SetETag(request.HttpContext, rebuilt.Version);
                return Results.Ok(rebuilt);
            })
            .WithTags("Reviews")
            .RequireAuthorization()
            .RequireReviewAccess(Need.Chair)
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithMetadata(new LargeUpload(BaselineUpload.MaxBytes))
            .WithSummary("Build (or rebuild) the grid from a workbook whose first row names the columns Number and Recommendation — a baseline sheet or NICE's own tool — until the response window opens (the chair)")
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(413).ProducesProblem(415);

        app.MapPost("/api/reviews/{id:guid}/baseline.xlsx", async (Guid id, string? @as, string? @for, HttpRequest request, ClaimsPrincipal user,
                Access access, IQuerySession query, Wolverine.IMessageBus bus, CancellationToken ct) =>
            {
                var draft = @as?.Equals("draft", StringComparison.OrdinalIgnoreCase) == true;
                if (!draft && @as is not null && !@as.Equals("submit", StringComparison.OrdinalIgnoreCase))
                    return Problems.Validation("as", "Say as=submit (the default) or as=draft.");
                var (file, refused) = await WorkbookBody(request, ct);
                if (refused is not null) return refused;
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                if (view is null) return Problems.NotFound(Decision.NoSuchReview(id));
                var outcome = await BaselineImport.ApplyAsync(view, file!, @for ?? user.UserId(), draft, user, bus, ct);
                if (outcome.Problems.Count > 0) return BaselineImport.Refused(outcome);
                var now = draft ? view : await query.LoadAsync<ReviewView>(view.Id, ct) ?? view;
                Versions.SetETag(request.HttpContext, now.Version);
                return draft ? Results.Ok(new BaselineDraftSaved(outcome.Answers)) : Results.Ok(now);
            })
            .WithTags("Reviews")
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithMetadata(new LargeUpload(BaselineUpload.MaxBytes))
            .WithSummary("Submit (as=submit, the default) or save as a draft (as=draft) a stakeholder's answers from their filled baseline assessment workbook (up to 5 MB and 5,000 rows): every row is checked, and any problem refuses the whole file, naming the row and recommendation. Submitted: the review as it now stands; saved as a draft: how many answers were saved")
            .WithMetadata(new OrAnswers(typeof(BaselineDraftSaved)))
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(413).ProducesProblem(415);
    }

    /// <summary>An upload's body: a workbook by its content type (415 otherwise), read no further than the cap (413 beyond it).</summary>
    private static async Task<(byte[]? File, IResult? Refused)> WorkbookBody(HttpRequest request, CancellationToken ct)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is not (BaselineWorkbook.ContentType or "application/octet-stream"))
            return (null, Results.Problem(statusCode: 415, title: "Unsupported media type",
                detail: $"Send the workbook itself as the body, with Content-Type: {BaselineWorkbook.ContentType}."));
        var file = await ReadCapped(request.Body, BaselineUpload.MaxBytes, ct);
        return file is null
            ? (null, Results.Problem(statusCode: 413, title: "The file is too large", detail: $"A workbook can be at most {BaselineUpload.MaxBytes / 1024 / 1024} MB."))
            : (file, null);
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> (read no further than that).</summary>
    internal static async Task<byte[]?> ReadCapped(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
