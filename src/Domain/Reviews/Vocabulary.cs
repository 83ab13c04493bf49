namespace GuidanceFlow.Domain.Reviews;

/// <summary>NICE guidance programmes, by the prefix of their ids (NG115, TA123, …).</summary>
public enum GuidanceType { NG, CG, TA, QS, IPG, MTG, DG, HST, PH, SG }

public enum Sector { Primary, Secondary, Community, MentalHealth, Commissioner, SocialCare, PublicHealth, Lay }

public enum Discipline
{
    Consultant, GP, Nurse, AlliedHealthProfessional, Pharmacy, Finance, Audit, IT, Management, LayRepresentative
}

/// <summary>How far current practice meets one recommendation. "Not yet assessed" is the absence of a response.</summary>
public enum Compliance { Met, PartiallyMet, NotMet, NotApplicable }

public enum DecisionOutcome { Implement, ImplementWithLocalVariation, DoNotImplement, Defer }

/// <summary>Where a review stands; the order is the order of the workflow.</summary>
public enum ReviewStatus
{
    Opened, GridReady, AwaitingResponses, Collated, FinanciallyAssessed, Decided, UnderReview,
    /// <summary>A re-assessment round is open: stakeholders answer compliance again by its deadline; then Decided again.</summary>
    Reassessing,
    Closed
}

public enum WindowClosure { ByChair, AtDeadline }

/// <summary>The deadlines a review can have.</summary>
public enum DeadlineKind
{
    /// <summary>Stakeholders respond by it; reminders before, closing at it.</summary>
    ResponseWindow,
    /// <summary>The financial impact is due after the window closes.</summary>
    FinancialImpact,
    /// <summary>The decision is due at the group's meeting.</summary>
    Decision,
    /// <summary>Monitoring reopens at the review date after a decision.</summary>
    Review,
    /// <summary>Technology appraisals: commissioners must fund within 90 days of publication.</summary>
    TechnologyAppraisalFunding,
    /// <summary>An agreed action is due: its owner reminded before, the chair alerted after.</summary>
    Action,
}

/// <summary>Who acted: taken from the signed-in user, never from a request body.</summary>
public sealed record Actor(string UserId, string Name, string Organisation, string Role, string? Email = null)
{
    /// <summary>GuidanceFlow itself, acting when a deadline arrives.</summary>
    public static readonly Actor Scheduler = new("guidanceflow", "GuidanceFlow scheduler", "GuidanceFlow", "Scheduler");
}

/// <summary>
/// A user of GuidanceFlow as the directory of people who have signed in knows them: who a
/// stakeholder may hand their response to. Never taken from a request body.
/// </summary>
public sealed record Colleague(string UserId, string Name, string Organisation, string? OrganisationCode = null, string? Email = null)
{
    /// <summary>
    /// The same organisation as an invited stakeholder: by ODS code where both have one (names are
    /// spelled differently), otherwise by name.
    /// </summary>
    public bool WorksFor(Stakeholder stakeholder) =>
        !string.IsNullOrWhiteSpace(OrganisationCode) && !string.IsNullOrWhiteSpace(stakeholder.OrganisationCode)
            ? string.Equals(OrganisationCode.Trim(), stakeholder.OrganisationCode.Trim(), StringComparison.OrdinalIgnoreCase)
            : string.Equals(Organisation.Trim(), stakeholder.Organisation.Trim(), StringComparison.OrdinalIgnoreCase);
}
