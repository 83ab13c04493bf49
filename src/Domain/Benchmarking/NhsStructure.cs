using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Benchmarking;

// Where each implementation group sits in the NHS: its integrated care system (ICB), that system's NHS England region,
// and the learning and improvement networks it takes part in. Reference data kept as events on one stream, so every
// change says who made it and when; network admins keep it, and a configuration file seeds it.

public interface IStructureEvent;

public sealed record RegionRecorded(string Code, string Name, DateTimeOffset At) : IStructureEvent;

/// <summary>An integrated care system, known by its ICB's ODS code.</summary>
public sealed record SystemRecorded(string Code, string Name, string Region, DateTimeOffset At) : IStructureEvent;

/// <summary>A learning and improvement network; networks are regional.</summary>
public sealed record NetworkRecorded(string Code, string Name, string Region, DateTimeOffset At) : IStructureEvent;

public sealed record GroupPlaced(string Group, string System, IReadOnlyList<string> Networks, DateTimeOffset At) : IStructureEvent;

public sealed record NetworkAdminAppointed(string Network, string UserId, string Name, DateTimeOffset At) : IStructureEvent;

public sealed record NetworkAdminRemoved(string Network, string UserId, DateTimeOffset At) : IStructureEvent;

public sealed record Region(string Code, string Name);

public sealed record IntegratedCareSystem(string Code, string Name, string Region);

public sealed record ImprovementNetwork(string Code, string Name, string Region, ImmutableSortedDictionary<string, string> Admins);

/// <summary>Where a group sits: its system (and so its region) and its networks.</summary>
public sealed record GroupPlace(string Group, string System, string Region, ImmutableSortedSet<string> Networks);

/// <summary>The NHS structure as the events have built it. Immutable; the one stream's fold.</summary>
public sealed record NhsStructure(
    ImmutableSortedDictionary<string, Region> Regions,
    ImmutableSortedDictionary<string, IntegratedCareSystem> Systems,
    ImmutableSortedDictionary<string, ImprovementNetwork> Networks,
    ImmutableSortedDictionary<string, GroupPlace> Groups)
{
    public Guid Id { get; init; } = StreamId;
    public string ChainHead { get; init; } = "";

    /// <summary>The one stream of the structure, the same on every instance.</summary>
    public static readonly Guid StreamId = Follower.NameBased("guidanceflow:nhs-structure");

    public static readonly NhsStructure Empty = new(ImmutableSortedDictionary<string, Region>.Empty, ImmutableSortedDictionary<string, IntegratedCareSystem>.Empty,
        ImmutableSortedDictionary<string, ImprovementNetwork>.Empty, ImmutableSortedDictionary<string, GroupPlace>.Empty);

    public GroupPlace? PlaceOf(string group) => Groups.GetValueOrDefault(group);

    public bool IsNetworkAdmin(string userId) => Networks.Values.Any(n => n.Admins.ContainsKey(userId));

    public IEnumerable<string> NetworksAdministeredBy(string userId) => Networks.Values.Where(n => n.Admins.ContainsKey(userId)).Select(n => n.Code);

    public static NhsStructure Evolve(NhsStructure? state, object e)
    {
        var s = state ?? Empty;
        return e switch
        {
            RegionRecorded r => s with { Regions = s.Regions.SetItem(r.Code, new Region(r.Code, r.Name)) },
            SystemRecorded y => Replaced(s with { Systems = s.Systems.SetItem(y.Code, new IntegratedCareSystem(y.Code, y.Name, y.Region)) }, y.Code),
            NetworkRecorded n => s with
            {
                Networks = s.Networks.SetItem(n.Code, new ImprovementNetwork(n.Code, n.Name, n.Region,
                    s.Networks.GetValueOrDefault(n.Code)?.Admins ?? ImmutableSortedDictionary<string, string>.Empty)),
            },
            GroupPlaced p => s with
            {
                Groups = s.Groups.SetItem(p.Group, new GroupPlace(p.Group, p.System, s.Systems.GetValueOrDefault(p.System)?.Region ?? "",
                    [.. p.Networks])),
            },
            NetworkAdminAppointed a when s.Networks.GetValueOrDefault(a.Network) is { } n =>
                s with { Networks = s.Networks.SetItem(n.Code, n with { Admins = n.Admins.SetItem(a.UserId, a.Name) }) },
            NetworkAdminRemoved r when s.Networks.GetValueOrDefault(r.Network) is { } n =>
                s with { Networks = s.Networks.SetItem(n.Code, n with { Admins = n.Admins.Remove(r.UserId) }) },
            NetworkAdminAppointed or NetworkAdminRemoved => s,
            _ => throw new InvalidOperationException($"The NHS structure does not know the event {e.GetType().Name}."),
        };
    }

    // A system moved to another region takes its groups with it.
    private static NhsStructure Replaced(NhsStructure s, string system) => s with
    {
        Groups = s.Groups.Values.Where(g => g.System == system)
            .Aggregate(s.Groups, (all, g) => all.SetItem(g.Group, g with { Region = s.Systems[system].Region })),
    };
}

/// <summary>The one home of the structure's rules: codes, names, and who keeps it.</summary>
public static partial class StructureRules
{
    public const int MaxName = 120;
    public const int MaxNetworksPerGroup = 5;
    public const string NetworkAdminsOnly = "Only network admins can change the NHS structure that benchmarking uses.";

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,11}$")]
    private static partial Regex CodePattern();

    /// <summary>ODS-style codes are written in capitals: "qwe" and "QWE" are one system.</summary>
    public static string Normalise(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public static string? CodeProblem(string? code, string what) =>
        CodePattern().IsMatch(Normalise(code)) ? null : $"Give the {what}'s code: 2 to 12 letters, digits or '-', as ODS writes it (for example QWE).";

    public static string? NameProblem(string? name, string what) =>
        string.IsNullOrWhiteSpace(name) ? $"Give the {what}'s name."
        : name.Trim().Length > MaxName ? $"Give the {what}'s name in at most {MaxName} characters."
        : null;

    /// <summary>Network admins keep the reference data; the configuration file seeds it (and its first admins).</summary>
    public static bool MayChange(NhsStructure structure, Actor actor) =>
        actor.UserId == ConfigurationActor.UserId || structure.IsNetworkAdmin(actor.UserId);

    /// <summary>Who the configuration file acts as.</summary>
    public static readonly Actor ConfigurationActor = new("configuration", "GuidanceFlow configuration", "GuidanceFlow", "Configuration");
}

/// <summary>One change to the structure, decided against the structure as it stands.</summary>
public abstract record StructureChange(Actor Actor)
{
    protected abstract Decision DecideChange(NhsStructure s, DateTimeOffset now);

    public static Decision Decide(NhsStructure? state, StructureChange change, DateTimeOffset now)
    {
        var s = state ?? NhsStructure.Empty;
        if (!StructureRules.MayChange(s, change.Actor)) return Decision.Forbid(StructureRules.NetworkAdminsOnly);
        return change.DecideChange(s, now);
    }

    protected static Decision Checked(params string?[] problems) =>
        problems.FirstOrDefault(p => p is not null) is { } problem ? Decision.Reject(problem) : Decision.Accept();
}

public sealed record RecordRegion(string Code, string Name, Actor Actor) : StructureChange(Actor)
{
    protected override Decision DecideChange(NhsStructure s, DateTimeOffset now)
    {
        if (Checked(StructureRules.CodeProblem(Code, "region"), StructureRules.NameProblem(Name, "region")) is { Rejection: not null } no) return no;
        var region = new Region(StructureRules.Normalise(Code), Name.Trim());
        return s.Regions.GetValueOrDefault(region.Code) == region ? Decision.Accept() : Decision.Accept(new RegionRecorded(region.Code, region.Name, now));
    }
}

public sealed record RecordSystem(string Code, string Name, string Region, Actor Actor) : StructureChange(Actor)
{
    protected override Decision DecideChange(NhsStructure s, DateTimeOffset now)
    {
        if (Checked(StructureRules.CodeProblem(Code, "integrated care system"), StructureRules.NameProblem(Name, "integrated care system"))
            is { Rejection: not null } no) return no;
        var region = StructureRules.Normalise(Region);
        if (!s.Regions.ContainsKey(region)) return Decision.Reject($"There is no NHS England region with the code {region}; record the region first.");
        var system = new IntegratedCareSystem(StructureRules.Normalise(Code), Name.Trim(), region);
        return s.Systems.GetValueOrDefault(system.Code) == system ? Decision.Accept()
            : Decision.Accept(new SystemRecorded(system.Code, system.Name, system.Region, now));
    }
}

public sealed record RecordNetwork(string Code, string Name, string Region, Actor Actor) : StructureChange(Actor)
{
    protected override Decision DecideChange(NhsStructure s, DateTimeOffset now)
    {
        if (Checked(StructureRules.CodeProblem(Code, "network"), StructureRules.NameProblem(Name, "network")) is { Rejection: not null } no) return no;
        var region = StructureRules.Normalise(Region);
        if (!s.Regions.ContainsKey(region)) return Decision.Reject($"There is no NHS England region with the code {region}; record the region first.");
        var code = StructureRules.Normalise(Code);
        return s.Networks.GetValueOrDefault(code) is { } known && known.Name == Name.Trim() && known.Region == region ? Decision.Accept()
            : Decision.Accept(new NetworkRecorded(code, Name.Trim(), region, now));
    }
}

/// <summary>Place a group in its system and networks. <paramref name="GroupExists"/> is the handler's to find out.</summary>
public sealed record PlaceGroup(string Group, string System, IReadOnlyList<string> Networks, bool GroupExists, Actor Actor) : StructureChange(Actor)
{
    protected override Decision DecideChange(NhsStructure s, DateTimeOffset now)
    {
        if (!GroupExists) return Decision.NotFoundWith($"No implementation group named {Group}.");
        var system = StructureRules.Normalise(System);
        if (!s.Systems.ContainsKey(system)) return Decision.Reject($"There is no integrated care system with the code {system}; record it first.");
        var networks = (Networks ?? []).Select(StructureRules.Normalise).Distinct().Order(StringComparer.Ordinal).ToList();
        if (networks.Count > StructureRules.MaxNetworksPerGroup)
            return Decision.Reject($"A group takes part in at most {StructureRules.MaxNetworksPerGroup} learning and improvement networks.");
        if (networks.FirstOrDefault(n => !s.Networks.ContainsKey(n)) is { } unknown)
            return Decision.Reject($"There is no learning and improvement network with the code {unknown}; record it first.");
        return s.PlaceOf(Group) is { } place && place.System == system && place.Networks.SequenceEqual(networks) ? Decision.Accept()
            : Decision.Accept(new GroupPlaced(Group, system, networks, now));
    }
}

public sealed record AppointNetworkAdmin(string Network, string UserId, string Name, Actor Actor) : StructureChange(Actor)
{
    protected override Decision DecideChange(NhsStructure s, DateTimeOffset now)
    {
        var code = StructureRules.Normalise(Network);
        if (!s.Networks.TryGetValue(code, out var network)) return Decision.NotFoundWith($"There is no learning and improvement network with the code {code}.");
        if (StructureRules.NameProblem(Name, "network admin") is { } problem) return Decision.Reject(problem);
        return network.Admins.GetValueOrDefault(UserId) == Name.Trim() ? Decision.Accept()
            : Decision.Accept(new NetworkAdminAppointed(code, UserId, Name.Trim(), now));
    }
}

public sealed record RemoveNetworkAdmin(string Network, string UserId, Actor Actor) : StructureChange(Actor)
{
    public const string LastAdmin = "Benchmarking needs at least one network admin to keep its reference data; appoint another first.";

    protected override Decision DecideChange(NhsStructure s, DateTimeOffset now)
    {
        var code = StructureRules.Normalise(Network);
        if (!s.Networks.TryGetValue(code, out var network)) return Decision.NotFoundWith($"There is no learning and improvement network with the code {code}.");
        if (!network.Admins.ContainsKey(UserId)) return Decision.NotFoundWith($"{UserId} is not an admin of network {code}.");
        // The reference data must always have a keeper other than the configuration file.
        if (!s.Networks.Values.Any(n => n.Admins.Keys.Any(k => !(n.Code == code && k == UserId)))) return Decision.Reject(LastAdmin);
        return Decision.Accept(new NetworkAdminRemoved(code, UserId, now));
    }
}
