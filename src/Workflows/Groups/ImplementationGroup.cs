using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GuidanceFlow.Workflows.Groups;

/// <summary>What a member may do in one implementation group. Stakeholders are not members: a review invites them.</summary>
public enum GroupRole { GroupAdmin, Chair, FinanceLead, Commissioner, TriageLead }

/// <summary>Who may do what in a group, beyond a review: the one home of these rules for the API, the pages and the handlers.</summary>
public static class GroupRules
{
    /// <summary>The group's triage leads and chairs triage new guidance.</summary>
    public static bool MayTriage(IReadOnlyCollection<GroupRole> roles) => roles.Contains(GroupRole.TriageLead) || roles.Contains(GroupRole.Chair);

    public const string TriageOnly = "Only the group's triage leads and chairs can triage guidance.";

    /// <summary>Chairs move triage deadlines: the people chased by a deadline do not move it themselves.</summary>
    public static bool MayMoveTriageDeadlines(IReadOnlyCollection<GroupRole> roles) => roles.Contains(GroupRole.Chair);

    public const string TriageDeadlinesChairOnly = "Only the group's chairs can move a triage deadline.";

    /// <summary>The group's admins decide where its events are sent (webhooks), and see how their delivery goes.</summary>
    public static bool MayManageWebhooks(IReadOnlyCollection<GroupRole> roles) => roles.Contains(GroupRole.GroupAdmin);

    public const string WebhooksAdminOnly = "Only the group's admins can manage where its events are sent.";

    /// <summary>Chairs open the group's reviews, whether typed in or from triage.</summary>
    public static bool MayOpenReviews(IReadOnlyCollection<GroupRole> roles) => roles.Contains(GroupRole.Chair);

    /// <summary>
    /// Before the collated response is shared a stakeholder reads their own answers only, so that no one's answer is
    /// shaped by a colleague's half-finished one; a group may choose to let its stakeholders read each other's as they come in.
    /// </summary>
    public static bool StakeholdersSeeAnswersBeforeSharing(ImplementationGroup? group) => group?.Settings.StakeholdersSeeAnswersEarly == true;

    /// <summary>
    /// Benchmarking: a group's figures count in the aggregates others see unless it opts out (the default is to share);
    /// it is named to others only when it opts in. A group that does not share is never named.
    /// </summary>
    public static bool SharesInBenchmarks(GroupSettings? settings) => settings?.ShareInBenchmarks != false;

    public static bool NamedInBenchmarks(GroupSettings? settings) => settings?.NamedInBenchmarks == true && SharesInBenchmarks(settings);

    /// <summary>A group's own dashboard ("how we compare") is for its chairs and commissioners.</summary>
    public static bool MaySeeOwnBenchmarks(IReadOnlyCollection<GroupRole> roles) =>
        roles.Contains(GroupRole.Chair) || roles.Contains(GroupRole.Commissioner);

    /// <summary>A group may decide that none of its reviews ever reaches the learning library.</summary>
    public static bool NeverPublishesToLibrary(ImplementationGroup? group) => group?.Settings.NeverPublishToLibrary == true;
}

/// <summary>Roles in people's words ("Group admin and chair"), for the change log and the pages alike.</summary>
public static class GroupRoleWords
{
    public static string Of(GroupRole role) => role switch
    {
        GroupRole.GroupAdmin => "Group admin",
        GroupRole.Chair => "Chair",
        GroupRole.FinanceLead => "Finance lead",
        GroupRole.Commissioner => "Commissioner",
        _ => "Triage lead",
    };

    public static string List(IEnumerable<GroupRole> roles)
    {
        var names = roles.Distinct().Order().Select(Of).Select((n, i) => i == 0 ? n : char.ToLowerInvariant(n[0]) + n[1..]).ToList();
        return names.Count switch
        {
            0 => "No role",
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " and " + names[^1],
        };
    }
}

public sealed record GroupMember(string UserId, string Name, List<GroupRole> Roles);

public sealed record GroupChange(DateTimeOffset At, string ByUserId, string ByName, string What);

/// <summary>An implementation group's membership, kept by its group admins; every change is logged with who made it.</summary>
public sealed class ImplementationGroup
{
    public string Id { get; set; } = "";
    public List<GroupMember> Members { get; set; } = [];
    public List<string> MemberIds { get; set; } = [];
    public List<GroupChange> Changes { get; set; } = [];

    /// <summary>The group's own timeframes; anything left empty falls back to configuration.</summary>
    public GroupSettings Settings { get; set; } = new(null, null, null);

    public IReadOnlyList<GroupRole> RolesOf(string userId) => Members.FirstOrDefault(m => m.UserId == userId)?.Roles ?? [];

    /// <summary>
    /// NICE products published on or after this date reach the group's triage queue: the group's own
    /// setting, else <paramref name="lookBackDays"/> before the group was set up (so a new group starts
    /// with what NICE published recently, not the whole history).
    /// </summary>
    public DateOnly TriageFrom(int lookBackDays, DateTimeOffset now)
    {
        if (Settings.TriageFrom is { } from) return from;
        var setUp = Changes.Count > 0 ? Changes.Min(c => c.At) : now;
        return DateOnly.FromDateTime(setUp.UtcDateTime).AddDays(-lookBackDays);
    }

    public const string NeedsAnAdmin = "A group needs at least one group admin; appoint another first.";

    /// <summary>
    /// The rule for every change an admin makes — a role changed, a member removed: the group is never
    /// left without someone who can administer it. Checked on the changed group before it is stored.
    /// </summary>
    public void EnsureStillAdministered()
    {
        if (!Members.Any(m => m.Roles.Contains(GroupRole.GroupAdmin)))
            throw new ReviewCommandRejected(new Rejection(RejectionKind.Conflict, NeedsAnAdmin));
    }

    public void Set(string userId, string name, IEnumerable<GroupRole> roles, Actor by, DateTimeOffset at)
    {
        var list = roles.Distinct().OrderBy(r => r).ToList();
        Members.RemoveAll(m => m.UserId == userId);
        Members.Add(new GroupMember(userId, name, list));
        MemberIds = Members.Select(m => m.UserId).ToList();
        Changes.Add(new GroupChange(at, by.UserId, by.Name, $"{name} ({userId}): {GroupRoleWords.List(list)}"));
    }

    public void Remove(string userId, Actor by, DateTimeOffset at)
    {
        Members.RemoveAll(m => m.UserId == userId);
        MemberIds = Members.Select(m => m.UserId).ToList();
        Changes.Add(new GroupChange(at, by.UserId, by.Name, $"{userId} removed"));
    }
}

/// <summary>Thrown when a group admin's command may not go ahead; mapped to 403 or 404 by the API.</summary>
public sealed class GroupAccessDenied(bool hideExistence, string message) : Exception(message)
{
    public bool HideExistence { get; } = hideExistence;
}

public sealed record GroupSettings(IReadOnlyList<int>? ReminderDaysBefore = null, int? FinancialImpactDueDays = null, int? ReviewAfterMonths = null,
    int? TriageDueDays = null, DateOnly? TriageFrom = null, bool? StakeholdersSeeAnswersEarly = null, bool? NeverPublishToLibrary = null,
    bool? ShareInBenchmarks = null, bool? NamedInBenchmarks = null);

public sealed record SetGroupSettings(string Group, GroupSettings Settings, Actor Actor);

public sealed class SetGroupSettingsValidator : AbstractValidator<SetGroupSettings>
{
    public SetGroupSettingsValidator()
    {
        RuleFor(c => c.Settings.ReminderDaysBefore).Must(d => d is null || (d.Count is >= 1 and <= 5 && d.All(x => x is >= 1 and <= 60) && d.Distinct().Count() == d.Count))
            .WithMessage("Give one to five different reminder days, each 1 to 60 days before the deadline.").OverridePropertyName("reminderDaysBefore");
        RuleFor(c => c.Settings.FinancialImpactDueDays).InclusiveBetween(1, 90).OverridePropertyName("financialImpactDueDays")
            .WithMessage("The days after the window closes that the financial impact is due must be between 1 and 90.");
        RuleFor(c => c.Settings.ReviewAfterMonths).InclusiveBetween(1, 60).OverridePropertyName("reviewAfterMonths")
            .WithMessage("The months after a decision until its review date must be between 1 and 60.");
        RuleFor(c => c.Settings.TriageDueDays).InclusiveBetween(1, 90).OverridePropertyName("triageDueDays")
            .WithMessage("The days after NICE publishes that triage is due must be between 1 and 90.");
        RuleFor(c => c.Settings.TriageFrom).GreaterThan(new DateOnly(1999, 1, 1)).OverridePropertyName("triageFrom")
            .WithMessage("Start triage from a date after NICE was founded (1999).");
    }
}

public sealed record SetGroupMember(string Group, string UserId, string Name, IReadOnlyList<GroupRole> Roles, Actor Actor);
public sealed record RemoveGroupMember(string Group, string UserId, Actor Actor);

public sealed class SetGroupMemberValidator : AbstractValidator<SetGroupMember>
{
    public SetGroupMemberValidator()
    {
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._@|-]+$")
            .WithMessage("Use letters, digits, '.', '_', '@', '|' or '-' in a user id.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).PlainText();
        RuleFor(c => c.Roles).NotEmpty().WithMessage("Give the member at least one role.");
        RuleForEach(c => c.Roles).IsInEnum();
    }
}

/// <summary>
/// Membership changes load the group, change it and store it. The group document is optimistically
/// concurrent (a store fails if someone else stored it since it was loaded), so parallel changes never
/// overwrite each other: the loser is run again on the new state, here up to ten times, quickly, then
/// answered 409 — never acknowledged and lost.
/// </summary>
[Wolverine.Attributes.RetryNow(typeof(JasperFx.ConcurrencyException), 0, 5, 10, 20, 40, 80, 120, 160, 200, 250)]
public static class GroupMembershipHandler
{
    public static async Task Handle(SetGroupMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var group = await AdministeredGroup(session, command.Group, command.Actor, ct);
        group.Set(command.UserId, command.Name.Trim(), command.Roles, command.Actor, clock.GetUtcNow());
        group.EnsureStillAdministered();
        session.Store(group);
        IdempotentWrite.MarkIn(session, command.Actor.UserId);
    }

    public static async Task Handle(SetGroupSettings command, IDocumentSession session, IMessageContext bus, TimeProvider clock,
        CancellationToken ct)
    {
        var group = await AdministeredGroup(session, command.Group, command.Actor, ct);
        group.Settings = command.Settings;
        group.Changes.Add(new GroupChange(clock.GetUtcNow(), command.Actor.UserId, command.Actor.Name,
            $"Settings: reminders {Describe(command.Settings.ReminderDaysBefore)} days before; financial impact due after " +
            $"{command.Settings.FinancialImpactDueDays?.ToString() ?? "default"} days; review after {command.Settings.ReviewAfterMonths?.ToString() ?? "default"} months; " +
            $"triage due after {command.Settings.TriageDueDays?.ToString() ?? "default"} days; triage from {command.Settings.TriageFrom?.ToString("yyyy-MM-dd") ?? "default"}" +
            (command.Settings.NeverPublishToLibrary == true ? "; never publishes to the library" : "") +
            $"; benchmarking: {(GroupRules.SharesInBenchmarks(command.Settings) ? "shares its figures" : "does not share its figures")}" +
            (GroupRules.NamedInBenchmarks(command.Settings) ? ", named to others" : ", not named to others")));
        session.Store(group);
        IdempotentWrite.MarkIn(session, command.Actor.UserId);
        // The group's open reviews take the new timeframes: their triggers are derived again.
        var open = await session.Query<GuidanceFlow.Projections.Reviews.ReviewView>()
            .Where(v => v.Group == command.Group && v.Status != ReviewStatus.Closed).Select(v => v.Id).ToListAsync(ct);
        foreach (var id in open) await bus.PublishAsync(new ReviewChanged(id));
    }

    private static string Describe(IReadOnlyList<int>? days) => days is null ? "default" : string.Join(", ", days);

    public static async Task Handle(RemoveGroupMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var group = await AdministeredGroup(session, command.Group, command.Actor, ct);
        group.Remove(command.UserId, command.Actor, clock.GetUtcNow());
        group.EnsureStillAdministered();
        session.Store(group);
        IdempotentWrite.MarkIn(session, command.Actor.UserId);
    }

    private static async Task<ImplementationGroup> AdministeredGroup(IDocumentSession session, string name, Actor actor, CancellationToken ct)
    {
        var group = await session.LoadAsync<ImplementationGroup>(name, ct);
        var roles = group?.RolesOf(actor.UserId) ?? [];
        if (group is null || roles.Count == 0) throw new GroupAccessDenied(true, $"No implementation group named {name}.");
        if (!roles.Contains(GroupRole.GroupAdmin)) throw new GroupAccessDenied(false, "Only the group's admins can change its membership.");
        return group;
    }
}

/// <summary>
/// Creates the groups named in configuration ("Groups:Bootstrap") that do not exist yet, with their
/// first members — how a new deployment gets its first group admin. Never overwrites a group.
/// </summary>
public sealed class GroupBootstrap(IServiceProvider services, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken ct) => await EnsureAsync(ct);

    public async Task EnsureAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession();
        await using var _ = session;
        var system = new Actor("configuration", "GuidanceFlow configuration", "GuidanceFlow", "Bootstrap");
        foreach (var entry in configuration.GetSection("Groups:Bootstrap").GetChildren())
        {
            var name = entry["Name"];
            if (string.IsNullOrWhiteSpace(name) || await session.LoadAsync<ImplementationGroup>(name, ct) is not null) continue;
            var group = new ImplementationGroup { Id = name };
            foreach (var member in entry.GetSection("Members").GetChildren())
            {
                var roles = (member["Roles"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(r => Enum.Parse<GroupRole>(r, ignoreCase: true));
                group.Set(member["UserId"]!, member["Name"] ?? member["UserId"]!, roles, system, clock.GetUtcNow());
            }
            session.Store(group);
        }
        await session.SaveChangesAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
