using System.Net;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The authorization matrix for benchmarking: every route × a group's chair, its commissioner, its triage lead, the admin of its
/// network, the chair of a group in another region, a commissioner of another group in the same network, and a stakeholder with
/// no group. Each gets exactly the answer the rules give, and a refusal appends nothing (the structure's stream included).
/// </summary>
public sealed class BenchmarkAuthorizationMatrixTests(AppFixture app) : IntegrationTest(app)
{
    public enum Who { Chair, Commissioner, TriageLead, NetworkAdmin, OtherRegionChair, NetworkCommissioner, Stakeholder }

    private static readonly Dictionary<Who, string> Users = new()
    {
        [Who.Chair] = Api.Chair, [Who.Commissioner] = "rachel.stone", [Who.TriageLead] = "lucy.hart", [Who.NetworkAdmin] = BenchmarkingTests.NetworkAdmin,
        [Who.OtherRegionChair] = "sam.ortiz", [Who.NetworkCommissioner] = "colin.baker", [Who.Stakeholder] = "tom.hadley",
    };

    private static readonly string Riverside = Uri.EscapeDataString(BenchmarkingTests.Riverside);

    private static readonly (string Method, string Path, string? Body, Dictionary<Who, int> Answers)[] Routes =
    [
        ("GET", $"/api/benchmarking/groups/{Riverside}", null, Answer(404).With(200, Who.Chair, Who.Commissioner, Who.NetworkAdmin).With(403, Who.TriageLead)),
        ("GET", "/api/benchmarking/guidance/NG200", null, Answer(200).With(403, Who.Stakeholder)),
        ("GET", "/api/benchmarking/networks/LIN-N", null, Answer(403).With(200, Who.NetworkAdmin, Who.Commissioner, Who.NetworkCommissioner)),
        ("GET", "/api/benchmarking/regions/Y63", null, Answer(403).With(200, Who.NetworkAdmin, Who.Commissioner, Who.NetworkCommissioner)),
        ("GET", "/api/benchmarking/regions/Y62", null, Answer(403)),
        ("GET", "/api/benchmarking/structure", null, Answer(403).With(200, Who.NetworkAdmin)),
        ("PUT", "/api/benchmarking/regions/Y56", """{"name":"London"}""", Answer(403).With(204, Who.NetworkAdmin)),
        ("PUT", "/api/benchmarking/systems/QDD", """{"name":"North Thames ICB","region":"Y63"}""", Answer(403).With(204, Who.NetworkAdmin)),
        ("PUT", "/api/benchmarking/networks/LIN-X", """{"name":"Another network","region":"Y63"}""", Answer(403).With(204, Who.NetworkAdmin)),
        ("PUT", "/api/benchmarking/placements/Riverside", """{"system":"QAA"}""", Answer(403).With(204, Who.NetworkAdmin)),
        ("PUT", "/api/benchmarking/networks/LIN-N/admins/owen.price", """{"name":"Owen Price"}""", Answer(403).With(204, Who.NetworkAdmin)),
        ("DELETE", "/api/benchmarking/networks/LIN-N/admins/nadia.khan", null, Answer(403).With(409, Who.NetworkAdmin)),
    ];

    private static Dictionary<Who, int> Answer(int status) => Enum.GetValues<Who>().ToDictionary(w => w, _ => status);

    public static TheoryData<int> Matrix() => new(Enumerable.Range(0, Routes.Length));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_benchmarking_route_answers_each_user_by_the_rules_and_a_refusal_appends_nothing(int route)
    {
        var (method, url, body, answers) = Routes[route];
        foreach (var (who, expected) in answers.OrderBy(a => a.Value is >= 200 and < 300 ? 1 : 0))
        {
            var before = await EveryEventCount();
            var response = await Api.Send(Users[who], new HttpMethod(method), url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == expected, $"{method} {url} as {who}: expected {expected}, got {(int)response.StatusCode} {text}");
            if (expected >= 400) Assert.Equal(before, await EveryEventCount());
        }
    }

    [Fact]
    public async Task Sharing_is_set_by_the_groups_admins_only()
    {
        var settings = $"/api/groups/{Riverside}/settings";
        await Api.Problem(await Api.Put("rachel.stone", settings, new { shareInBenchmarks = false }), 403);
        await Api.Problem(await Api.Put("sam.ortiz", settings, new { shareInBenchmarks = false }), 404);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(Api.Chair, settings, new { shareInBenchmarks = false })).StatusCode);
    }
}

internal static class BenchmarkAnswerExtensions
{
    public static Dictionary<BenchmarkAuthorizationMatrixTests.Who, int> With(this Dictionary<BenchmarkAuthorizationMatrixTests.Who, int> answers, int status,
        params BenchmarkAuthorizationMatrixTests.Who[] who)
    {
        foreach (var w in who) answers[w] = status;
        return answers;
    }
}
