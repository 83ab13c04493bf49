using System.Net;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Every review route × every kind of user, on a review of the Riverside group: its chair,
/// commissioner and finance lead, an invited stakeholder, the chair of another group, and someone
/// with no part in it. Each gets exactly the answer the rules give, and a refusal appends nothing.
/// </summary>
public class AuthorizationMatrixTests(AppFixture app) : IntegrationTest(app)
{
    public enum Who { Chair, Commissioner, FinanceLead, InvitedStakeholder, OtherGroupChair, Outsider }

    private static readonly Dictionary<Who, string> Users = new()
    {
        [Who.Chair] = "amara.okafor", [Who.Commissioner] = "rachel.stone", [Who.FinanceLead] = "mark.fenwick",
        [Who.InvitedStakeholder] = "tom.hadley", [Who.OtherGroupChair] = "ade.adeyemi", [Who.Outsider] = "margaret.ellis",
    };

    // EveryAnswer: the full record, every stakeholder's answers: members; an invited stakeholder only once the collated
    // response is shared (the matrix's review is still in its window).
    private enum Rule { EveryAnswer, Read, ReadOrEmpty, Chair, Finance, Audit, OwnResponse, Upload, ChairUpload, MembersRead, Member }

    private static readonly (string Method, string Path, string? Body, Rule Rule)[] Routes =
    [
        ("GET", "/api/reviews/{id}", null, Rule.Read),
        ("GET", "/api/reviews/{id}?version=2", null, Rule.Read),
        ("GET", "/api/reviews/{id}/history", null, Rule.EveryAnswer),
        ("GET", "/api/reviews/{id}/history.csv", null, Rule.EveryAnswer),
        ("GET", "/api/reviews/{id}/history.jsonl", null, Rule.EveryAnswer),
        ("GET", "/api/reviews/{id}/changes", null, Rule.EveryAnswer),
        ("GET", "/api/reviews/{id}/deadlines", null, Rule.Read),
        ("GET", "/api/reviews/{id}/verify", null, Rule.Audit),
        ("POST", "/api/reviews/{id}/grid", """{"recommendations":[{"number":"1.1","text":"x","settings":[]}]}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/stakeholders",
            """{"stakeholders":[{"stakeholderId":"claire.baxter","name":"Dr Claire Baxter","email":"c@example.nhs.uk","organisation":"Millbrook Surgery","sector":"Primary","discipline":"GP"}]}""",
            Rule.Chair),
        ("POST", "/api/reviews/{id}/response-window", $$"""{"deadline":"{{DateTimeOffset.UtcNow.AddDays(9):O}}"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/deadlines/extend",
            $$"""{"deadline":"ResponseWindow","newDue":"{{DateTimeOffset.UtcNow.AddDays(60):O}}","reason":"Holidays"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/decision-meeting", $$"""{"meetingAt":"{{DateTimeOffset.UtcNow.AddDays(40):O}}"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/response-window/close", null, Rule.Chair),
        // Not under review, so the chair is told a round follows the review date (409).
        ("POST", "/api/reviews/{id}/reassessment", $$"""{"deadline":"{{DateTimeOffset.UtcNow.AddDays(9):O}}"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/financial-impact/not-needed", """{"reason":"None"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/decision", """{"outcome":"Implement","rationale":"r"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/close", """{"reason":"Withdrawn"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/financial-impact",
            """{"localPopulation":1000,"lines":[{"organisation":"ICB","sector":"Commissioner","years":[{"year":1,"recurrentCost":5}]}]}""", Rule.Finance),
        ("PUT", "/api/reviews/{id}/responses/tom.hadley", """{"responses":[{"recommendationNumber":"1.1.1","compliance":"Met"}]}""", Rule.OwnResponse),
        ("PUT", "/api/reviews/{id}/responses/tom.hadley/draft", """{"responses":[{"recommendationNumber":"1.1.1","compliance":"Met"}]}""", Rule.OwnResponse),
        ("GET", "/api/reviews/{id}/responses/tom.hadley/draft", null, Rule.OwnResponse),
        ("GET", "/api/reviews/{id}/next-steps", null, Rule.Read),
        ("GET", "/api/reviews/{id}/nice-update", null, Rule.ReadOrEmpty),
        ("GET", "/api/reviews/{id}/baseline.xlsx", null, Rule.Read),
        // Past the access check, a JSON body is not a workbook (415); the upload itself: BaselineUploadTests.
        ("POST", "/api/reviews/{id}/baseline.xlsx", "{}", Rule.Upload),
        ("POST", "/api/reviews/{id}/grid.xlsx", "{}", Rule.ChairUpload),
        ("GET", "/api/reviews/{id}/collated.xlsx", null, Rule.MembersRead),
        ("POST", "/api/reviews/{id}/nice-update", null, Rule.Chair),
        ("GET", "/api/reviews/{id}/matrix", null, Rule.Read),
        ("POST", "/api/reviews/{id}/reminders", null, Rule.Chair),
        ("POST", "/api/reviews/{id}/decision/amendments", """{"outcome":"Implement","rationale":"r","reason":"The group met again"}""", Rule.Chair),
        ("POST", "/api/reviews/{id}/funding-period", """{"days":30,"reason":"The appraisal says 30 days"}""", Rule.Chair),
        ("GET", "/api/reviews/{id}/actions", null, Rule.Read),
        // Undecided, so a member is told there are no actions yet (409); an invited stakeholder may not record progress.
        ("POST", "/api/reviews/{id}/actions/1/progress", """{"status":"InProgress"}""", Rule.Member),
    ];

    public static TheoryData<int, Who> Matrix()
    {
        var data = new TheoryData<int, Who>();
        for (var route = 0; route < Routes.Length; route++)
            foreach (var who in Enum.GetValues<Who>()) data.Add(route, who);
        return data;
    }

    /// <summary>The answer the rules give: "allowed" means the request got past access control (a 2xx, or 409 for the review's state).</summary>
    private static int[] Expected(Rule rule, Who who)
    {
        int[] allowed = [200, 201, 204, 409];
        var member = who is Who.Chair or Who.Commissioner or Who.FinanceLead;
        var sees = member || who == Who.InvitedStakeholder;
        if (!sees) return [404];
        return rule switch
        {
            Rule.Read => [200],
            Rule.ReadOrEmpty => [200, 204],
            Rule.Upload => [415],
            Rule.ChairUpload => who == Who.Chair ? [415] : [403],
            Rule.MembersRead or Rule.EveryAnswer => member ? [200] : [403],
            Rule.Chair => who == Who.Chair ? allowed : [403],
            Rule.Member => member ? allowed : [403],
            Rule.Finance => who is Who.Chair or Who.FinanceLead ? allowed : [403],
            Rule.Audit => who is Who.Chair or Who.Commissioner ? [200] : [403],
            Rule.OwnResponse => who == Who.InvitedStakeholder ? [200, 204, 404] : [403],
            _ => [],
        };
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_route_answers_each_user_by_the_rules_and_a_refusal_appends_nothing(int route, Who who)
    {
        var (method, path, body, rule) = Routes[route];
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        var before = await AllEventsCount();

        var response = await Api.Send(Users[who], new HttpMethod(method), path.Replace("{id}", review.Id.ToString()), body);
        var status = (int)response.StatusCode;

        Assert.True(Expected(rule, who).Contains(status),
            $"{method} {path} as {who}: got {status}, expected {string.Join(" or ", Expected(rule, who))}. {await response.Content.ReadAsStringAsync()}");
        if (status is 403 or 404)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, await AllEventsCount());
        }
    }

    [Theory]
    [InlineData(Who.Chair, 1)]
    [InlineData(Who.Commissioner, 1)]
    [InlineData(Who.FinanceLead, 1)]
    [InlineData(Who.OtherGroupChair, 0)]
    public async Task The_register_and_deadlines_show_only_the_users_groups(Who who, int expected)
    {
        await Api.ReviewInWindow("tom.hadley");
        await ViewsCaughtUp();
        var register = await Api.Read<GuidanceFlow.Api.Queries.RegisterPage>(await Api.Get(Users[who], "/api/reviews"));
        Assert.Equal(expected, register.Total);
        await Wait.Until(async () => await Api.Read<List<GuidanceFlow.Api.Queries.DeadlineView>>(await Api.Get(Users[who], "/api/deadlines")),
            d => d.Count == (expected == 0 ? 0 : 3), "the deadlines to sync: two reminders and the close");
    }

    [Fact]
    public async Task Someone_in_no_group_is_told_they_have_no_role_for_group_wide_views()
    {
        foreach (var path in new[] { "/api/reviews", "/api/deadlines", "/api/audit/decisions", "/api/finance?group=Riverside", "/api/dashboard" })
        {
            var problem = await Api.Problem(await Api.Get(Users[Who.Outsider], path), 403);
            Assert.Contains("no GuidanceFlow role", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Opening_a_review_needs_the_chair_role_in_that_group()
    {
        object Open(string group) => new { guidanceId = "NG1", guidanceType = "NG", title = "t", publishedOn = "2018-12-05", group };
        await Api.Problem(await Api.Post(Users[Who.Commissioner], "/api/reviews", Open(Demo)), 403);
        await Api.Problem(await Api.Post(Users[Who.OtherGroupChair], "/api/reviews", Open(Demo)), 404);
        await Api.Problem(await Api.Post(Users[Who.InvitedStakeholder], "/api/reviews", Open(Demo)), 403);
        Assert.Equal(0, await AllEventsCount());
        Assert.Equal(HttpStatusCode.Created, (await Api.Post(Users[Who.OtherGroupChair], "/api/reviews", Open("Eastmoor NICE implementation group"))).StatusCode);
    }

    [Fact]
    public async Task Group_admins_manage_membership_and_every_change_is_logged()
    {
        const string group = "Eastmoor NICE implementation group";
        var path = $"/api/groups/{Uri.EscapeDataString(group)}";
        // Not the admin: refused; not a member: the group does not exist for them.
        await Api.Problem(await Api.Put(Users[Who.Chair], $"{path}/members/claire.baxter", new { name = "Dr Claire Baxter", roles = new[] { "Chair" } }), 404);

        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(Users[Who.OtherGroupChair], $"{path}/members/rachel.stone",
            new { name = "Rachel Stone", roles = new[] { "Commissioner" } })).StatusCode);
        await Api.Problem(await Api.Put(Users[Who.Commissioner], $"{path}/members/claire.baxter",
            new { name = "Dr Claire Baxter", roles = new[] { "Chair" } }), 403);
        await Api.Problem(await Api.Put(Users[Who.OtherGroupChair], $"{path}/members/x", new { name = "", roles = Array.Empty<string>() }), 400);

        var details = await Api.Read<GuidanceFlow.Workflows.Groups.ImplementationGroup>(await Api.Get(Users[Who.Commissioner], path));
        Assert.Contains(details.Members, m => m.UserId == "rachel.stone");
        var change = details.Changes.Last();
        Assert.Equal("ade.adeyemi", change.ByUserId);
        Assert.Contains("Rachel Stone", change.What);

        // The last admin cannot remove themselves.
        await Api.Problem(await Api.Send(Users[Who.OtherGroupChair], HttpMethod.Delete, $"{path}/members/ade.adeyemi"), 409);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Send(Users[Who.OtherGroupChair], HttpMethod.Delete, $"{path}/members/rachel.stone")).StatusCode);
        await Api.Problem(await Api.Get(Users[Who.Commissioner], path), 404);
    }

    [Fact]
    public async Task A_group_admin_sets_the_groups_timeframes_and_open_reviews_follow_them()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var path = $"/api/groups/{Uri.EscapeDataString(Demo)}/settings";
        var settings = new { reminderDaysBefore = new[] { 3 }, financialImpactDueDays = 21, reviewAfterMonths = 6 };

        await Api.Problem(await Api.Put(Users[Who.Commissioner], path, settings), 403);
        var invalid = await Api.Problem(await Api.Put(Users[Who.Chair], path, new { reminderDaysBefore = new[] { 0, 0 }, financialImpactDueDays = 500 }), 400);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("reminderDaysBefore", out _), invalid.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(Users[Who.Chair], path, settings)).StatusCode);

        var deadlines = await Api.Read<List<GuidanceFlow.Api.Queries.DeadlineView>>(await Api.Get(Users[Who.Chair], $"/api/reviews/{review.Id}/deadlines"));
        var reminder = Assert.Single(deadlines, d => d.Action == GuidanceFlow.Domain.Reviews.DeadlineAction.RemindNonResponders);
        Assert.Equal(review.ResponseDeadline!.Value.AddDays(-3), reminder.FiresAt);
        // The scheduler re-derives the open review's triggers: one reminder and the close.
        await Wait.Until(async () => await Api.Read<List<GuidanceFlow.Api.Queries.DeadlineView>>(await Api.Get(Users[Who.Chair], "/api/deadlines")),
            d => d.Count == 2 && d.Any(x => x.FiresAt == review.ResponseDeadline.Value.AddDays(-3)), "the triggers to follow the settings");

        var group = await Api.Read<GuidanceFlow.Workflows.Groups.ImplementationGroup>(await Api.Get(Users[Who.Commissioner], $"/api/groups/{Uri.EscapeDataString(Demo)}"));
        Assert.Equal(21, group.Settings.FinancialImpactDueDays);
        Assert.Contains("reminders 3 days before", group.Changes.Last().What);
    }

    [Theory]
    [InlineData(Who.Chair, 200)] // the group's admin
    [InlineData(Who.Commissioner, 403)]
    [InlineData(Who.FinanceLead, 403)]
    [InlineData(Who.InvitedStakeholder, 404)]
    [InlineData(Who.OtherGroupChair, 404)]
    [InlineData(Who.Outsider, 404)]
    public async Task Only_a_groups_admins_see_and_manage_where_its_events_are_sent(Who who, int expected)
    {
        var path = $"/api/groups/{Uri.EscapeDataString(Demo)}/webhooks";
        var made = await Api.Read<GuidanceFlow.Api.Endpoints.CreatedWebhook>(
            await Api.Post(Users[Who.Chair], path, new { url = "http://127.0.0.1:9/events" }), HttpStatusCode.Created);
        var hook = $"{path}/{made.Webhook.Id}";

        Assert.Equal(expected, (int)(await Api.Get(Users[who], path)).StatusCode);
        Assert.Equal(expected, (int)(await Api.Get(Users[who], $"{hook}/deliveries")).StatusCode);
        var create = await Api.Post(Users[who], path, new { url = "http://127.0.0.1:9/other" });
        Assert.Equal(expected == 200 ? 201 : expected, (int)create.StatusCode);
        var end = await Api.Send(Users[who], HttpMethod.Delete, hook);
        Assert.Equal(expected == 200 ? 204 : expected, (int)end.StatusCode);
        var left = await Api.Read<List<GuidanceFlow.Api.Endpoints.WebhookView>>(await Api.Get(Users[Who.Chair], path));
        Assert.Equal(expected == 200 ? 2 : 1, left.Count);
        Assert.Equal(expected == 200, left.Single(h => h.Id == made.Webhook.Id).EndedAt is not null);
    }

    [Theory]
    [InlineData(Who.Chair, true)]
    [InlineData(Who.Commissioner, true)]
    [InlineData(Who.FinanceLead, true)]
    [InlineData(Who.InvitedStakeholder, false)] // before the collated response is shared: as for the history
    [InlineData(Who.OtherGroupChair, false)]
    [InlineData(Who.Outsider, false)]
    public async Task The_events_feed_gives_each_reader_the_events_of_the_reviews_whose_history_they_may_read(Who who, bool sees)
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var history = await Api.History(review.Id);
        // Once the chair's feed has every event, everyone's is as complete as it will get.
        await Wait.Until(async () => await Api.Read<GuidanceFlow.Api.Endpoints.EventFeedPage>(await Api.Get(Users[Who.Chair], "/api/events?after=0")),
            p => p.Events.Count(e => e.Subject == review.Id.ToString()) == history.Count, "the chair's feed to reach the latest event");
        var page = await Api.Read<GuidanceFlow.Api.Endpoints.EventFeedPage>(await Api.Get(Users[who], "/api/events?after=0&limit=500"));
        Assert.Equal(sees ? history.Count : 0, page.Events.Count(e => e.Subject == review.Id.ToString()));
        if (sees)
        {
            Assert.Equal(history.Select(h => h.Sequence), page.Events.Where(e => e.Subject == review.Id.ToString()).Select(e => e.Sequence));
            // Paging: `next` carries on from where a page ended, with nothing skipped or repeated.
            var first = await Api.Read<GuidanceFlow.Api.Endpoints.EventFeedPage>(await Api.Get(Users[who], "/api/events?after=0&limit=2"));
            var second = await Api.Read<GuidanceFlow.Api.Endpoints.EventFeedPage>(await Api.Get(Users[who], $"/api/events?after={first.Next}&limit=500"));
            Assert.True(first.More);
            Assert.Equal(page.Events.Select(e => e.Id), first.Events.Concat(second.Events).Select(e => e.Id));
        }
    }

    private const string Demo = "Riverside NICE implementation group";
}
