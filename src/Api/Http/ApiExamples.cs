using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Groups;

namespace GuidanceFlow.Api.Http;

/// <summary>
/// An example of each request body in the OpenAPI document: typed, so it always has the body's shape, and written
/// with the API's own JSON options. The lint checks each against its schema; the contract test sends each.
/// </summary>
public static class ApiExamples
{
    private static readonly DateTimeOffset Deadline = new(2027, 3, 31, 17, 0, 0, TimeSpan.Zero);

    private static readonly RecommendationResponse Answer = new("1.1.1", Compliance.PartiallyMet,
        CurrentPractice: "Offered in the acute trust's clinic; not yet in primary care.",
        Barriers: "No community clinic time.", ActionsNeeded: "Agree a shared-care protocol.", Lead: "Dr Sunil Mehta",
        TargetDate: new DateOnly(2027, 9, 30), EstimatedOneOffCost: 12000m, EstimatedRecurrentCost: 3500m);

    private static readonly ActionItem Action = new("Agree the shared-care protocol", "Medicines management lead", new DateOnly(2027, 6, 30));

    private static readonly GuidanceFlow.Domain.Library.LibraryContent GoodPractice = new(
        "Inhaler technique checks at every COPD review",
        "Practice nurses in one primary care network check inhaler technique at each review.",
        [new("The problem", "Many patients used their inhalers wrongly and nobody checked."),
         new("What was done", "Nurses watch the patient use the inhaler and correct it, with a placebo device."),
         new("Results", "Two in three patients improved their technique within a year.")],
        ["NG115"], [Sector.Primary], GuidanceFlow.Domain.Library.NhsRegion.Midlands, GuidanceFlow.Domain.Library.CostBand.Under10k,
        Organisation: "Northshire Primary Care Network", ServiceArea: "Respiratory", Contact: "Respiratory lead nurse, Northshire PCN",
        Links: ["https://example.nhs.uk/inhaler-checks"]);

    private static readonly Dictionary<string, object> ByName = new()
    {
        [nameof(OpenReviewRequest)] = new OpenReviewRequest("NG999", GuidanceType.NG, "Falls in older people: assessment and prevention",
            new DateOnly(2026, 11, 2), "Northshire NICE implementation group"),
        [nameof(CreateGridRequest)] = new CreateGridRequest([
            new Recommendation("1.1.1", "Ask every older person seen in primary care about falls in the past year.", ["Primary"],
                RecommendationStrength.StrongFor, "2026"),
            new Recommendation("1.2.1", "Offer a multifactorial falls assessment after a fall needing treatment.", ["Secondary", "Community"]),
        ], Version: 1),
        [nameof(InviteStakeholdersRequest)] = new InviteStakeholdersRequest([
            new Stakeholder("sunil.mehta", "Dr Sunil Mehta", "sunil.mehta@example.nhs.uk", "Northshire Hospitals NHS Trust",
                Sector.Secondary, Discipline.Consultant, "RX1"),
        ], Version: 2),
        [nameof(OpenResponseWindowRequest)] = new OpenResponseWindowRequest(Deadline, Version: 3),
        [nameof(OpenReassessmentRequest)] = new OpenReassessmentRequest(Deadline, DateOnly.FromDateTime(Deadline.UtcDateTime).AddYears(1), Version: 42),
        [nameof(SubmitResponseRequest)] = new SubmitResponseRequest([Answer], Version: 4),
        [nameof(DraftRequest)] = new DraftRequest([Answer with { Lead = null }]),
        [nameof(DelegateRequest)] = new DelegateRequest("tom.hadley", "Tom Hadley"),
        [nameof(AssessFinancialImpactRequest)] = new AssessFinancialImpactRequest(312_000, [
            new CostLine("Northshire Hospitals NHS Trust", Sector.Secondary,
                [new YearFigures(1, OneOffCost: 12000m, RecurrentCost: 3500m), new YearFigures(2, RecurrentCost: 3500m)], "1.2.1",
                "Falls clinic sessions"),
        ], Version: 6),
        [nameof(FinancialImpactNotNeededRequest)] = new FinancialImpactNotNeededRequest(
            "Every recommendation is met today: no new cost.", Version: 6),
        [nameof(RecordDecisionRequest)] = new RecordDecisionRequest(DecisionOutcome.ImplementWithLocalVariation,
            "Implement in secondary care now; primary care once the shared-care protocol is agreed.",
            Risk: "Waiting times for the falls clinic may grow.", Actions: [Action], ReviewDate: new DateOnly(2028, 1, 31), Version: 7),
        [nameof(AmendDecisionRequest)] = new AmendDecisionRequest(DecisionOutcome.Implement,
            "The protocol is agreed: implement in both sectors.", "The shared-care protocol was signed off in March.",
            Actions: [Action], ReviewDate: new DateOnly(2028, 1, 31), Version: 8),
        [nameof(ExtendDeadlineRequest)] = new ExtendDeadlineRequest(DeadlineKind.ResponseWindow, Deadline.AddDays(14),
            "Two trusts asked for more time over the holiday period.", Version: 5),
        [nameof(DecisionMeetingRequest)] = new DecisionMeetingRequest(new DateTimeOffset(2027, 5, 12, 14, 0, 0, TimeSpan.Zero), Version: 7),
        [nameof(CloseReviewRequest)] = new CloseReviewRequest("NICE withdrew the guidance before the group decided.", Version: 5),
        [nameof(SetFundingPeriodRequest)] = new SetFundingPeriodRequest(30, "NICE allowed 30 days: an urgent appraisal.", Version: 1),
        [nameof(VersionOnlyRequest)] = new VersionOnlyRequest(5),
        [nameof(GuidanceFlow.Domain.Library.LibraryContent)] = GoodPractice,
        [nameof(ReviseEntryRequest)] = new ReviseEntryRequest(GoodPractice with { Summary = "Practice nurses now check inhaler technique at every COPD review." },
            "Added what the nurses check."),
        [nameof(ModerationRequest)] = new ModerationRequest(GuidanceFlow.Domain.Library.ModerationOutcome.RequestChanges,
            "Say how many patients the clinics saw."),
        [nameof(CaseStudyUpdateRequest)] = new CaseStudyUpdateRequest("The shared clinic opened in March; waits fell from nine weeks to two."),
        [nameof(WithdrawalReasonRequest)] = new WithdrawalReasonRequest("The service was redesigned; this no longer describes it."),
        [nameof(DraftCaseStudyRequest)] = new DraftCaseStudyRequest(IncludeNames: false),
        [nameof(FollowRequest)] = new FollowRequest(GuidanceFlow.Domain.Library.FollowKind.Topic, "falls prevention"),
        [nameof(DigestRequest)] = new DigestRequest(On: false),
        [nameof(GroupMemberRequest)] = new GroupMemberRequest("Mark Fenwick", [GroupRole.FinanceLead]),
        [nameof(GroupSettings)] = new GroupSettings(ReminderDaysBefore: [7, 1], FinancialImpactDueDays: 28, ReviewAfterMonths: 12,
            TriageDueDays: 30, StakeholdersSeeAnswersEarly: false, ShareInBenchmarks: true, NamedInBenchmarks: false),
        [nameof(WithdrawalRequest)] = new WithdrawalRequest(new DateOnly(2026, 12, 1), "NG1001"),
        [nameof(ProductByHandRequest)] = new ProductByHandRequest("NG998", "Hip fracture: care after surgery", new DateOnly(2026, 10, 5),
            [new ProductByHandRecommendation("1.1.1", "Offer early mobilisation the day after surgery. [2026]")]),
        [nameof(TriageRequest)] = new TriageRequest(TriageOutcome.Relevant, Services: ["Orthogeriatrics", "Community falls service"],
            Organisations: ["Northshire Hospitals NHS Trust"], ClinicalLead: "Dr Sunil Mehta", ManagerialLead: "Lucy Hart"),
        [nameof(CreateWebhookRequest)] = new CreateWebhookRequest("https://risk.example.nhs.uk/guidanceflow/events"),
        [nameof(TriageDeadlineRequest)] = new TriageDeadlineRequest(Deadline, "The clinical lead is away until April."),
        [nameof(NamedCode)] = new NamedCode("North East and Yorkshire"),
        [nameof(AreaRequest)] = new AreaRequest("Riverside and Northshire ICB", "Y63"),
        [nameof(PlacementRequest)] = new PlacementRequest("QAA", ["LIN-N"]),
        [nameof(StartProjectRequest)] = new StartProjectRequest("Falls on the frailty wards",
            new GuidanceFlow.Domain.Improvement.Aim("Fewer inpatient falls on wards 7 and 8", "from 8 to 4 per 1,000 bed days", new DateOnly(2027, 12, 31)),
            Team: [new GuidanceFlow.Domain.Improvement.ProjectMember("mark.fenwick", "Mark Fenwick")]),
        [nameof(ProjectAimRequest)] = new ProjectAimRequest("Falls on the frailty wards",
            new GuidanceFlow.Domain.Improvement.Aim("Fewer inpatient falls on wards 7 and 8", "by half", new DateOnly(2027, 12, 31))),
        [nameof(ProjectMemberRequest)] = new ProjectMemberRequest("Mark Fenwick"),
        [nameof(GuidanceFlow.Domain.Improvement.MeasureDefinition)] = new GuidanceFlow.Domain.Improvement.MeasureDefinition("Falls per 1,000 bed days",
            "Falls reported on the incident system for wards 7 and 8, divided by occupied bed days, per calendar month", "falls per 1,000 bed days",
            GuidanceFlow.Domain.Direction.LowerIsBetter, Baseline: 8m, Target: 4m),
        [nameof(MeasurementsRequest)] = new MeasurementsRequest([new GuidanceFlow.Domain.Improvement.Measurement(new DateOnly(2026, 10, 1), 7.6m),
            new GuidanceFlow.Domain.Improvement.Measurement(new DateOnly(2026, 11, 1), 6.9m, "Ward 8 closed for a week")]),
        [nameof(ReasonRequest)] = new ReasonRequest("The falls huddle started on both wards this month."),
        [nameof(GuidanceFlow.Domain.Improvement.PdsaNotes)] = new GuidanceFlow.Domain.Improvement.PdsaNotes("Falls huddle at handover",
            "A two-minute huddle at each handover on ward 7 for two weeks; we predict fewer falls at night.", "Ran on 12 of 14 days.",
            "Night falls 3, against 6 in a usual fortnight.", "Adopt, and try it on ward 8.", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 15)),
        [nameof(ActionProgressRequest)] = new ActionProgressRequest(Domain.Reviews.ActionStatus.InProgress, null,
            "The spirometry hub has a room; recruiting two sessions of nurse time.", ["https://example.nhs.uk/minutes/2026-11"]),
        [nameof(ShareProjectRequest)] = new ShareProjectRequest(Domain.Library.NhsRegion.NorthWest, Domain.Library.CostBand.NoExtraCost, [Domain.Reviews.Sector.Secondary]),
        [nameof(ProjectSummaryRequest)] = new ProjectSummaryRequest("Falls on the two wards halved in six months after the handover huddle; the rate has held for three months."),
    };

    /// <summary>A body with no schema of its own, by operationId: NICE's structured document (our own fictional product).</summary>
    public static System.Text.Json.Nodes.JsonNode? ForOperation(string? operationId) => operationId switch
    {
        "postCatalogueDocuments" => System.Text.Json.Nodes.JsonNode.Parse("""
            {
              "GuidanceNumber": "NG997",
              "GuidanceType": "NICE guideline",
              "Title": "Mouth care in hospital wards",
              "Issued": "/Date(1767225600000+0000)/",
              "LastModified": "/Date(1767225600000+0000)/",
              "Chapters": [
                {
                  "Id": "recommendations",
                  "Title": "1 Recommendations",
                  "Sections": [
                    {
                      "Title": "Daily mouth care",
                      "Content": "<div class=\"recommendation_text\" id=\"ng997_1_1_1\"><p class=\"numbered-paragraph\"><span class=\"paragraph-number\">1.1.1</span> Check each inpatient's mouth on admission and record what help they need with brushing. [2026]</p></div>"
                    }
                  ]
                }
              ]
            }
            """),
        _ => null,
    };

    /// <summary>The example for the body schema of that name, if there is one.</summary>
    public static object? For(string schemaName) => ByName.GetValueOrDefault(schemaName);

    public static IEnumerable<string> Names => ByName.Keys;
}
