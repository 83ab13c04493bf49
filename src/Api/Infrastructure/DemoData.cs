using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>
/// `dotnet run --project src/Api -- seed-demo`: two reviews of the Riverside group, written through
/// the same commands as the API, so the rules and the audit metadata apply. COPD (NG115) is in its
/// response window; tuberculosis (NG33) has been decided. Recommendation texts are our own short
/// paraphrases, not NICE's wording. Running it again changes nothing.
/// </summary>
public static class DemoData
{
    public static readonly Guid CopdReviewId = Guid.Parse("0190b1a0-0000-7000-8000-000000000115");
    public static readonly Guid TuberculosisReviewId = Guid.Parse("0190b1a0-0000-7000-8000-000000000033");

    private static readonly Actor Chair = DemoUsers.Get("amara.okafor").ToActorIn(Roles.Chair);

    public static async Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<CommandDispatcher>();
        var query = scope.ServiceProvider.GetRequiredService<IQuerySession>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        if (await query.LoadAsync<ReviewView>(CopdReviewId, ct) is null)
        {
            await SeedCopd(commands, clock.GetUtcNow(), ct);
            await output.WriteLineAsync($"Loaded NG115 (COPD), in its response window: /api/reviews/{CopdReviewId}");
        }
        else await output.WriteLineAsync("NG115 (COPD) demo review already loaded.");

        if (await query.LoadAsync<ReviewView>(TuberculosisReviewId, ct) is null)
        {
            await SeedTuberculosis(commands, clock.GetUtcNow(), ct);
            await output.WriteLineAsync($"Loaded NG33 (tuberculosis), decided: /api/reviews/{TuberculosisReviewId}");
        }
        else await output.WriteLineAsync("NG33 (tuberculosis) demo review already loaded.");

        await DemoHistory.SeedAsync(scope.ServiceProvider, output, ct);
    }

    private static async Task SeedCopd(CommandDispatcher commands, DateTimeOffset now, CancellationToken ct)
    {
        var id = CopdReviewId;
        await Send(commands, new OpenReview(id, "NG115", GuidanceType.NG,
            "Chronic obstructive pulmonary disease in over 16s: diagnosis and management",
            new DateOnly(2018, 12, 5), DemoUsers.Group, Chair), ct);
        await Send(commands, new CreateGrid(id,
        [
            new("1.1.1", "Confirm a suspected diagnosis with post-bronchodilator spirometry.", ["Primary care", "Acute"]),
            new("1.2.1", "Agree a personalised self-management plan with each person and check they understand it.", ["Primary care", "Community"]),
            new("1.2.7", "Offer pulmonary rehabilitation to people limited by breathlessness.", ["Community"]),
            new("1.2.14", "Help people who smoke to stop, at every contact.", ["Primary care", "Acute", "Community"]),
            new("1.3.1", "Check inhaler technique and adherence before changing inhaled treatment.", ["Primary care", "Pharmacy"]),
            new("1.3.9", "Refer people with persistently low oxygen saturation for a long-term oxygen assessment.", ["Acute", "Community"]),
        ], null, Chair), ct);
        await Send(commands, new InviteStakeholders(id, DemoUsers.Stakeholders.Select(u => u.AsStakeholder()).ToList(), null, Chair), ct);
        await Send(commands, new OpenResponseWindow(id, now.AddDays(28), null, Chair), ct);

        await Respond(commands, id, "tom.hadley",
        [
            R("1.1.1", Compliance.Met, "Spirometry done in the respiratory lab for all inpatient referrals."),
            R("1.3.9", Compliance.PartiallyMet, "Oxygen clinic runs monthly; waits are long.", "Only one trained physiologist.",
                "Fund a second oxygen assessment session.", "Respiratory directorate", recurrent: 38_000m),
        ]);
        await Respond(commands, id, "sunil.mehta",
        [
            R("1.1.1", Compliance.PartiallyMet, "Spirometry available at 2 of 5 practices in the PCN.",
                "Staff not accredited since the pandemic.", "Train and accredit practice nurses.", "PCN clinical director",
                oneOff: 12_000m),
            R("1.2.1", Compliance.NotMet, "Plans are not routinely written.", "Consultation time.",
                "Adopt a shared plan template in the clinical system.", "Practice lead nurse"),
        ]);
        await Respond(commands, id, "hannah.moss",
        [
            R("1.2.7", Compliance.PartiallyMet, "Rehabilitation offered, 14-week wait.", "Venue capacity and staffing.",
                "Add a second weekly cohort.", "Community therapy manager", recurrent: 64_000m),
        ]);
        await Respond(commands, id, "gareth.lewis",
        [
            R("1.3.1", Compliance.Met, "Inhaler checks at every discharge."),
        ]);
        await Respond(commands, id, "ade.adeyemi",
        [
            R("1.3.1", Compliance.PartiallyMet, "Checks at medication reviews only.", "No routine recall.",
                "Add an inhaler check to the annual COPD review.", "PCN pharmacist"),
        ]);

        async Task Respond(CommandDispatcher c, Guid reviewId, string user, RecommendationResponse[] responses) =>
            await Send(c, new SubmitResponse(reviewId, user, responses, null, DemoUsers.Get(user).ToActorIn(Roles.Stakeholder)), ct);
    }

    private static async Task SeedTuberculosis(CommandDispatcher commands, DateTimeOffset now, CancellationToken ct)
    {
        var id = TuberculosisReviewId;
        await Send(commands, new OpenReview(id, "NG33", GuidanceType.NG, "Tuberculosis: prevention, diagnosis, management and service organisation",
            new DateOnly(2016, 1, 13), DemoUsers.Group, Chair), ct);
        await Send(commands, new CreateGrid(id,
        [
            new("1.1.1", "Offer testing for latent infection to new entrants from countries with a high incidence.", ["Primary care"]),
            new("1.2.1", "Start treatment for active disease without waiting for culture results when suspicion is high.", ["Acute"]),
            new("1.3.1", "Give everyone with active disease a named case manager.", ["Acute", "Community"]),
            new("1.4.1", "Use directly observed therapy for people at risk of not completing treatment.", ["Community"]),
            new("1.5.1", "Trace and screen the close contacts of people with pulmonary disease.", ["Community", "Public health"]),
        ], null, Chair), ct);
        var invited = new[] { "tom.hadley", "priya.nair", "joan.petrie", "hannah.moss", "sunil.mehta", "claire.baxter", "rachel.stone", "mark.fenwick" };
        await Send(commands, new InviteStakeholders(id, invited.Select(u => DemoUsers.Get(u).AsStakeholder()).ToList(), null, Chair), ct);
        await Send(commands, new OpenResponseWindow(id, now.AddDays(35), null, Chair), ct);

        await Respond("tom.hadley",
        [
            R("1.2.1", Compliance.Met, "Empirical treatment started on clinical grounds."),
            R("1.3.1", Compliance.PartiallyMet, "Case managers cover hospital patients only.", "No community case managers.",
                "Joint post with community trust.", "TB lead physician", recurrent: 42_000m),
        ]);
        await Respond("priya.nair", [R("1.3.1", Compliance.PartiallyMet, "One TB nurse specialist.", "Sickness cover.", null, null)]);
        await Respond("joan.petrie",
        [
            R("1.4.1", Compliance.NotMet, "No observed therapy service.", "District nurse capacity.",
                "Pilot video-observed therapy.", "Community services manager", oneOff: 8_000m, recurrent: 26_000m),
            R("1.5.1", Compliance.PartiallyMet, "Household contacts screened; others rarely.", "Tracing capacity.", null, null),
        ]);
        await Respond("sunil.mehta",
        [
            R("1.1.1", Compliance.NotMet, "No latent testing pathway.", "Test costs and recall.",
                "Commission a latent testing service at new-patient registration.", "ICB primary care lead", recurrent: 55_000m),
        ]);
        await Respond("sunil.mehta",
        [
            R("1.1.1", Compliance.NotMet, "No latent testing pathway; about 300 eligible registrations a year.", "Test costs and recall.",
                "Commission a latent testing service at new-patient registration.", "ICB primary care lead", recurrent: 48_000m),
        ]);
        await Respond("rachel.stone", [R("1.1.1", Compliance.NotMet, "Not commissioned.", null, "Business case to the ICB board.", "Rachel Stone")]);

        await Send(commands, new CloseResponseWindow(id, WindowClosure.ByChair, null, Chair), ct);
        var finance = DemoUsers.Get("mark.fenwick").ToActorIn(Roles.FinanceLead);
        await Send(commands, new AssessFinancialImpact(id, 310_000,
        [
            Line("1.1.1", "Riverside Integrated Care Board", Sector.Commissioner, "Latent testing at registration", 0, 48_000m),
            Line("1.3.1", "Riverside Hospitals NHS Foundation Trust", Sector.Secondary, "Joint case manager post", 0, 42_000m),
            Line("1.4.1", "Riverside Community Health NHS Trust", Sector.Community, "Video-observed therapy", 8_000m, 26_000m, saving: 9_000m),
        ], null, finance), ct);
        await Send(commands, new RecordDecision(id, DecisionOutcome.ImplementWithLocalVariation,
            "Implement in full except observed therapy, which starts as a 12-month video pilot in the community trust " +
            "before wider roll-out. Costs fall mainly on the ICB and are within the prevention budget.",
            null,
            [
                new("Commission latent testing at new-patient registration", "Rachel Stone", DateOnly.FromDateTime(now.AddMonths(4).UtcDateTime)),
                new("Recruit joint TB case manager", "Dr Tom Hadley", DateOnly.FromDateTime(now.AddMonths(6).UtcDateTime)),
                new("Run the video-observed therapy pilot and report back", "Joan Petrie", DateOnly.FromDateTime(now.AddMonths(12).UtcDateTime)),
            ],
            DateOnly.FromDateTime(now.AddMonths(12).UtcDateTime), null, Chair), ct);

        Task Respond(string user, RecommendationResponse[] responses) =>
            Send(commands, new SubmitResponse(id, user, responses, null, DemoUsers.Get(user).ToActorIn(Roles.Stakeholder)), ct);
    }

    private static RecommendationResponse R(string number, Compliance compliance, string practice, string? barriers = null,
        string? actions = null, string? lead = null, decimal? oneOff = null, decimal? recurrent = null) =>
        new(number, compliance, practice, barriers, actions, lead, null, oneOff, recurrent);

    private static CostLine Line(string number, string organisation, Sector sector, string description,
        decimal oneOff, decimal recurrent, decimal saving = 0) =>
        new(organisation, sector, Enumerable.Range(1, 5)
            .Select(y => new YearFigures(y, y == 1 ? oneOff : 0, recurrent, 0, y == 1 ? 0 : saving)).ToList(),
            number, description);

    private static async Task Send(CommandDispatcher commands, object command, CancellationToken ct)
    {
        if (await commands.SendAsync(command, ct) is not null)
            throw new InvalidOperationException($"Demo data: {command.GetType().Name} was refused by validation.");
    }
}
