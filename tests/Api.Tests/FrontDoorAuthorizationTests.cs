using System.Net;
using System.Text;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The front door's routes — the national catalogue and each group's triage — × every kind of user: the
/// demo group's chair (also a catalogue administrator), triage lead, commissioner and finance lead, an
/// invited stakeholder with no group role, another group's chair, and an outsider. Each gets exactly the
/// answer the rules give, and a refusal appends nothing.
/// </summary>
public class FrontDoorAuthorizationTests(AppFixture app) : IntegrationTest(app)
{
    public enum Who { Chair, TriageLead, Commissioner, FinanceLead, Stakeholder, OtherGroupChair, Outsider }

    private static readonly Dictionary<Who, string> Users = new()
    {
        [Who.Chair] = "amara.okafor", [Who.TriageLead] = "lucy.hart", [Who.Commissioner] = "rachel.stone", [Who.FinanceLead] = "mark.fenwick",
        [Who.Stakeholder] = "tom.hadley", [Who.OtherGroupChair] = "ade.adeyemi", [Who.Outsider] = "margaret.ellis",
    };

    private enum Rule { SignedIn, CatalogueAdmin, Member, Triage, ChairOnly }

    private static readonly string Queue = $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/triage";

    private static readonly (string Method, string Path, string? Body, Rule Rule)[] Routes =
    [
        ("GET", "/api/catalogue?q=NG", null, Rule.SignedIn),
        ("GET", "/api/catalogue/NG9001", null, Rule.SignedIn),
        ("POST", "/api/catalogue/documents", "{document}", Rule.CatalogueAdmin),
        ("GET", "/api/catalogue/import", null, Rule.CatalogueAdmin),
        ("POST", "/api/catalogue/import", null, Rule.CatalogueAdmin),
        ("POST", "/api/catalogue/products", """{"guidanceNumber":"NG9021","title":"By hand","issued":"2026-06-01","recommendations":[{"number":"1.1","text":"Offer it."}]}""", Rule.CatalogueAdmin),
        ("POST", "/api/catalogue/NG9001/withdrawal", """{"replacedBy":"NG9010"}""", Rule.CatalogueAdmin),
        ("GET", Queue, null, Rule.Member),
        ("GET", Queue + "/NG9001", null, Rule.Member),
        ("POST", Queue + "/NG9001", """{"outcome":"NotRelevant","reason":"No care homes in our area"}""", Rule.Triage),
        ("PUT", Queue + "/NG9001/deadline", $$"""{"dueAt":"{{DateTimeOffset.UtcNow.AddDays(20):O}}","reason":"Next meeting"}""", Rule.ChairOnly),
        ("POST", Queue + "/NG9001/review", null, Rule.ChairOnly),
    ];

    public static TheoryData<int, Who> Matrix()
    {
        var data = new TheoryData<int, Who>();
        for (var route = 0; route < Routes.Length; route++)
            foreach (var who in Enum.GetValues<Who>()) data.Add(route, who);
        return data;
    }

    /// <summary>"Allowed" means the request got past access control: a 2xx, or 409 for the state (import off, not yet relevant).</summary>
    private static int[] Expected(Rule rule, Who who)
    {
        int[] allowed = [200, 201, 202, 204, 409];
        var member = who is Who.Chair or Who.TriageLead or Who.Commissioner or Who.FinanceLead;
        return rule switch
        {
            Rule.SignedIn => [200],
            Rule.CatalogueAdmin => who == Who.Chair ? allowed : [403],
            Rule.Member => member ? [200] : [404],
            Rule.Triage => !member ? [404] : who is Who.Chair or Who.TriageLead ? allowed : [403],
            Rule.ChairOnly => !member ? [404] : who == Who.Chair ? allowed : [403],
            _ => [],
        };
    }

    private static string Document() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", "ng9001-v1.json"))
            .Replace("\"/Date(1552003200000+0000)/\"", $"\"{DateTime.UtcNow.AddDays(-2):yyyy-MM-dd}\"");

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_route_answers_each_user_by_the_rules_and_a_refusal_appends_nothing(int route, Who who)
    {
        var (method, path, body, rule) = Routes[route];
        // Given: NG9001, published two days ago, in the demo group's triage queue.
        Assert.Equal(HttpStatusCode.Created, (await Api.AddToCatalogue(Document())).StatusCode);
        await Wait.Until(async () => await Api.Read<TriagePage>(await Api.Get(Users[Who.Chair], Queue)), p => p.Total == 1, "NG9001 in the queue");
        var before = await AllEventsCount();

        var response = await Api.Send(Users[who], new HttpMethod(method), path, body == "{document}" ? Document().Replace("2019", "2020") : body);
        var status = (int)response.StatusCode;

        Assert.True(Expected(rule, who).Contains(status),
            $"{method} {path} as {who}: got {status}, expected {string.Join(" or ", Expected(rule, who))}. {await response.Content.ReadAsStringAsync()}");
        if (status is 403 or 404)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, await AllEventsCount());
        }
    }
}
