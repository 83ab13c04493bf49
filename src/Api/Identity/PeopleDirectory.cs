using System.Collections.Concurrent;
using System.Security.Claims;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.People;
using Marten;

namespace GuidanceFlow.Api.Identity;

/// <summary>
/// The directory of people: everyone who has signed in, as their identity provider described them
/// (organisation and its ODS code included), and on a developer's machine the demo users too.
/// </summary>
public sealed class PeopleDirectory(IDocumentStore store, IConfiguration configuration, IHostEnvironment environment)
    : IPeopleDirectory
{
    private readonly bool _demo = configuration.GetSection("Authentication").GetValue("Development:Enabled", environment.IsDevelopment());

    public async Task<Colleague?> FindAsync(string userId, CancellationToken ct)
    {
        if (_demo && DemoUsers.All.FirstOrDefault(u => string.Equals(u.UserId, userId, StringComparison.OrdinalIgnoreCase)) is { } demo)
            return Demo(demo);
        await using var query = store.QuerySession();
        // Ids are the identity provider's, exactly as it gives them: one indexed read.
        return (await query.LoadAsync<Person>(userId, ct))?.AsColleague();
    }

    public async Task<IReadOnlyList<Colleague>> ColleaguesOfAsync(Stakeholder stakeholder, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var code = stakeholder.OrganisationCode;
        var stored = string.IsNullOrWhiteSpace(code)
            ? await query.Query<Person>().Where(p => p.Organisation == stakeholder.Organisation).Take(500).ToListAsync(ct)
            : await query.Query<Person>().Where(p => p.OrganisationCode == code).Take(500).ToListAsync(ct);
        var demo = _demo ? DemoUsers.All.Select(Demo) : [];
        return demo.Concat(stored.Select(p => p.AsColleague()))
            .Where(c => c.WorksFor(stakeholder))
            .DistinctBy(c => c.UserId, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static Colleague Demo(DemoUser u) => new(u.UserId, u.Name, u.Organisation, u.OrganisationCode, u.Email);
}

/// <summary>
/// Records each signed-in user in the directory on their first request to this instance (and again
/// when their details change or an hour has passed), so colleagues can find them.
/// </summary>
public sealed class PeopleRecorder(IDocumentStore store, TimeProvider clock, ILogger<PeopleRecorder> log)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (Person Person, DateTimeOffset At)> _recorded = new();

    /// <summary>After the directory's documents are cleared (a test's reset, a restore): record everyone again on their next request.</summary>
    public void ForgetAll() => _recorded.Clear();

    public async Task RecordAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(id)) return;
        var now = clock.GetUtcNow();
        var person = new Person(id, user.FindFirstValue(ClaimTypes.Name) ?? id, user.FindFirstValue(ClaimTypes.Email),
            user.FindFirstValue(GuidanceFlowClaims.Organisation) ?? "", user.FindFirstValue(GuidanceFlowClaims.OrganisationCode), now);
        if (_recorded.TryGetValue(id, out var seen) && seen.Person == person with { LastSeenAt = seen.Person.LastSeenAt }
            && now - seen.At < Refresh)
            return;
        try
        {
            await using var session = store.LightweightSession();
            session.Store(person);
            await session.SaveChangesAsync(ct);
            _recorded[id] = (person, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The request itself may still be served (a read, or a 503 from its own write); try again next time.
            log.LogWarning(e, "Could not record {UserId} in the directory of people", id);
        }
    }
}

public static class PeopleRecorderMiddleware
{
    public static IApplicationBuilder UsePeopleDirectory(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                await context.RequestServices.GetRequiredService<PeopleRecorder>().RecordAsync(context.User, context.RequestAborted);
            await next(context);
        });
}
