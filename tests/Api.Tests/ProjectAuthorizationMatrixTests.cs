using GuidanceFlow.Api.Endpoints;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The authorization matrix for improvement projects: every route × the group's chair and finance lead (the project's team),
/// its commissioner and triage lead (the group, not the team), another group's chair and a stakeholder with no group.
/// Each gets exactly the answer the rules give, and a refusal appends nothing.
/// </summary>
public sealed class ProjectAuthorizationMatrixTests(AppFixture app) : IntegrationTest(app)
{
    public enum Who { Chair, Finance, Commissioner, TriageLead, OtherChair, Stakeholder }

    private static readonly Dictionary<Who, string> Users = new()
    {
        [Who.Chair] = Api.Chair, [Who.Finance] = ProjectTests.Finance, [Who.Commissioner] = ProjectTests.Commissioner, [Who.TriageLead] = "lucy.hart",
        [Who.OtherChair] = ProjectTests.OtherChair, [Who.Stakeholder] = "tom.hadley",
    };

    private const string Reason = """{"reason":"The huddle started."}""";

    /// <summary>{p} is a project started by the chair with the finance lead on its team; {m} its measure with five months of data.</summary>
    private static readonly (string Method, string Path, object? Body, Dictionary<Who, int> Answers)[] Routes =
    [
        ("GET", ProjectTests.Projects, null, Group(200)),
        ("POST", ProjectTests.Projects, """{"title":"Pressure ulcers","aim":{"what":"Fewer pressure ulcers","howMuch":"by a third","byWhen":"2030-01-01"}}""", Group(201)),
        ("GET", "/api/projects/{p}", null, Group(200)),
        ("GET", "/api/projects/{p}/history", null, Group(200)),
        ("GET", "/api/projects/{p}/measures/{m}/chart.svg", null, Group(200)),
        ("PUT", "/api/projects/{p}/aim", """{"title":"Falls","aim":{"what":"Fewer falls","howMuch":"by half","byWhen":"2030-01-01"}}""", Team(200)),
        ("PUT", "/api/projects/{p}/team/lucy.hart", """{"name":"Lucy Hart"}""", Team(200)),
        ("DELETE", "/api/projects/{p}/team/lucy.hart", null, Team(200)),
        ("PUT", "/api/projects/{p}/measures/00000000-0000-0000-0000-0000000000a2",
            """{"name":"Night falls","operationalDefinition":"Falls between 22:00 and 06:00 on wards 7 and 8, per month","unit":"falls","direction":"LowerIsBetter"}""", Team(200)),
        ("POST", "/api/projects/{p}/measures/{m}/points", """{"points":[{"period":"2025-06-01","value":9}]}""", Team(200)),
        ("POST", "/api/projects/{p}/measures/{m}/points/file", FileBody.Csv("Period,Value\n2025-06-01,9\n"), Team(200)),
        ("POST", "/api/projects/{p}/measures/{m}/points/2025-01-01/removal", Reason, Team(200)),
        ("PUT", "/api/projects/{p}/measures/{m}/recalculations/2025-03-01", Reason, Team(200)),
        ("DELETE", "/api/projects/{p}/measures/{m}/recalculations/2025-03-01", null, Team(200)),
        ("PUT", "/api/projects/{p}/cycles/00000000-0000-0000-0000-0000000000c1", """{"title":"Huddle","plan":"Two minutes at handover"}""", Team(200)),
        ("POST", "/api/projects/{p}/completion", """{"summary":"Falls halved."}""", Team(200)),
        ("POST", "/api/projects/{p}/library", "{}", Team(409)),
    ];

    /// <summary>Anyone with a role in the group; another group's chair and a stakeholder with no group are told of nothing there.</summary>
    private static Dictionary<Who, int> Group(int status) => new()
    {
        [Who.Chair] = status, [Who.Finance] = status, [Who.Commissioner] = status, [Who.TriageLead] = status, [Who.OtherChair] = 404, [Who.Stakeholder] = 404,
    };

    /// <summary>The project's team; the rest of the group reads it but may not change it.</summary>
    private static Dictionary<Who, int> Team(int status) => new()
    {
        [Who.Chair] = status, [Who.Finance] = status, [Who.Commissioner] = 403, [Who.TriageLead] = 403, [Who.OtherChair] = 404, [Who.Stakeholder] = 404,
    };

    public static TheoryData<int> Matrix() => new(Enumerable.Range(0, Routes.Length));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_project_route_answers_each_user_by_the_rules_and_a_refusal_appends_nothing(int route)
    {
        var project = await ProjectTests.Started(Api);
        var (method, path, body, answers) = Routes[route];
        var url = path.Replace("{p}", project.Id.ToString()).Replace("{m}", ProjectTests.Falls.ToString());
        foreach (var (who, expected) in answers.OrderBy(a => a.Value is >= 200 and < 300 ? 1 : 0))
        {
            var before = await EveryEventCount();
            var response = await Api.Send(Users[who], new HttpMethod(method), url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == expected, $"{method} {url} as {who}: expected {expected}, got {(int)response.StatusCode} {text}");
            if (expected >= 400) Assert.Equal(before, await EveryEventCount());
        }
    }
}
