namespace GuidanceFlow.Domain.Reviews;

/// <summary>Who may respond for an invited stakeholder: the rule for submitting, drafting and the response pages.</summary>
public static class Respondents
{
    /// <summary>
    /// The stakeholder themselves, or the colleague they delegated to — who must be of the same
    /// organisation as the stakeholder when they come to respond.
    /// </summary>
    public static bool MayRespondFor(string stakeholderId, Actor actor, Stakeholder? stakeholder, string? delegateUserId) =>
        actor.UserId == stakeholderId
        || (delegateUserId is not null && delegateUserId == actor.UserId && stakeholder?.Organisation == actor.Organisation);
}
