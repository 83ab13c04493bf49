using System.Text.Json;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Groups;
using GuidanceFlow.Workflows.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GuidanceFlow.Workflows.Benchmarking;

/// <summary>A change to the NHS structure was refused; mapped to 403, 404 or 409 by the API.</summary>
public sealed class StructureCommandRejected(Rejection rejection) : Exception(rejection.Rule)
{
    public Rejection Rejection { get; } = rejection;
}

internal static class StructureValidation
{
    public static void Code<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string>> code, string field, string what) =>
        v.RuleFor(code).Must(value => StructureRules.CodeProblem(value, what) is null)
            .WithMessage((_, value) => StructureRules.CodeProblem(value, what)).OverridePropertyName(field);

    public static void Name<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string>> name, string field, string what) =>
        v.RuleFor(name).Must(value => StructureRules.NameProblem(value, what) is null)
            .WithMessage((_, value) => StructureRules.NameProblem(value, what)).PlainText().OverridePropertyName(field);
}

public sealed class RecordRegionValidator : AbstractValidator<RecordRegion>
{
    public RecordRegionValidator()
    {
        this.Code(c => c.Code, "code", "region");
        this.Name(c => c.Name, "name", "region");
    }
}

public sealed class RecordSystemValidator : AbstractValidator<RecordSystem>
{
    public RecordSystemValidator()
    {
        this.Code(c => c.Code, "code", "integrated care system");
        this.Name(c => c.Name, "name", "integrated care system");
        this.Code(c => c.Region, "region", "region");
    }
}

public sealed class RecordNetworkValidator : AbstractValidator<RecordNetwork>
{
    public RecordNetworkValidator()
    {
        this.Code(c => c.Code, "code", "network");
        this.Name(c => c.Name, "name", "network");
        this.Code(c => c.Region, "region", "region");
    }
}

public sealed class PlaceGroupValidator : AbstractValidator<PlaceGroup>
{
    public PlaceGroupValidator()
    {
        this.Code(c => c.System, "system", "integrated care system");
        RuleFor(c => c.Networks).Must(n => n is null || n.Count <= StructureRules.MaxNetworksPerGroup).OverridePropertyName("networks")
            .WithMessage($"A group takes part in at most {StructureRules.MaxNetworksPerGroup} learning and improvement networks.");
        RuleForEach(c => c.Networks).Must(n => StructureRules.CodeProblem(n, "network") is null).OverridePropertyName("networks")
            .WithMessage("Give each network's code: 2 to 12 letters, digits or '-'.");
    }
}

public sealed class AppointNetworkAdminValidator : AbstractValidator<AppointNetworkAdmin>
{
    public AppointNetworkAdminValidator()
    {
        this.Code(c => c.Network, "network", "network");
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._@|-]+$").OverridePropertyName("userId")
            .WithMessage("Use letters, digits, '.', '_', '@', '|' or '-' in a user id.");
        this.Name(c => c.Name, "name", "network admin");
    }
}

/// <summary>
/// Every change to the NHS structure: decided by the domain against the structure as it stands, appended to its one stream with
/// who made it. Two admins changing it at once: the second is run again on the new state.
/// </summary>
[Wolverine.Attributes.RetryNow(typeof(JasperFx.ConcurrencyException), 0, 5, 10, 20, 40, 80, 120, 160, 200, 250)]
public static class NhsStructureHandler
{
    public static Task Handle(RecordRegion command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, command, clock, ct);

    public static Task Handle(RecordSystem command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, command, clock, ct);

    public static Task Handle(RecordNetwork command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, command, clock, ct);

    public static async Task Handle(PlaceGroup command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct)
    {
        var exists = await session.LoadAsync<ImplementationGroup>(command.Group, ct) is not null;
        await Append(session, chain, command with { GroupExists = exists }, clock, ct);
    }

    public static Task Handle(AppointNetworkAdmin command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, command, clock, ct);

    public static Task Handle(RemoveNetworkAdmin command, IDocumentSession session, AuditChain chain, TimeProvider clock, CancellationToken ct) =>
        Append(session, chain, command, clock, ct);

    /// <summary>Decides the change on the structure as stored and appends what it yields (nothing when it is already so).</summary>
    public static async Task Append(IDocumentSession session, AuditChain chain, StructureChange change, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<NhsStructure>(NhsStructure.StreamId, ct);
        var decision = StructureChange.Decide(stream.Aggregate, change, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) throw new StructureCommandRejected(rejection);
        if (decision.Events.Count == 0) return;
        session.LastModifiedBy = change.Actor.UserId;
        IdempotentWrite.MarkIn(session, change.Actor.UserId);
        stream.AppendMany(chain.Attributed(session, stream.Aggregate?.ChainHead ?? "", change.Actor, decision.Events).ToList());
    }
}

/// <summary>The structure file's shape (nhs-structure.json): ODS-style codes and names, and each network's first admins.</summary>
public sealed record StructureFile(
    IReadOnlyList<StructureFile.Entry>? Regions, IReadOnlyList<StructureFile.Entry>? Systems, IReadOnlyList<StructureFile.Entry>? Networks,
    IReadOnlyList<StructureFile.Placement>? Groups)
{
    public sealed record Admin(string UserId, string Name);
    public sealed record Entry(string Code, string Name, string? Region = null, IReadOnlyList<Admin>? Admins = null);
    public sealed record Placement(string Group, string System, IReadOnlyList<string>? Networks = null);
}

/// <summary>
/// Loads the structure file ("Benchmarking:StructureFile", by default nhs-structure.json beside the app) at start-up through the
/// same rules as every change, as the configuration: what is already so appends nothing, so starting again changes nothing.
/// A group the file names that does not exist yet is left unplaced, with a warning.
/// </summary>
public sealed class StructureBootstrap(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment,
    ILogger<StructureBootstrap> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => EnsureAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public string FilePath => Path.Combine(environment.ContentRootPath, configuration["Benchmarking:StructureFile"] ?? "nhs-structure.json");

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (!File.Exists(FilePath))
        {
            logger.LogInformation("No NHS structure file at {Path}: benchmarking compares groups with England only until network admins add it.", FilePath);
            return;
        }
        var file = JsonSerializer.Deserialize<StructureFile>(await File.ReadAllTextAsync(FilePath, ct), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                   ?? throw new InvalidOperationException($"{FilePath} holds no NHS structure.");
        var by = StructureRules.ConfigurationActor;
        var changes = new List<StructureChange>();
        changes.AddRange((file.Regions ?? []).Select(r => new RecordRegion(r.Code, r.Name, by)));
        changes.AddRange((file.Systems ?? []).Select(s => new RecordSystem(s.Code, s.Name, s.Region ?? "", by)));
        foreach (var n in file.Networks ?? [])
        {
            changes.Add(new RecordNetwork(n.Code, n.Name, n.Region ?? "", by));
            changes.AddRange((n.Admins ?? []).Select(a => new AppointNetworkAdmin(n.Code, a.UserId, a.Name, by)));
        }
        changes.AddRange((file.Groups ?? []).Select(g => new PlaceGroup(g.Group, g.System, g.Networks ?? [], false, by)));

        var store = services.GetRequiredService<IDocumentStore>();
        var chain = services.GetRequiredService<AuditChain>();
        var clock = services.GetRequiredService<TimeProvider>();
        // Straight through the rules, one change per transaction, before the message bus has started.
        foreach (var change in changes)
        {
            await using var session = store.LightweightSession();
            var checkedChange = change is PlaceGroup p ? p with { GroupExists = await session.LoadAsync<ImplementationGroup>(p.Group, ct) is not null } : change;
            try
            {
                await NhsStructureHandler.Append(session, chain, checkedChange, clock, ct);
                await session.SaveChangesAsync(ct);
            }
            catch (StructureCommandRejected e) when (e.Rejection.Kind == RejectionKind.NotFound && change is PlaceGroup place)
            {
                logger.LogWarning("The NHS structure file places {Group}, which is not an implementation group here yet: left unplaced.", place.Group);
            }
            catch (StructureCommandRejected e)
            {
                throw new InvalidOperationException($"{FilePath}: {change.GetType().Name} was refused: {e.Message}", e);
            }
        }
    }
}
