namespace GuidanceFlow.Workflows.People;

/// <summary>
/// Someone who has signed in to GuidanceFlow, as their sign-in (NHS CIS2, Entra ID) last described
/// them. Recorded on their first request, so a colleague can be found by id and by organisation.
/// </summary>
public sealed record Person(
    string Id,
    string Name,
    string? Email,
    string Organisation,
    string? OrganisationCode,
    DateTimeOffset LastSeenAt)
{
    public Colleague AsColleague() => new(Id, Name, Organisation, OrganisationCode, Email);
}

/// <summary>The people a stakeholder may hand their response to, and who they are.</summary>
public interface IPeopleDirectory
{
    /// <summary>The user with this id , or null.</summary>
    Task<Colleague?> FindAsync(string userId, CancellationToken ct);

    /// <summary>Everyone of the stakeholder's organisation, by code where it has one, else by name.</summary>
    Task<IReadOnlyList<Colleague>> ColleaguesOfAsync(Stakeholder stakeholder, CancellationToken ct);
}
