using GuidanceFlow.Workflows.People;

namespace GuidanceFlow.Workflows.Reviews;

/// <summary>
/// An action owned by a GuidanceFlow user (the owner given as their user id) is reminded at the email their sign-in gave, when
/// the decision does not give one: looked up as the decision is recorded, so the action carries it from then on.
/// </summary>
public static class ActionOwners
{
    public static async Task<IReadOnlyList<ActionItem>> WithEmailsAsync(IReadOnlyList<ActionItem>? actions, IQuerySession session, CancellationToken ct)
    {
        if (actions is null) return [];
        var ids = actions.Where(a => a is { OwnerEmail: null } && a.Owner is { Length: > 0 and <= 64 } o && !o.Contains(' '))
            .Select(a => a.Owner.Trim()).Distinct().ToArray();
        if (ids.Length == 0) return actions;
        var people = (await session.LoadManyAsync<Person>(ct, ids)).Where(p => !string.IsNullOrWhiteSpace(p.Email)).ToDictionary(p => p.Id);
        return actions.Select(a => a is { OwnerEmail: null } && people.TryGetValue(a.Owner?.Trim() ?? "", out var person)
            ? a with { OwnerEmail = person.Email } : a).ToList();
    }
}
