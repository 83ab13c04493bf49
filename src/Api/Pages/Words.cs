using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Pages;

/// <summary>The words the pages use for the domain's values.</summary>
public static class Words
{
    public static string Status(ReviewStatus status) => status switch
    {
        ReviewStatus.Opened => "Opened",
        ReviewStatus.GridReady => "Grid ready",
        ReviewStatus.AwaitingResponses => "Awaiting responses",
        ReviewStatus.Collated => "Collated",
        ReviewStatus.FinanciallyAssessed => "Financially assessed",
        ReviewStatus.Decided => "Decided",
        ReviewStatus.UnderReview => "Under review",
        ReviewStatus.Reassessing => "Re-assessing",
        _ => "Closed",
    };

    public static string Compliance(Compliance compliance) => compliance switch
    {
        Domain.Reviews.Compliance.Met => "Met",
        Domain.Reviews.Compliance.PartiallyMet => "Partially met",
        Domain.Reviews.Compliance.NotMet => "Not met",
        _ => "Not applicable",
    };

    public static string Outcome(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Implement => "Implement",
        DecisionOutcome.ImplementWithLocalVariation => "Implement with local variation",
        DecisionOutcome.DoNotImplement => "Do not implement",
        _ => "Defer",
    };

    public static string Sector(Sector sector) => sector switch
    {
        Domain.Reviews.Sector.Primary => "Primary care",
        Domain.Reviews.Sector.Secondary => "Secondary care",
        Domain.Reviews.Sector.Community => "Community services",
        Domain.Reviews.Sector.MentalHealth => "Mental health",
        Domain.Reviews.Sector.Commissioner => "Commissioner",
        Domain.Reviews.Sector.SocialCare => "Social care",
        Domain.Reviews.Sector.PublicHealth => "Public health",
        _ => "Lay representative",
    };

    public static string Discipline(Discipline discipline) => discipline switch
    {
        Domain.Reviews.Discipline.Consultant => "Consultant",
        Domain.Reviews.Discipline.GP => "GP",
        Domain.Reviews.Discipline.Nurse => "Nurse",
        Domain.Reviews.Discipline.AlliedHealthProfessional => "Allied health professional",
        Domain.Reviews.Discipline.Pharmacy => "Pharmacy",
        Domain.Reviews.Discipline.Finance => "Finance",
        Domain.Reviews.Discipline.Audit => "Clinical audit",
        Domain.Reviews.Discipline.IT => "IT",
        Domain.Reviews.Discipline.Management => "Management",
        _ => "Lay representative",
    };

    public static string Role(Workflows.Groups.GroupRole role) => Workflows.Groups.GroupRoleWords.Of(role);

    /// <summary>"Group admin and chair": a person's roles as a phrase, the first capitalised.</summary>
    public static string Roles(IEnumerable<Workflows.Groups.GroupRole> roles) => Workflows.Groups.GroupRoleWords.List(roles);

    /// <summary>"1 of 3 stakeholders has responded", "2 of 3 stakeholders have responded"; in the past, "1 of 1 stakeholder responded".</summary>
    public static string OfResponded(int responded, int invited, bool past = false) =>
        $"{responded} of {Count(invited, "stakeholder")} {(past ? "" : responded == 1 ? "has " : "have ")}responded";

    /// <summary>What to call a stakeholder with no response: awaited while the window is open, "did not respond" once it has closed.</summary>
    public static string NoResponse(ReviewView view) => view.WindowClosedAt is not null ? "Did not respond"
        : view.Status == ReviewStatus.AwaitingResponses ? "Awaiting response" : "Not yet asked";

    /// <summary>"Met 2 · Partially met 1 · … · Did not respond 1": a recommendation's compliance counts, the unassessed split truly.</summary>
    public static string ComplianceSummary(ComplianceCounts c, ReviewView view)
    {
        var (noResponse, leftOpen) = c.Unassessed(view);
        var parts = new List<string> { $"Met {c.Met}", $"Partially met {c.PartiallyMet}", $"Not met {c.NotMet}", $"Not applicable {c.NotApplicable}" };
        if (leftOpen > 0) parts.Add($"Not assessed {leftOpen}");
        if (noResponse > 0) parts.Add($"{NoResponse(view)} {noResponse}");
        return string.Join(" · ", parts);
    }

    /// <summary>"Net cost over five years £84,000. Substantial: …" — what the finance lead recorded, as a reader needs it.</summary>
    public static string FinancialImpact(FinancialImpactAssessed fi)
    {
        var net = FormValues.Pounds(fi.Total.Sum(y => y.NetCost));
        return fi.Substantial
            ? $"Net cost over five years {net}. Substantial: {string.Join(" ", fi.SubstantialBecause)}"
            : $"Net cost over five years {net}. Not substantial.";
    }

    public static string Rag(GuidanceFlow.Projections.Views.Rag rag) => rag switch
    {
        GuidanceFlow.Projections.Views.Rag.Red => "Red",
        GuidanceFlow.Projections.Views.Rag.Amber => "Amber",
        GuidanceFlow.Projections.Views.Rag.Green => "Green",
        _ => "Not assessed",
    };

    /// <summary>"23 Dec 2026, 1:05pm": a moment short enough for a table column, UK time.</summary>
    public static string Short(DateTimeOffset instant)
    {
        var uk = UkTime.ToUk(instant);
        var hour = uk.Hour % 12 == 0 ? 12 : uk.Hour % 12;
        return $"{uk.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}, {hour}:{uk:mm}{(uk.Hour < 12 ? "am" : "pm")}";
    }

    public static string Stage(ReviewStage stage) => stage switch
    {
        ReviewStage.Grid => "Grid of recommendations",
        ReviewStage.Invitations => "Invitations",
        ReviewStage.Responses => "Responses",
        ReviewStage.FinancialImpact => "Financial impact",
        ReviewStage.Decision => "Decision",
        _ => "Monitoring",
    };

    public static string GuidanceType(GuidanceType type) => type switch
    {
        Domain.Reviews.GuidanceType.NG => "NICE guideline (NG)",
        Domain.Reviews.GuidanceType.CG => "Clinical guideline (CG)",
        Domain.Reviews.GuidanceType.TA => "Technology appraisal (TA)",
        Domain.Reviews.GuidanceType.QS => "Quality standard (QS)",
        Domain.Reviews.GuidanceType.IPG => "Interventional procedures (IPG)",
        Domain.Reviews.GuidanceType.MTG => "Medical technologies (MTG)",
        Domain.Reviews.GuidanceType.DG => "Diagnostics (DG)",
        Domain.Reviews.GuidanceType.HST => "Highly specialised technologies (HST)",
        Domain.Reviews.GuidanceType.PH => "Public health (PH)",
        _ => "Social care guideline (SG)",
    };

    public static string Deadline(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ResponseWindow => "Responses due",
        DeadlineKind.FinancialImpact => "Financial impact due",
        DeadlineKind.Decision => "Decision due",
        DeadlineKind.Review => "Review date",
        _ => "Technology appraisal funding deadline",
    };

    public static string TriageStatus(Domain.Triage.TriageStatus status) => status switch
    {
        Domain.Triage.TriageStatus.Awaiting => "Awaiting triage",
        Domain.Triage.TriageStatus.Relevant => "Relevant",
        Domain.Triage.TriageStatus.NotRelevant => "Not relevant",
        Domain.Triage.TriageStatus.AlreadyCovered => "Already covered",
        _ => "Review opened",
    };

    public static string TriageOutcome(Domain.Triage.TriageOutcome outcome) => outcome switch
    {
        Domain.Triage.TriageOutcome.Relevant => "Relevant to the group",
        Domain.Triage.TriageOutcome.NotRelevant => "Not relevant to the group",
        _ => "Already covered by another review",
    };

    public static string Strength(Domain.Catalogue.RecommendationStrength? strength) =>
        strength is { } s ? Domain.Catalogue.CatalogueRecommendation.Describe(s) : "Not stated";

    /// <summary>"ResponseWindowOpened" → "Response window opened".</summary>
    public static string EventName(string type)
    {
        var spaced = System.Text.RegularExpressions.Regex.Replace(type, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
        return char.ToUpperInvariant(spaced[0]) + spaced[1..];
    }

    /// <summary>"1 recommendation", "3 recommendations".</summary>
    public static string LibraryStatus(Domain.Library.LibraryEntryStatus status) => status switch
    {
        Domain.Library.LibraryEntryStatus.Draft => "Draft",
        Domain.Library.LibraryEntryStatus.AwaitingModeration => "Waiting for an editor",
        Domain.Library.LibraryEntryStatus.ChangesRequested => "Changes asked for",
        Domain.Library.LibraryEntryStatus.Published => "Published",
        Domain.Library.LibraryEntryStatus.Rejected => "Rejected",
        _ => "Withdrawn",
    };

    public static string EntryKind(Domain.Library.LibraryEntryKind kind) =>
        kind == Domain.Library.LibraryEntryKind.CaseStudy ? "Case study" : "Good practice";

    public static string CostBand(Domain.Library.CostBand band) => band switch
    {
        Domain.Library.CostBand.Saving => "Saves money",
        Domain.Library.CostBand.NoExtraCost => "No extra cost",
        Domain.Library.CostBand.Under10k => "Under £10,000 a year per 100,000 people",
        Domain.Library.CostBand.From10kTo100k => "£10,000 to £100,000 a year per 100,000 people",
        Domain.Library.CostBand.From100kTo1m => "£100,000 to £1 million a year per 100,000 people",
        Domain.Library.CostBand.Over1m => "Over £1 million a year per 100,000 people",
        _ => "Cost not known",
    };

    public static string Region(Domain.Library.NhsRegion region) => region switch
    {
        Domain.Library.NhsRegion.NorthEastAndYorkshire => "North East and Yorkshire",
        Domain.Library.NhsRegion.NorthWest => "North West",
        Domain.Library.NhsRegion.Midlands => "Midlands",
        Domain.Library.NhsRegion.EastOfEngland => "East of England",
        Domain.Library.NhsRegion.London => "London",
        Domain.Library.NhsRegion.SouthEast => "South East",
        _ => "South West",
    };

    /// <summary>A facet's value (as search counts it) in people's words.</summary>
    public static string FacetValue(string facet, string value) => facet switch
    {
        "type" when System.Enum.TryParse<GuidanceType>(value, out var t) => GuidanceType(t),
        "sector" when System.Enum.TryParse<Sector>(value, out var s) => Sector(s),
        "region" when System.Enum.TryParse<Domain.Library.NhsRegion>(value, out var r) => Region(r),
        "outcome" when System.Enum.TryParse<DecisionOutcome>(value, out var o) => Outcome(o),
        "costBand" when System.Enum.TryParse<Domain.Library.CostBand>(value, out var c) => CostBand(c),
        "kind" when System.Enum.TryParse<Domain.Library.LibraryEntryKind>(value, out var k) => EntryKind(k),
        _ => value,
    };

    public static string Count(int n, string singular, string? plural = null) => $"{n} {(n == 1 ? singular : plural ?? singular + "s")}";

    public static string When(DateTimeOffset? instant) => instant is { } i ? UkTime.Format(i) : "Not set";
    public static string Date(DateOnly? date) => date is { } d ? d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "Not set";

    public static IEnumerable<Choice> Enum<T>(Func<T, string> words) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Select(v => new Choice(v.ToString(), words(v)));
}
