using System.Security.Claims;
using System.Text.RegularExpressions;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using GuidanceFlow.Workflows.Validation;
using Marten;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>
/// A filled workbook becomes one command — a submission or a draft — through the same validators and rules as a
/// response typed into the page: it is matched to the review, its grid and its stakeholder first, and every problem,
/// the rules' included, is named by its row and recommendation. Nothing is saved from a refused file.
/// </summary>
public static partial class BaselineImport
{
    /// <summary>What an upload did: the answers taken in, or (status 400, 409 or 413) why nothing was.</summary>
    public sealed record Outcome(int Status, string Title, IReadOnlyList<string> Problems, int Answers = 0);

    public static async Task<Outcome> ApplyAsync(ReviewView view, byte[] file, string stakeholderId, bool draft, ClaimsPrincipal user,
        Wolverine.IMessageBus bus, CancellationToken ct)
    {
        var (read, refusal) = BaselineUpload.Read(file);
        if (refusal is not null) return Refused(refusal.Status, refusal.Title, refusal.Problems);
        var ids = read!.Ids;

        if (ids.GetValueOrDefault("review") != view.Id.ToString())
            return Refused(400, "The workbook is for another review",
                [$"This workbook is for another review{(ids.TryGetValue("guidance", out var g) && g != view.GuidanceId ? $" ({g})" : "")}: download this review's sheet and fill that in."]);
        if (string.IsNullOrEmpty(ids.GetValueOrDefault("stakeholder")))
            return Refused(400, "The workbook is the group's blank sheet", ["This is the group's blank sheet: download your own from the review, which carries your name, and fill that in."]);
        if (ids["stakeholder"] != stakeholderId)
            return Refused(400, "The workbook is another stakeholder's", [$"This workbook was made for {ids["stakeholder"]}, not {stakeholderId}: download your own."]);
        if (ids.GetValueOrDefault("grid") != BaselineWorkbook.GridFingerprint(view.Recommendations.Select(r => (r.Number, r.Text))))
            return Refused(409, "The review's grid has changed since the workbook was made",
                ["The recommendations have changed since this workbook was downloaded (an older grid): download it again and copy your answers across."]);

        var onGrid = view.Recommendations.Select(r => r.Number).ToHashSet();
        var problems = read.Answers.Where(a => !onGrid.Contains(a.Answer.RecommendationNumber))
            .Select(a => $"Row {a.Row} ({a.Answer.RecommendationNumber}): recommendation {a.Answer.RecommendationNumber} is not on the review's grid.").ToList();
        problems.AddRange(read.Answers.GroupBy(a => a.Answer.RecommendationNumber).Where(g => g.Count() > 1)
            .Select(g => $"Row {g.Skip(1).First().Row} ({g.Key}): recommendation {g.Key} is answered twice (also on row {g.First().Row})."));
        if (read.Answers.Count == 0) problems.Add("The workbook has no answers: choose a compliance for each recommendation that applies to you.");
        if (problems.Count > 0) return Refused(400, "The workbook has problems; nothing was saved", problems);

        var responses = read.Answers.Select(a => a.Answer).ToList();
        var actor = user.ToActor(stakeholderId == user.UserId() ? Roles.Stakeholder : "Delegate");
        object command = draft
            ? new SaveResponseDraft(view.Id, stakeholderId, responses, actor)
            : new SubmitResponse(view.Id, stakeholderId, responses, null, actor);
        try
        {
            await bus.InvokeAsync(command, ct);
        }
        catch (CommandInvalid invalid)
        {
            // The validators name "Responses[3].Barriers": said again by the sheet's row and recommendation.
            return Refused(400, "The workbook has problems; nothing was saved",
                ByRow(invalid.Failures, read.Answers.Select(a => (a.Row, a.Answer.RecommendationNumber)).ToList()));
        }
        return new(200, draft ? "Saved as a draft" : "Submitted", [], responses.Count);
    }

    private static Outcome Refused(int status, string title, IReadOnlyList<string> problems) => new(status, title, problems);

    /// <summary>A validator's failures ("Responses[3].Barriers", "Recommendations[0].Number") said again by the sheet's row and recommendation.</summary>
    public static IReadOnlyList<string> ByRow(IEnumerable<FluentValidation.Results.ValidationFailure> failures, IReadOnlyList<(int Row, string Number)> rows) =>
        failures.Select(f =>
        {
            var index = Index().Match(f.PropertyName) is { Success: true } m ? int.Parse(m.Groups[1].Value) : -1;
            return index >= 0 && index < rows.Count ? $"Row {rows[index].Row} ({rows[index].Number}): {f.ErrorMessage}" : f.ErrorMessage;
        }).Distinct().ToList();

    /// <summary>The API's answer to a refused upload: 400 names every problem under "file"; 409 and 413 say why.</summary>
    public static IResult Refused(Outcome outcome) =>
        outcome.Status == 400
            ? Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. outcome.Problems] }, title: outcome.Title,
                detail: string.Join(" ", outcome.Problems.Take(3)))
            : Results.Problem(statusCode: outcome.Status, title: outcome.Title, detail: string.Join(" ", outcome.Problems));

    [GeneratedRegex(@"^(?:Responses|Recommendations)\[(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex Index();
}
