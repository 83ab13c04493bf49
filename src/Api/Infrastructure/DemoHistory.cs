using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Audit;
using Marten;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>
/// Part of `seed-demo`: two years of the demo groups' earlier work, so benchmarking has figures by quarter to show — each of the
/// five groups (appsettings.Development.json) triaged, reviewed and decided eight guidance products, one published each quarter.
/// A command records what happens now, so these past reviews are written as their events, dated when they happened, each
/// attributed to the group's chair and linked into its stream's hash chain as every write is. The groups get quicker and meet
/// more recommendations as the quarters pass, as improving groups do. Titles and recommendations are short paraphrases.
/// </summary>
public static class DemoHistory
{
    public static readonly (string Group, string Chair)[] Groups =
    [
        (DemoUsers.Group, "amara.okafor"), ("Westvale NICE implementation group", "wendy.shaw"), ("Southmere NICE implementation group", "sam.ortiz"),
        ("Highfield NICE implementation group", "hana.ito"), ("Lakeside NICE implementation group", "leo.grant"),
    ];

    private static readonly (string Number, GuidanceType Type, string Title)[] Products =
    [
        ("NG80", GuidanceType.NG, "Asthma: diagnosis, monitoring and management"),
        ("NG106", GuidanceType.NG, "Chronic heart failure in adults"),
        ("TA903", GuidanceType.TA, "A medicine for moderate plaque psoriasis"),
        ("NG136", GuidanceType.NG, "Hypertension in adults"),
        ("NG196", GuidanceType.NG, "Atrial fibrillation: diagnosis and management"),
        ("TA917", GuidanceType.TA, "A device-based treatment for resistant hypertension"),
        ("NG97", GuidanceType.NG, "Dementia: assessment, care and support"),
        ("NG249", GuidanceType.NG, "Falls in older people: assessment and prevention"),
    ];

    private static readonly string[] Recommendations =
    [
        "Offer a structured review at least once a year.",
        "Give each person a written plan they helped to write.",
        "Refer promptly to a specialist service when the first treatment does not work.",
    ];

    public static Guid ReviewId(string group, string number) => Follower.NameBased($"guidanceflow:demo-history:{group}:{number}");

    public static async Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var chain = services.GetRequiredService<AuditChain>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var query = store.QuerySession())
            if (await query.LoadAsync<ReviewView>(ReviewId(Groups[0].Group, Products[0].Number), ct) is not null)
            {
                await output.WriteLineAsync("The demo groups' earlier reviews are already loaded.");
                return;
            }

        var stakeholders = new[] { "tom.hadley", "sunil.mehta", "joan.petrie" }.Select(u => DemoUsers.Get(u).AsStakeholder()).ToList();
        for (var p = 0; p < Products.Length; p++)
        {
            var (number, type, title) = Products[p];
            // One product a quarter, the last of them published about six months ago.
            var published = UkTime.DateOf(now).AddDays(-(Products.Length - p) * 91 - 100);
            for (var g = 0; g < Groups.Length; g++)
            {
                var (group, chairId) = Groups[g];
                var chair = DemoUsers.Get(chairId).ToActorIn(Roles.Chair);
                // Slower groups and earlier quarters take longer; later quarters meet more.
                var pace = 1.0 + g * 0.25 - p * 0.06;
                DateTimeOffset At(int days) => UkTime.At(published.AddDays((int)(days * pace)), new TimeOnly(10, 30));
                var improving = p + (4 - g);
                Compliance Answer(int s, int r) => ((improving + s + r) % 9) switch { < 5 => Compliance.Met, < 7 => Compliance.PartiallyMet, < 8 => Compliance.NotMet, _ => Compliance.NotApplicable };

                var reviewId = ReviewId(group, number);
                var triageId = TriageItem.IdFor(group, number);
                await using var session = store.LightweightSession();
                session.Events.StartStream<TriageItem>(triageId, chain.Attributed(session, "", chair,
                [
                    new GuidanceQueuedForTriage(triageId, group, Guid.Empty, number, type, title, published, At(14), UkTime.At(published, new TimeOnly(6, 0))),
                    new GuidanceTriagedRelevant(triageId, ["Long-term conditions"], [group], "Clinical lead", "Service manager", At(9)),
                    new TriagedReviewOpened(triageId, reviewId, At(10)),
                ]).ToArray());
                var review = new List<object>
                {
                    new GuidanceReviewOpened(reviewId, number, type, title, published, group, chair.UserId, chair.Name, At(10)),
                    new RecommendationGridCreated(reviewId, Recommendations.Select((r, i) => new Recommendation($"1.{i + 1}", r, ["Primary care", "Community"])).ToList()),
                    new StakeholdersInvited(reviewId, stakeholders),
                    new ResponseWindowOpened(reviewId, At(45), At(12)),
                };
                review.AddRange(stakeholders.Select((s, i) => new StakeholderResponseSubmitted(reviewId, s.StakeholderId, 1,
                    Recommendations.Select((_, r) => new RecommendationResponse($"1.{r + 1}", Answer(i, r), "As the service runs now.")).ToList(), At(30))));
                review.Add(new ResponseWindowClosed(reviewId, WindowClosure.AtDeadline, [], At(45)));
                review.Add(new FinancialImpactAssessed(reviewId, 180_000 + g * 40_000, [], [],
                    [new YearFigures(1, OneOffCost: 10_000 + g * 2_000, RecurrentCost: 20_000 + p * 1_500), new YearFigures(2, RecurrentCost: 20_000 + p * 1_500)],
                    0, 0, false, [], At(55)));
                review.Add(new DecisionRecorded(reviewId, (p + g) % 5 == 0 ? DecisionOutcome.ImplementWithLocalVariation : DecisionOutcome.Implement,
                    "Agreed across the health economy at the monthly meeting.", null, [], published.AddYears(2), At(70)));
                session.Events.StartStream<Review>(reviewId, chain.Attributed(session, "", chair, review).ToArray());
                await session.SaveChangesAsync(ct);
            }
        }
        await output.WriteLineAsync($"Loaded two years of the demo groups' earlier reviews: {Products.Length} guidance products × {Groups.Length} groups.");
    }
}
