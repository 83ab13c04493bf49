using System.Text.RegularExpressions;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>One recommendation's answer as typed: text until it is read.</summary>
public sealed class AnswerForm
{
    public string Number { get; set; } = "";
    public string? Compliance { get; set; }
    public string? CurrentPractice { get; set; }
    public string? Barriers { get; set; }
    public string? ActionsNeeded { get; set; }
    public string? Lead { get; set; }
    public DateParts TargetDate { get; set; } = new();
    public string? EstimatedOneOffCost { get; set; }
    public string? EstimatedRecurrentCost { get; set; }

    public bool HasDetail => !string.IsNullOrWhiteSpace(CurrentPractice) || !string.IsNullOrWhiteSpace(Barriers)
        || !string.IsNullOrWhiteSpace(ActionsNeeded) || !string.IsNullOrWhiteSpace(Lead) || !TargetDate.IsEmpty
        || !string.IsNullOrWhiteSpace(EstimatedOneOffCost) || !string.IsNullOrWhiteSpace(EstimatedRecurrentCost);

    public static AnswerForm From(string number, RecommendationResponse? r) => new()
    {
        Number = number, Compliance = r?.Compliance.ToString(), CurrentPractice = r?.CurrentPractice, Barriers = r?.Barriers,
        ActionsNeeded = r?.ActionsNeeded, Lead = r?.Lead, TargetDate = DateParts.From(r?.TargetDate),
        EstimatedOneOffCost = FormValues.Number(r?.EstimatedOneOffCost), EstimatedRecurrentCost = FormValues.Number(r?.EstimatedRecurrentCost),
    };
}

/// <summary>
/// A stakeholder responds per recommendation: a draft (private, a document) or a submission (an
/// event), amended by submitting again until the deadline. A delegate responds with ?for=.
/// </summary>
[GuidanceFlow.Api.Http.LargeUpload(GuidanceFlow.Api.Spreadsheets.BaselineUpload.MaxBytes)]
public sealed partial class RespondModel : ReviewPage
{
    public static readonly IReadOnlyList<Choice> ComplianceChoices =
    [
        new(nameof(Compliance.Met), "Met", "Current practice fully meets it"),
        new(nameof(Compliance.PartiallyMet), "Partially met"),
        new(nameof(Compliance.NotMet), "Not met"),
        new(nameof(Compliance.NotApplicable), "Not applicable", "It does not apply to your service"),
    ];

    [BindProperty(SupportsGet = true)] public string? For { get; set; }
    [BindProperty] public List<AnswerForm> Answers { get; set; } = [];
    [BindProperty] public string? Intent { get; set; }

    public Stakeholder Stakeholder { get; private set; } = null!;
    public bool ForSomeoneElse => Stakeholder.StakeholderId != UserId;
    public bool WindowOpen => Review.Progress.WindowOpenAt(Now);
    public DateTimeOffset? Submitted { get; private set; }
    public DateTimeOffset? DraftSavedAt { get; private set; }

    public string TextOf(string number) => Review.Recommendations.FirstOrDefault(r => r.Number == number)?.Text ?? "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        var draft = await Query.LoadAsync<ResponseDraft>(ResponseDraft.IdFor(Id, Stakeholder.StakeholderId), Ct);
        DraftSavedAt = draft?.SavedAt;
        var submitted = Review.Responses.Where(x => x.StakeholderId == Stakeholder.StakeholderId).ToList();
        Answers = Review.Recommendations.Select(rec => AnswerForm.From(rec.Number,
            draft?.Responses.FirstOrDefault(x => x.RecommendationNumber == rec.Number)
            ?? submitted.FirstOrDefault(x => x.Response.RecommendationNumber == rec.Number)?.Response)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        // The numbers come from the grid, never trusted from the form's hidden fields alone.
        var grid = Review.Recommendations.Select(r => r.Number).ToList();
        Answers = grid.Select(n => Answers.FirstOrDefault(a => a.Number == n) ?? new AnswerForm { Number = n }).ToList();

        var responses = new List<RecommendationResponse>();
        var formIndex = new List<int>();
        for (var i = 0; i < Answers.Count; i++)
        {
            var a = Answers[i];
            var p = $"answers[{i}]";
            var targetDate = a.TargetDate.Read($"{p}.targetDate", "the target date", Errors, required: false);
            var oneOff = FormValues.Money(a.EstimatedOneOffCost, $"{p}.estimatedOneOffCost", Errors);
            var recurrent = FormValues.Money(a.EstimatedRecurrentCost, $"{p}.estimatedRecurrentCost", Errors);
            if (!Enum.TryParse<Compliance>(a.Compliance, out var compliance))
            {
                if (a.HasDetail) Errors.Add($"{p}.compliance", $"Select how far current practice meets recommendation {a.Number}, or clear what you entered for it");
                continue;
            }
            var response = new RecommendationResponse(a.Number, compliance, Blank(a.CurrentPractice), Blank(a.Barriers), Blank(a.ActionsNeeded),
                Blank(a.Lead), targetDate, oneOff, recurrent);
            // The rule's own words, shown at the date field (a draft may keep it; submitting may not).
            if (Intent != "draft" && SubmitResponse.TargetDateProblem(response, Now) is { } problem) Errors.Add($"{p}.targetDate", problem);
            responses.Add(response);
            formIndex.Add(i);
        }
        if (responses.Count == 0 && !Errors.Any)
            Errors.Add("answers[0].compliance", "Answer at least one recommendation");

        // The validator numbers the answers sent; the form numbers every recommendation.
        string Field(string path)
        {
            var match = ResponsePath().Match(path);
            return match.Success ? $"answers[{formIndex[int.Parse(match.Groups[1].Value)]}].{match.Groups[2].Value}" : "answers[0].compliance";
        }

        var actor = User.ToActor(ForSomeoneElse ? "Delegate" : Roles.Stakeholder);
        if (Intent == "draft")
        {
            if (Errors.Any) return await Again();
            if (!await SendAsync(new SaveResponseDraft(Id, Stakeholder.StakeholderId, responses, actor), Field)) return await Again();
            return Done("Your draft has been saved. It is not part of the response until you submit it.", Request.Path + Request.QueryString);
        }
        if (Errors.Any) return await Again();
        if (!await SendAsync(new SubmitResponse(Id, Stakeholder.StakeholderId, responses, Version, actor), Field)) return await Again();
        return Done($"Your response to {Words.Count(responses.Count, "recommendation")} has been submitted.",
            $"{ReviewUrl}/respond/receipt{(ForSomeoneElse ? "?for=" + Uri.EscapeDataString(Stakeholder.StakeholderId) : "")}");
    }

    /// <summary>Every problem of a refused sheet, by row and recommendation; the summary links to the file input.</summary>
    public IReadOnlyList<string> SheetProblems { get; private set; } = [];

    /// <summary>The stakeholder's baseline assessment workbook, pre-filled with their answers or draft.</summary>
    public async Task<IActionResult> OnGetSheetAsync([FromServices] Microsoft.Extensions.Options.IOptions<Workflows.Notifications.MailSettings> mail)
    {
        if (await LoadAsync() is { } denied) return denied;
        var sheet = await Spreadsheets.BaselineSheets.ForAsync(Review, Stakeholder, Query, Now, mail.Value.PublicUrl, Ct);
        return File(Spreadsheets.BaselineWorkbook.Write(sheet), Spreadsheets.BaselineWorkbook.ContentType,
            Spreadsheets.BaselineSheets.FileName(Review, Stakeholder));
    }

    /// <summary>The filled workbook, submitted or saved as a draft, through the same path as the API's upload.</summary>
    public async Task<IActionResult> OnPostSheetAsync(IFormFile? sheet)
    {
        if (await LoadAsync() is { } denied) return denied;
        Answers = Review.Recommendations.Select(r => AnswerForm.From(r.Number, null)).ToList();
        if (sheet is null || sheet.Length == 0)
        {
            Errors.Add("sheet", "Choose your filled baseline assessment sheet (.xlsx)");
            return await Again();
        }
        if (sheet.Length > Spreadsheets.BaselineUpload.MaxBytes)
        {
            Errors.Add("sheet", "The file must be smaller than 5 MB");
            return await Again();
        }
        using var memory = new MemoryStream();
        await sheet.CopyToAsync(memory, Ct);
        var draft = Intent == "draft";
        Spreadsheets.BaselineImport.Outcome outcome;
        try
        {
            outcome = await Spreadsheets.BaselineImport.ApplyAsync(Review, memory.ToArray(), Stakeholder.StakeholderId, draft, User,
                HttpContext.RequestServices.GetRequiredService<Wolverine.IMessageBus>(), Ct);
        }
        catch (ReviewCommandRejected e)
        {
            Errors.Add("sheet", e.Message);
            return await Again();
        }
        if (outcome.Problems.Count > 0)
        {
            SheetProblems = outcome.Problems;
            Errors.Add("sheet", outcome.Problems.Count == 1 ? outcome.Problems[0] : $"The sheet has {outcome.Problems.Count} problems, listed below; nothing was saved");
            return await Again();
        }
        return draft
            ? Done($"Your draft of {Words.Count(outcome.Answers, "answer")} from the sheet has been saved. It is not part of the response until you submit it.",
                Request.Path + QueryString.Create("for", Stakeholder.StakeholderId))
            : Done($"Your response to {Words.Count(outcome.Answers, "recommendation")} from the sheet has been submitted.", ReviewUrl);
    }

    private async Task<IActionResult> Again()
    {
        DraftSavedAt = (await Query.LoadAsync<ResponseDraft>(ResponseDraft.IdFor(Id, Stakeholder.StakeholderId), Ct))?.SavedAt;
        return Page();
    }

    /// <summary>Whose response this is: the user's own, or a colleague's who delegated it to them.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var (denied, stakeholder) = await LoadRespondentAsync(For);
        if (denied is not null) return denied;
        Stakeholder = stakeholder!;
        var whose = Stakeholder.StakeholderId;
        Submitted = Review.Responses.Where(x => x.StakeholderId == whose).Select(x => (DateTimeOffset?)x.SubmittedAt).Max();
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^responses\[(\d+)\]\.(.+)$")]
    private static partial Regex ResponsePath();
}
