using System.Text;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections;
using JasperFx.Events;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Pages.Reviews;

public sealed record TimelineEntry(long Version, DateTimeOffset At, string Title, IReadOnlyList<string> Details,
    string? Who, string? Organisation, string? Role);

/// <summary>A review's every event in words: who, when, what. nhsuk-frontend has no timeline; this is built from its list and type styles.</summary>
public sealed class TimelineModel(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, Npgsql.NpgsqlDataSource database) : ReviewPage
{
    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];

    /// <summary>For those who audit (chair, commissioners): the record's hash chain checked, as GET …/verify does.</summary>
    public Workflows.Audit.ChainVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        var events = await Query.Events.FetchStreamAsync(Id, token: Ct);
        var names = Review.Stakeholders.ToDictionary(s => s.StakeholderId, s => s.Name);
        IReadOnlyList<Recommendation> grid = [];
        Entries = events.Select(e =>
        {
            var actor = ActorHeaders.Of(e);
            // A later grid is told as what it changed in the one before it.
            var (title, details) = e.Data is RecommendationGridCreated g && grid.Count > 0
                ? GridChanged(grid, g.Recommendations)
                : Describe(e.Data, id => names.GetValueOrDefault(id, id));
            // The same rule as the shared view: until it is shared, a stakeholder reads that others responded, not what.
            if (e.Data is StakeholderResponseSubmitted s && Review.AnswersWithheld && !Review.Responses.Any(r => r.StakeholderId == s.StakeholderId))
                details = ["What they answered is shared with stakeholders once the collated response is shared."];
            if (e.Data is RecommendationGridCreated created) grid = created.Recommendations;
            if (e.Data is GuidanceUpdateApplied applied) grid = applied.Recommendations;
            return new TimelineEntry(e.Version, e.Timestamp, title, details, actor.Name ?? actor.UserId, actor.Organisation, actor.Role);
        }).ToList();
        if (IsChair || IsCommissioner) Verification = await Workflows.Audit.AuditChain.VerifyAsync(database, "guidanceflow", Id, Ct);
        return Page();
    }

    /// <summary>The same export as GET /api/reviews/{id}/history.csv, for a signed-in browser.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await LoadAsync(Need.EveryAnswer) is { } denied) return denied;
        var events = await Query.Events.FetchStreamAsync(Id, token: Ct);
        return File(Encoding.UTF8.GetBytes(ReviewHistory.Csv(events, json.Value.SerializerOptions)), "text/csv; charset=utf-8",
            $"{Review.GuidanceId}-{Id:N}-history.csv");
    }

    private static (string, IReadOnlyList<string>) Describe(object data, Func<string, string> name) => data switch
    {
        GuidanceReviewOpened e => ($"Review of {e.GuidanceId} opened", [$"Published by NICE {Words.Date(e.PublishedOn)}", $"Group: {e.Group}"]),
        RecommendationGridCreated e => ($"Grid of {Words.Count(e.Recommendations.Count, "recommendation")} set",
            e.Recommendations.Select(r => $"{r.Number}: {Short(r.Text)}").ToList()),
        StakeholdersInvited e => ($"{Words.Count(e.Stakeholders.Count, "stakeholder")} invited",
            e.Stakeholders.Select(s => $"{s.Name}, {s.Organisation} ({Words.Sector(s.Sector)})").ToList()),
        ResponseWindowOpened e => ("Response window opened", [$"Responses due {UkTime.Format(e.Deadline)}"]),
        StakeholderResponseSubmitted e => ($"{(e.Revision > 1 ? "Response amended" : "Response submitted")} by {name(e.StakeholderId)}",
            e.Responses.Select(r => $"{r.RecommendationNumber}: {Words.Compliance(r.Compliance)}").ToList()),
        ResponseWindowClosed e => (e.ClosedBy == WindowClosure.AtDeadline ? "Response window closed at the deadline" : "Response window closed by the chair",
            e.NonResponders.Count == 0 ? ["Everyone invited responded"] : [$"Did not respond: {string.Join(", ", e.NonResponders.Select(name))}"]),
        CollatedResponseDistributed e => ("Collated response shared", [$"Sent to {Words.Count(e.Recipients.Count, "person", "people")}"]),
        FinancialImpactAssessed e => ("Financial impact recorded",
            [$"Net cost over five years: {FormValues.Pounds(e.Total.Sum(y => y.NetCost))}", e.Substantial ? "Substantial impact" : "Not a substantial impact",
             $"{Words.Count(e.Lines.Count, "cost line")}, population {e.LocalPopulation:N0}"]),
        FinancialImpactMarkedNotNeeded e => ("No financial assessment needed", [e.Reason]),
        DecisionRecorded e => ($"Decision recorded: {Words.Outcome(e.Outcome)}",
            new[] { $"Rationale: {e.Rationale}" }.Concat(e.Risk is null ? [] : [$"Risk accepted: {e.Risk}"])
                .Concat(e.Actions.Select(a => $"Action: {a.Description} ({a.Owner}, by {Words.Date(a.Due)})"))
                .Append($"Review date: {Words.Date(e.ReviewDate)}").ToList()),
        DecisionAmended e => ($"Decision amended: {Words.Outcome(e.Outcome)}",
            new[] { $"Why: {e.Reason}", $"Rationale: {e.Rationale}" }.Concat(e.Risk is null ? [] : [$"Risk accepted: {e.Risk}"])
                .Concat(e.Actions.Select(a => $"Action: {a.Description} ({a.Owner}, by {Words.Date(a.Due)})"))
                .Append($"Review date: {Words.Date(e.ReviewDate)}").ToList()),
        NonRespondersReminded e => ($"The chair reminded {Words.Count(e.Recipients.Count, "stakeholder")} who had not responded", [$"To: {string.Join(", ", e.Recipients.Select(name))}"]),
        ReviewClosed e => ("Review closed", [e.Reason]),
        DecisionMeetingScheduled e => ("Decision meeting set", [UkTime.Format(e.MeetingAt)]),
        DeadlineExtended e => ($"{Words.Deadline(e.Deadline)}: deadline extended", [$"From {UkTime.Format(e.PreviousDue)} to {UkTime.Format(e.NewDue)}", e.Reason]),
        ResponseReminderSent e => ($"Reminder sent, {Words.Count(e.DaysBefore, "day")} before the deadline", [$"To: {string.Join(", ", e.Recipients.Select(name))}"]),
        DeadlineEscalated e => ($"{Words.Deadline(e.Deadline)}: deadline passed, escalated to the chair", [$"Was due {UkTime.Format(e.DueAt)}"]),
        ReviewDue e => ("Review date reached", [$"Review date {Words.Date(e.ReviewDate)}"]),
        FundingDeadlineAlert e => ($"Technology appraisal funding: day {e.Day} of {e.Period}", [$"Funding due by {UkTime.Format(e.FundingDeadline)}"]),
        FundingPeriodSet e => ($"Funding period set to {e.Days} days", [e.Reason]),
        GuidanceUpdateApplied e => ("NICE's update applied to the grid", e.Changes.Select(GuidanceFlow.Domain.Catalogue.RecommendationChanges.Describe).ToList()),
        ReassessmentNeeded e => ("Decision to be re-assessed against NICE's update", [e.Summary]),
        ReassessmentOpened e => ($"Re-assessment round {e.Round} opened", [$"Answers due {UkTime.Format(e.Deadline)}", $"Next review date {Words.Date(e.NextReviewDate)}"]),
        ReassessmentClosed e => (e.ClosedBy == WindowClosure.AtDeadline ? $"Re-assessment round {e.Round} closed at the deadline" : $"Re-assessment round {e.Round} closed by the chair",
            e.NonResponders.Count == 0 ? ["Everyone invited answered again"] : [$"Did not answer again (last answers stand): {string.Join(", ", e.NonResponders.Select(name))}"]),
        ResponseDelegated e => ($"{name(e.StakeholderId)} delegated their response", [$"To {e.DelegateName}"]),
        ResponseDelegationWithdrawn e => ($"{name(e.StakeholderId)} withdrew their delegation", []),
        _ => (Words.EventName(data.GetType().Name), []),
    };

    private static (string, IReadOnlyList<string>) GridChanged(IReadOnlyList<Recommendation> before, IReadOnlyList<Recommendation> after)
    {
        var changes = GridChanges.Between(before, after);
        if (changes.Count == 0) return ("Grid saved unchanged", []);
        var text = after.Concat(before).GroupBy(r => r.Number).ToDictionary(g => g.Key, g => g.First().Text);
        return ($"Grid changed: {string.Join(", ", changes.Select(GridChanges.Describe))}",
            changes.Select(c => $"{GridChanges.Describe(c)}: {Short(text[c.Number])}").ToList());
    }

    private static string Short(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
