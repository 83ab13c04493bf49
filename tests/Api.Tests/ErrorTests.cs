using GuidanceFlow.Api.Queries;
using Alba;

namespace GuidanceFlow.Api.Tests;

/// <summary>Each error status the API promises, and that a refused request appends nothing.</summary>
public class ErrorTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<long> EventCount(Guid id) => (await Api.History(id)).Count;

    [Fact]
    public async Task Invalid_fields_are_named_in_a_400_problem_and_nothing_is_appended()
    {
        var view = await Api.OpenReview();
        var response = await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/grid", new
        {
            recommendations = new object[]
            {
                new { number = "1.1.1", text = "", settings = Array.Empty<string>() },
                new { number = "one", text = "Valid text", settings = Array.Empty<string>() },
            },
        });
        var problem = await Api.Problem(response, 400);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("recommendations[0].text", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("recommendations[1].number", out _), errors.ToString());
        Assert.Equal(1, await EventCount(view.Id));
    }

    [Fact]
    public async Task Duplicate_recommendation_numbers_are_refused()
    {
        var view = await Api.OpenReview();
        var problem = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/grid", new
        {
            recommendations = new[]
            {
                new { number = "1.1.1", text = "First", settings = Array.Empty<string>() },
                new { number = "1.1.1", text = "Again", settings = Array.Empty<string>() },
            },
        }), 400);
        Assert.Contains("unique", problem.GetProperty("errors").GetProperty("recommendations")[0].GetString());
        Assert.Equal(1, await EventCount(view.Id));
    }

    [Fact]
    public async Task Opening_with_missing_and_mismatched_fields_names_them()
    {
        var missing = await Api.Problem(await Api.Post(Api.Chair, "/api/reviews",
            """{"guidanceId":"NG115","guidanceType":"NG","publishedOn":"2018-12-05"}"""), 400);
        Assert.True(missing.GetProperty("errors").TryGetProperty("title", out _), missing.ToString());
        Assert.True(missing.GetProperty("errors").TryGetProperty("group", out _), missing.ToString());

        var mismatched = await Api.Problem(await Api.Post(Api.Chair, "/api/reviews",
            new { guidanceId = "TA123", guidanceType = "NG", title = "X", publishedOn = "2018-12-05", group = GuidanceFlow.Api.Identity.DemoUsers.Group }), 400);
        Assert.True(mismatched.GetProperty("errors").TryGetProperty("guidanceId", out _), mismatched.ToString());

        Assert.Equal(0, await AllEventsCount());
    }

    [Fact]
    public async Task Malformed_json_unknown_enums_and_unknown_fields_are_400()
    {
        var malformed = await Api.Problem(await Api.Post(Api.Chair, "/api/reviews", """{"guidanceId": "NG1", """), 400);
        Assert.True(malformed.TryGetProperty("errors", out _));

        var badEnum = await Api.Problem(await Api.Post(Api.Chair, "/api/reviews",
            """{"guidanceId":"NG1","guidanceType":"XYZ","title":"t","publishedOn":"2018-12-05","group":"g"}"""), 400);
        Assert.Equal("Use one of: NG, CG, TA, QS, IPG, MTG, DG, HST, PH, SG.",
            badEnum.GetProperty("errors").GetProperty("guidanceType")[0].GetString());

        var unknown = await Api.Problem(await Api.Post(Api.Chair, "/api/reviews",
            """{"guidanceId":"NG1","guidanceType":"NG","title":"t","publishedOn":"2018-12-05","group":"g","chairUserId":"someone-else"}"""), 400);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("chairUserId", out _), unknown.ToString());

        var view = await Api.ReviewInWindow("tom.hadley");
        var nested = await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{view.Id}/responses/tom.hadley",
            """{"responses":[{"recommendationNumber":"1.1.1","compliance":"Mostly"}]}"""), 400);
        Assert.Equal("Use one of: Met, PartiallyMet, NotMet, NotApplicable.",
            nested.GetProperty("errors").GetProperty("responses[0].compliance")[0].GetString());
        var badDate = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/response-window/close",
            """{"version":"four"}"""), 400);
        Assert.Equal("Enter a whole number.", badDate.GetProperty("errors").GetProperty("version")[0].GetString());
        Assert.Equal(4, (await Api.View(view.Id)).Version);
    }

    [Fact]
    public async Task An_unknown_review_is_404_for_reads_and_writes()
    {
        var id = Guid.NewGuid();
        await Api.Problem(await Api.Get(Api.Chair, $"/api/reviews/{id}"), 404);
        await Api.Problem(await Api.Get(Api.Chair, $"/api/reviews/{id}/history"), 404);
        var write = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{id}/response-window/close"), 404);
        Assert.Contains(id.ToString(), write.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_command_the_state_forbids_is_409_with_the_rule_and_leaves_the_stream_unchanged()
    {
        var view = await Api.OpenReview();
        await Api.CreateGrid(view.Id);
        await Api.Invite(view.Id, "tom.hadley");
        var before = await Api.History(view.Id);

        // Responding before the window opens; deciding before the window closes.
        var early = await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{view.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }), 409);
        Assert.Contains("not been opened", early.GetProperty("detail").GetString());
        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/decision", new
        {
            outcome = "Implement", rationale = "r", reviewDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(6)),
        }), 409);

        var after = await Api.History(view.Id);
        Assert.Equal(before.Select(h => (h.Sequence, h.Type)), after.Select(h => (h.Sequence, h.Type)));
        Assert.Equal(before.Count, (await Api.View(view.Id)).Version);
    }

    [Fact]
    public async Task A_response_after_the_window_closes_is_409()
    {
        var view = await Api.ReviewInWindow("tom.hadley");
        await Api.CloseWindow(view.Id);
        var problem = await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{view.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }), 409);
        Assert.Contains("The chair closed the response window early", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Responses_only_from_invited_stakeholders_and_for_recommendations_in_the_grid()
    {
        var view = await Api.ReviewInWindow("tom.hadley");
        // Not invited and not in the group: the review does not exist as far as Dr Baxter can tell.
        await Api.Problem(await Api.Put("claire.baxter", $"/api/reviews/{view.Id}/responses/claire.baxter",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }), 404);

        var unknown = await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{view.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("9.9.9", "Met") } }), 409);
        Assert.Contains("9.9.9", unknown.GetProperty("detail").GetString());
        Assert.Equal(4, (await Api.View(view.Id)).Version);
    }

    [Fact]
    public async Task A_stale_expected_version_is_409_by_if_match_or_version_field_and_appends_nothing()
    {
        var view = await Api.OpenReview();
        await Api.CreateGrid(view.Id); // now at version 2

        var byHeader = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/stakeholders",
            InviteBody("tom.hadley"), ifMatch: "\"1\""), 409);
        Assert.Contains("version 1", byHeader.GetProperty("detail").GetString());

        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/stakeholders",
            new { stakeholders = Stakeholders("tom.hadley"), version = 1 }), 409);
        Assert.Equal(2, (await Api.View(view.Id)).Version);

        // The current version goes through and answers with the next ETag.
        var current = await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/stakeholders", InviteBody("tom.hadley"), ifMatch: "\"2\"");
        await Api.Read<object>(current);
        Assert.Equal("\"3\"", current.Headers.ETag?.ToString());

        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/response-window",
            new { deadline = DateTimeOffset.UtcNow.AddDays(3) }, ifMatch: "not-a-version"), 400);
    }

    private static object[] Stakeholders(string user) =>
    [
        new { stakeholderId = user, name = "Dr Tom Hadley", email = "tom.hadley@riverside.example.nhs.uk",
            organisation = "Riverside Hospitals NHS Foundation Trust", sector = "Secondary", discipline = "Consultant" },
    ];

    private static object InviteBody(string user) => new { stakeholders = Stakeholders(user) };

    [Fact]
    public async Task Sign_in_is_required_and_roles_are_enforced_on_the_server()
    {
        await Api.Problem(await Api.Send(null, HttpMethod.Get, "/api/reviews"), 401);
        await Api.Problem(await Api.Post("tom.hadley", "/api/reviews",
            new { guidanceId = "NG1", guidanceType = "NG", title = "t", publishedOn = "2018-12-05", group = "g" }), 403);

        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        var other = await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{view.Id}/responses/sunil.mehta",
            new { responses = new[] { Api.Answer("1.1.1", "NotMet") } }), 403);
        Assert.Contains("your own", other.GetProperty("detail").GetString());
        await Api.Problem(await Api.Post("rachel.stone", $"/api/reviews/{view.Id}/response-window/close"), 403);
        Assert.Equal(4, (await Api.View(view.Id)).Version);
    }

    [Fact]
    public async Task Health_reports_postgresql_and_the_openapi_document_describes_every_route()
    {
        // Ready once everything has started (the scheduler may still be starting when the first test runs).
        using (var client = Host.Server.CreateClient())
            await Wait.Until(() => client.GetAsync("/health"), r => r.StatusCode == System.Net.HttpStatusCode.OK, "readiness");
        await Host.Scenario(s =>
        {
            s.Get.Url("/health");
            s.StatusCodeShouldBeOk();
            s.ContentShouldContain("{\"name\":\"postgresql\",\"status\":\"Healthy\"");
        });

        var openApi = await Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });
        var document = await openApi.ReadAsTextAsync();
        foreach (var route in new[]
                 {
                     "/api/reviews", "/api/reviews/{id}/grid", "/api/reviews/{id}/stakeholders", "/api/reviews/{id}/response-window",
                     "/api/reviews/{id}/responses/{stakeholderId}", "/api/reviews/{id}/response-window/close",
                     "/api/reviews/{id}/financial-impact", "/api/reviews/{id}/decision", "/api/reviews/{id}", "/api/reviews/{id}/history",
                     "/api/reviews/{id}/nice-update", "/api/reviews/{id}/funding-period", "/api/catalogue", "/api/catalogue/{number}",
                     "/api/catalogue/documents", "/api/catalogue/import", "/api/catalogue/{number}/withdrawal", "/api/catalogue/products", "/api/groups/{name}/triage", "/api/groups/{name}/triage/{number}",
                     "/api/groups/{name}/triage/{number}/deadline", "/api/groups/{name}/triage/{number}/review", "/api/reviews/{id}/baseline.xlsx", "/api/reviews/{id}/grid.xlsx", "/api/reviews/{id}/collated.xlsx",
                     "/api/reviews/{id}/matrix", "/api/reviews/{id}/reminders", "/api/reviews/{id}/decision/amendments", "/api/dashboard",
                 })
            Assert.Contains($"\"{route}\"", document);

        await Host.Scenario(s =>
        {
            s.Get.Url("/docs");
            s.StatusCodeShouldBeOk();
            s.ContentShouldContain("GuidanceFlow API reference");
            s.ContentShouldContain("id=\"postReviewsByIdDecision\"");
        });
    }
}
