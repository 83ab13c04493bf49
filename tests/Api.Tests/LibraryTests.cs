using System.Net;
using Microsoft.Extensions.DependencyInjection;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The learning library end to end over HTTP: a decided review's case study drafted from its own record, edited and
/// published by the chair; good practice submitted, moderated (the author emailed at the real SMTP server), searched,
/// withdrawn; and what each person may see.
/// </summary>
public sealed class LibraryTests(AppFixture app) : IntegrationTest(app)
{
    public const string Editor = "ellen.wood";
    public const string Author = "sunil.mehta";
    public const string Outsider = "margaret.ellis";
    public const string OtherChair = "ade.adeyemi";
    public const string OtherGroup = "Eastmoor NICE implementation group";

    /// <summary>A review of NG115 taken to a decision: two sectors answered (one barrier), the impact costed, actions agreed.</summary>
    public static async Task<ReviewView> DecidedReview(Api api, string guidanceId = "NG115")
    {
        var review = await api.OpenReview(guidanceId);
        await api.CreateGrid(review.Id, "1.1.1", "1.2.1");
        await api.Invite(review.Id, "tom.hadley", "sunil.mehta");
        await api.OpenWindow(review.Id);
        await api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"), Api.Answer("1.2.1", "NotMet", barriers: "No spirometry slots in clinic"));
        await api.Respond(review.Id, "sunil.mehta", Api.Answer("1.1.1", "PartiallyMet"), Api.Answer("1.2.1", "Met"));
        await api.CloseWindow(review.Id);
        await Api.Read<ReviewView>(await api.Post("mark.fenwick", $"/api/reviews/{review.Id}/financial-impact", new
        {
            localPopulation = 200_000,
            lines = new[]
            {
                new { organisation = "Riverside Integrated Care Board", sector = "Commissioner",
                      years = new[] { new { year = 1, recurrentCost = 40_000m }, new { year = 2, recurrentCost = 40_000m } } },
            },
        }));
        return await Api.Read<ReviewView>(await api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision", new
        {
            outcome = "ImplementWithLocalVariation",
            rationale = "Implement through a shared spirometry hub run by the community team.",
            reviewDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(12)),
            actions = new[] { new { description = "Open the spirometry hub", owner = "Dr Tom Hadley", due = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(3)) } },
        }));
    }

    public static object GoodPractice(string title = "Nurse-led COPD reviews in care homes", string? guidance = "NG115",
        string sector = "Community", string region = "NorthWest", string costBand = "Under10k", string whatWasDone = "Community nurses reviewed every resident with COPD twice a year.") => new
    {
        title,
        summary = "A community nursing team brought inhaler checks to care homes.",
        sections = new[]
        {
            new { heading = "The problem", text = "Residents missed their annual COPD review." },
            new { heading = "What was done", text = whatWasDone },
            new { heading = "Results", text = "Admissions for exacerbations fell by a fifth in a year." },
        },
        guidance = guidance is null ? Array.Empty<string>() : [guidance],
        sectors = new[] { sector },
        region,
        costBand,
        organisation = "Riverside Community Health",
        contact = "COPD team, Riverside Community Health",
        links = new[] { "https://example.nhs.uk/copd-care-homes" },
    };

    private async Task<LibraryEntryAnswer> Submit(object? body = null, string author = Author) =>
        await Api.Read<LibraryEntryAnswer>(await Api.Post(author, "/api/library/entries", body ?? GoodPractice()), HttpStatusCode.Created);

    private async Task<LibraryEntryAnswer> Moderate(Guid id, string outcome, string? reason = null) =>
        await Api.Read<LibraryEntryAnswer>(await Api.Post(Editor, $"/api/library/entries/{id}/moderation", new { outcome, reason }));

    private async Task<LibraryResults> Search(string query, string user = Outsider) =>
        await Api.Read<LibraryResults>(await Api.Get(user, $"/api/library/search?{query}"));

    [Fact]
    public async Task A_chair_drafts_a_case_study_from_the_decided_review_edits_and_publishes_it_and_other_groups_find_it()
    {
        var review = await DecidedReview(Api);
        var draft = await Api.Read<LibraryEntryAnswer>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/case-study", new { }), HttpStatusCode.Created);

        // Drafted from the review's own record: outcome and rationale, compliance by sector, barriers, cost per 100,000, actions.
        Assert.Equal(LibraryEntryStatus.Draft, draft.Status);
        Assert.Equal(LibraryEntryKind.CaseStudy, draft.Kind);
        Assert.Equal(DecisionOutcome.ImplementWithLocalVariation, draft.Outcome);
        Assert.Equal(["NG115"], draft.Content.Guidance);
        Assert.Equal([Sector.Primary, Sector.Secondary], draft.Content.Sectors);
        string Section(string heading) => Assert.Single(draft.Content.Sections, s => s.Heading == heading).Text;
        Assert.Contains("Implement with local variation", Section("Decision and rationale"));
        Assert.Contains("shared spirometry hub", Section("Decision and rationale"));
        Assert.Contains("- Primary care: met 1, partially met 1", Section("Compliance by sector"));
        Assert.Contains("- Secondary care: met 1, not met 1", Section("Compliance by sector"));
        Assert.Contains("No spirometry slots in clinic", Section("Barriers raised"));
        Assert.Contains("Riverside", Section("Barriers raised"));
        // 80,000 over five years for 200,000 people: 16,000 a year, 8,000 a year per 100,000.
        Assert.Contains("£8,000 a year per 100,000 population", Section("Financial impact"));
        Assert.Equal(CostBand.Under10k, draft.Content.CostBand);
        Assert.Contains("Open the spirometry hub", Section("Agreed actions"));
        // Individual people are left out by default: organisations and roles stay.
        var everything = string.Join("\n", draft.Content.Sections.Select(s => s.Text)) + draft.Content.Summary;
        Assert.DoesNotContain("Tom Hadley", everything);
        Assert.DoesNotContain("Sunil Mehta", everything);
        Assert.True(draft.May.Publish);

        // Nothing reaches the library before the chair publishes: not found by search, not readable by others — editors included.
        Assert.Equal(0, (await Search("q=spirometry")).Total);
        await Api.Problem(await Api.Get(Outsider, $"/api/library/entries/{draft.Id}"), 404);
        await Api.Problem(await Api.Get(Editor, $"/api/library/entries/{draft.Id}"), 404);
        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/case-study", new { }), 409);

        // The chair edits the draft (every edit an event), then publishes.
        var edited = draft.Content with { Title = "NG115 in Riverside: a spirometry hub shared by primary and secondary care", Region = NhsRegion.NorthWest };
        await Api.Read<LibraryEntryAnswer>(await Api.Put(Api.Chair, $"/api/library/entries/{draft.Id}", new { content = edited, note = "Clearer title" }));
        var published = await Api.Read<LibraryEntryAnswer>(await Api.Post(Api.Chair, $"/api/library/entries/{draft.Id}/publication"));
        Assert.Equal(LibraryEntryStatus.Published, published.Status);
        Assert.Equal(review.Group, published.Byline);
        var history = await Api.Read<List<HistoryEntry>>(await Api.Get(Api.Chair, $"/api/library/entries/{draft.Id}/history"));
        Assert.Equal(["CaseStudyDrafted", "LibraryEntryRevised", "LibraryEntryPublished"], history.Select(h => h.Type));
        Assert.All(history, h => Assert.Equal(Api.Chair, h.Actor.UserId));

        // Anyone signed in now finds and reads it; the review itself stays the group's.
        var found = await Search("q=spirometry+hub");
        var hit = Assert.Single(found.Items);
        Assert.Equal(published.Title(), hit.Title);
        Assert.Contains(hit.Snippet, p => p.Match && p.Text.StartsWith("spirometry", StringComparison.OrdinalIgnoreCase));
        var read = await Api.Read<LibraryEntryAnswer>(await Api.Get(Outsider, $"/api/library/entries/{draft.Id}"));
        Assert.Null(read.ReviewId);
        Assert.False(read.May.ReadHistory);
        await Api.Problem(await Api.Get(Outsider, $"/api/library/entries/{draft.Id}/history"), 403);

        // On another group's review of the same guidance: "Other groups and this guidance". Not on the group's own.
        var theirs = await Api.Read<ReviewView>(await Api.Post(OtherChair, "/api/reviews",
            new { guidanceId = "NG115", guidanceType = "NG", title = "COPD in over 16s", publishedOn = "2018-12-05", group = OtherGroup }), HttpStatusCode.Created);
        var others = await Api.Read<List<LibraryHit>>(await Api.Get(OtherChair, $"/api/reviews/{theirs.Id}/other-groups"));
        var other = Assert.Single(others);
        Assert.Equal(DecisionOutcome.ImplementWithLocalVariation, other.Outcome);
        Assert.Equal(CostBand.Under10k, other.CostBand);
        Assert.Empty(await Api.Read<List<LibraryHit>>(await Api.Get(Api.Chair, $"/api/reviews/{review.Id}/other-groups")));

        // Later news is added as an update, and is searchable.
        await Api.Read<LibraryEntryAnswer>(await Api.Post(Api.Chair, $"/api/library/entries/{draft.Id}/updates", new { text = "The hub opened in March; waits fell to two weeks." }));
        Assert.Single((await Search("q=waits+fell")).Items);
    }

    [Fact]
    public async Task A_group_that_never_publishes_cannot_draft_and_an_undecided_review_has_no_case_study()
    {
        var open = await Api.ReviewInWindow("tom.hadley");
        var before = await AllEventsCount();
        var undecided = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{open.Id}/case-study", new { }), 409);
        Assert.Contains("decided review", undecided.GetProperty("detail").GetString());

        var review = await DecidedReview(Api, "NG116");
        Assert.True((await Api.Put(Api.Chair, $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/settings", new { neverPublishToLibrary = true })).IsSuccessStatusCode);
        before = await AllEventsCount();
        var refused = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/case-study", new { }), 409);
        Assert.Contains("never to publish", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await AllEventsCount());
        // Only the group's chairs draft.
        await Api.Problem(await Api.Post("rachel.stone", $"/api/reviews/{review.Id}/case-study", new { }), 403);
        await Api.Problem(await Api.Post(Outsider, $"/api/reviews/{review.Id}/case-study", new { }), 404);
    }

    [Fact]
    public async Task A_submission_is_moderated_the_author_is_emailed_each_time_and_only_then_is_it_found()
    {
        var entry = await Submit();
        Assert.Equal(LibraryEntryStatus.AwaitingModeration, entry.Status);
        Assert.Equal("Dr Sunil Mehta", entry.Byline);
        // Seen by its author and the editors only; in the editors' queue; in the author's own list.
        await Api.Problem(await Api.Get(Outsider, $"/api/library/entries/{entry.Id}"), 404);
        Assert.Contains(await Api.Read<List<LibraryEntryRow>>(await Api.Get(Editor, "/api/library/moderation")), r => r.Id == entry.Id);
        await Api.Problem(await Api.Get(Author, "/api/library/moderation"), 403);
        Assert.Contains(await Api.Read<List<LibraryEntryRow>>(await Api.Get(Author, "/api/library/mine")), r => r.Id == entry.Id);
        Assert.Equal(0, (await Search("q=care+homes")).Total);

        // Only editors moderate; a reason is needed to send back or reject.
        await Api.Problem(await Api.Post(Author, $"/api/library/entries/{entry.Id}/moderation", new { outcome = "Approve" }), 403);
        var noReason = await Api.Problem(await Api.Post(Editor, $"/api/library/entries/{entry.Id}/moderation", new { outcome = "RequestChanges" }), 400);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));

        var sentBack = await Moderate(entry.Id, "RequestChanges", "Add how many residents were reviewed.");
        Assert.Equal(LibraryEntryStatus.ChangesRequested, sentBack.Status);
        var asked = await Wait.Until(() => App.Smtp.About(entry.Id).ToList(), m => m.Count >= 1, "the author told of the editor's request");
        Assert.Equal("sunil.mehta@oakfield.example.nhs.uk", Assert.Single(asked).To());
        Assert.Contains("Add how many residents were reviewed.", asked[0].TextBody);

        // The author's change goes back to the editors, who approve it: published, found, and the author told.
        var changed = await Api.Read<LibraryEntryAnswer>(await Api.Put(Author, $"/api/library/entries/{entry.Id}", new
        {
            content = sentBack.Content with { Summary = "A community nursing team reviewed 140 care home residents with COPD." },
            note = "Added numbers",
        }));
        Assert.Equal(LibraryEntryStatus.AwaitingModeration, changed.Status);
        var approved = await Moderate(entry.Id, "Approve");
        Assert.Equal(LibraryEntryStatus.Published, approved.Status);
        await Wait.Until(() => App.Smtp.About(entry.Id).ToList(), m => m.Count >= 2, "the author told it is published");
        Assert.Contains(App.Smtp.About(entry.Id), m => m.Subject!.StartsWith("Published:"));
        var found = await Search("q=care+home+residents");
        Assert.Equal(entry.Id, Assert.Single(found.Items).Id);

        // A published entry is not edited in place.
        await Api.Problem(await Api.Put(Author, $"/api/library/entries/{entry.Id}", new { content = approved.Content with { Title = "New" } }), 409);

        var history = await Api.Read<List<HistoryEntry>>(await Api.Get(Author, $"/api/library/entries/{entry.Id}/history"));
        Assert.Equal(["GoodPracticeSubmitted", "LibraryChangesRequested", "LibraryEntryRevised", "LibraryEntryPublished"], history.Select(h => h.Type));
        Assert.Equal([Author, Editor, Author, Editor], history.Select(h => h.Actor.UserId));
        // Time travel, as for reviews: the entry as it was before the author's change — for those who may read its history.
        var first = await Api.Read<LibraryEntryAnswer>(await Api.Get(Author, $"/api/library/entries/{entry.Id}?version=1"));
        Assert.Equal(LibraryEntryStatus.AwaitingModeration, first.Status);
        Assert.Equal("A community nursing team brought inhaler checks to care homes.", first.Content.Summary);
        Assert.False(first.May.Revise);
        var beforeApproval = await Api.Read<LibraryEntryAnswer>(await Api.Get(Editor, $"/api/library/entries/{entry.Id}?version=3"));
        Assert.Equal(LibraryEntryStatus.AwaitingModeration, beforeApproval.Status);
        Assert.Contains("140 care home residents", beforeApproval.Content.Summary);
        await Api.Problem(await Api.Get(Outsider, $"/api/library/entries/{entry.Id}?version=1"), 403);
        await Api.Problem(await Api.Get(Author, $"/api/library/entries/{entry.Id}?version=9"), 404);
        await Api.Problem(await Api.Get(Author, $"/api/library/entries/{entry.Id}?asOf=2001-01-01T00:00:00Z"), 404);
        await Api.Problem(await Api.Get(Author, $"/api/library/entries/{entry.Id}?version=1&asOf=2030-01-01T00:00:00Z"), 400);

        // Each event is linked into the entry's own hash chain, as a review's are.
        var chain = await GuidanceFlow.Workflows.Audit.AuditChain.VerifyAsync(
            Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), "guidanceflow", entry.Id, CancellationToken.None);
        Assert.True(chain.Intact);
        Assert.Equal(4, chain.EventsChecked);
    }

    [Fact]
    public async Task A_rejected_entry_stays_with_its_author_and_a_withdrawn_one_leaves_search_but_keeps_its_history()
    {
        var rejected = await Submit(GoodPractice(title: "Advert for a product"));
        var answer = await Moderate(rejected.Id, "Reject", "This promotes a commercial product.");
        Assert.Equal(LibraryEntryStatus.Rejected, answer.Status);
        Assert.Equal("This promotes a commercial product.",
            (await Api.Read<LibraryEntryAnswer>(await Api.Get(Author, $"/api/library/entries/{rejected.Id}"))).Reason);
        await Api.Problem(await Api.Get(Outsider, $"/api/library/entries/{rejected.Id}"), 404);

        var entry = await Submit();
        await Moderate(entry.Id, "Approve");
        Assert.Equal(1, (await Search("q=inhaler")).Total);
        // Others may not withdraw it; a reason is needed.
        await Api.Problem(await Api.Post(Outsider, $"/api/library/entries/{entry.Id}/withdrawal", new { reason = "Mine" }), 403);
        await Api.Problem(await Api.Post(Author, $"/api/library/entries/{entry.Id}/withdrawal", new { reason = "" }), 400);
        var withdrawn = await Api.Read<LibraryEntryAnswer>(await Api.Post(Author, $"/api/library/entries/{entry.Id}/withdrawal", new { reason = "The service has changed." }));
        Assert.Equal(LibraryEntryStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(0, (await Search("q=inhaler")).Total);
        await Api.Problem(await Api.Get(Outsider, $"/api/library/entries/{entry.Id}"), 404);
        var history = await Api.Read<List<HistoryEntry>>(await Api.Get(Editor, $"/api/library/entries/{entry.Id}/history"));
        Assert.Equal("LibraryEntryWithdrawn", history[^1].Type);
    }

    [Fact]
    public async Task Search_takes_words_as_people_type_them_and_counts_each_facet_of_what_it_found()
    {
        async Task<Guid> Published(object body)
        {
            var entry = await Submit(body);
            await Moderate(entry.Id, "Approve");
            return entry.Id;
        }
        var homes = await Published(GoodPractice(whatWasDone: "Community nurses visited care homes with a portable spirometer."));
        var pharmacy = await Published(GoodPractice(title: "Pharmacist inhaler technique clinics", sector: "Primary", region: "London",
            costBand: "NoExtraCost", whatWasDone: "Pharmacists checked inhaler technique at every repeat prescription."));
        var diabetes = await Published(GoodPractice(title: "Foot checks in diabetes clinics", guidance: "NG19", sector: "Secondary",
            region: "London", whatWasDone: "Podiatrists joined the diabetes clinic."));

        // Stemming: "visiting" finds "visited"; a phrase in quotes; an exclusion; "or".
        Assert.Equal([homes], (await Search("q=visiting")).Items.Select(i => i.Id));
        Assert.Equal([pharmacy], (await Search("q=%22inhaler+technique%22")).Items.Select(i => i.Id));
        Assert.Equal([homes], (await Search("q=inhaler+-pharmacists")).Items.Select(i => i.Id).Where(i => i != diabetes));
        Assert.Equal(2, (await Search("q=podiatrists+or+spirometer")).Total);

        // The title weighs more than the body.
        var ranked = await Search("q=inhaler");
        Assert.Equal(pharmacy, ranked.Items[0].Id);

        // Facets count everything found; filtering narrows it.
        var all = await Search("");
        Assert.Equal(3, all.Total);
        Assert.Contains(new FacetCount("NG115", 2), all.Facets.Guidance);
        Assert.Contains(new FacetCount("NG19", 1), all.Facets.Guidance);
        Assert.Contains(new FacetCount("London", 2), all.Facets.Region);
        Assert.Contains(new FacetCount("GoodPractice", 3), all.Facets.Kind);
        Assert.Contains(new FacetCount("NG", 3), all.Facets.Type);
        var london = await Search("region=London&sector=Primary");
        Assert.Equal([pharmacy], london.Items.Select(i => i.Id));
        Assert.Equal([new FacetCount("Primary", 1)], london.Facets.Sector);

        // Newest first on request; paging.
        var newest = await Search("sort=Newest&pageSize=2");
        Assert.Equal([diabetes, pharmacy], newest.Items.Select(i => i.Id));
        Assert.Equal(3, newest.Total);
        Assert.Equal([homes], (await Search("sort=Newest&pageSize=2&page=2")).Items.Select(i => i.Id));

        // The front page: latest and most read.
        await Api.Get(Outsider, $"/api/library/entries/{homes}");
        await Api.Get(Outsider, $"/api/library/entries/{homes}");
        await Api.Get(Outsider, $"/api/library/entries/{diabetes}");
        var front = await Api.Read<LibraryHighlights>(await Api.Get(Outsider, "/api/library"));
        Assert.Equal(diabetes, front.Latest[0].Id);
        Assert.Equal([homes, diabetes], front.MostRead.Select(h => h.Id));
    }

    [Theory]
    [InlineData(":*&|!()")]
    [InlineData("'\"\\\\")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("a:* & b | !c")]
    [InlineData("--")]
    public async Task Search_syntax_people_may_type_is_answered_safely(string q)
    {
        await Submit();
        var answer = await Api.Get(Outsider, $"/api/library/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Oversized_or_control_character_searches_and_submissions_are_refused_naming_the_field()
    {
        var longQuery = await Api.Problem(await Api.Get(Outsider, $"/api/library/search?q={new string('a', 10_000)}"), 400);
        Assert.True(longQuery.GetProperty("errors").TryGetProperty("q", out _));
        var control = await Api.Problem(await Api.Get(Outsider, "/api/library/search?q=a%01b"), 400);
        Assert.True(control.GetProperty("errors").TryGetProperty("q", out _));

        var before = await AllEventsCount();
        var big = await Api.Problem(await Api.Post(Author, "/api/library/entries", GoodPractice(title: new string('x', 201))), 400);
        Assert.True(big.GetProperty("errors").TryGetProperty("title", out _), big.ToString());
        var bad = await Api.Problem(await Api.Post(Author, "/api/library/entries", GoodPractice(guidance: "not a number")), 400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("guidance", out _), bad.ToString());
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task A_search_matching_more_than_the_cap_says_so_and_ranks_and_counts_the_newest_matches()
    {
        // Index rows as publishing writes them (the projection is tested above), more than the cap, straight into the table.
        var extra = GuidanceFlow.Api.Queries.LibrarySearch.Cap + 5;
        await using (var insert = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            "insert into guidanceflow.library_search (entry_id, kind, title, summary, body, updates, guidance, guidance_types, sectors, region, outcome, " +
            "cost_band, year, published_at, group_name, organisation) select gen_random_uuid(), 'GoodPractice', 'Clinic ' || n, 'Podiatry review ' || n, " +
            "'', '', array['NG19'], array['NG'], array['Community'], 'London', null, 'Under10k', 2026, now() - n * interval '1 minute', null, 'Org' " +
            $"from generate_series(1, {extra}) n"))
            await insert.ExecuteNonQueryAsync();
        await using (var vectors = Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            $"update guidanceflow.library_search set search = {GuidanceFlow.Projections.Library.LibrarySearchIndex.Vector()}"))
            await vectors.ExecuteNonQueryAsync();

        var many = await Search("q=podiatry&pageSize=50");
        Assert.True(many.More);
        Assert.Equal(GuidanceFlow.Api.Queries.LibrarySearch.Cap, many.Total);
        Assert.Equal(GuidanceFlow.Api.Queries.LibrarySearch.Cap, Assert.Single(many.Facets.Guidance).Count);
        Assert.Equal("Clinic 1", many.Items[0].Title); // equal rank: the newest first
        var last = await Search($"q=podiatry&pageSize=50&page={GuidanceFlow.Api.Queries.LibrarySearch.Cap / 50}");
        Assert.Equal($"Clinic {GuidanceFlow.Api.Queries.LibrarySearch.Cap}", last.Items[^1].Title);
        Assert.Empty((await Search($"q=podiatry&pageSize=50&page={GuidanceFlow.Api.Queries.LibrarySearch.Cap / 50 + 1}")).Items);

        var few = await Search("q=podiatry+1000");
        Assert.False(few.More);
    }
}

internal static class LibraryAnswerExtensions
{
    public static string Title(this LibraryEntryAnswer answer) => answer.Content.Title;

}
