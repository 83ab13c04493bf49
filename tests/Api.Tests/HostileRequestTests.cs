using System.Net;
using System.Text;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Requests malformed in their shape rather than their fields — control characters in the query,
/// enums as numbers, duplicate JSON keys, bodies that are not UTF-8 JSON, weak If-Match, stakeholder
/// ids that name one person twice: each gets a clear 400/412/415 with problem details and appends nothing.
/// </summary>
public class HostileRequestTests(AppFixture app) : IntegrationTest(app)
{
    private const string Chair = Api.Chair;

    private async Task Refused(HttpResponseMessage response, int status, string? field = null)
    {
        var problem = await Api.Problem(response, status);
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Theory]
    [InlineData("/api/reviews?q=a%00b", "q")]
    [InlineData("/api/reviews?group=%00", "group")]
    [InlineData("/api/deadlines?group=Riverside%00", "group")]
    [InlineData("/api/audit/decisions?group=%00", "group")]
    [InlineData("/api/finance?group=%01", "group")]
    public async Task Control_characters_in_the_query_are_refused_naming_the_parameter(string url, string field) =>
        await Refused(await Api.Get(Chair, url), 400, field);

    [Theory]
    [InlineData("/api/reviews?status=99", "status")]
    [InlineData("/api/reviews?status=1", "status")]
    [InlineData("/api/reviews?type=-1", "type")]
    public async Task An_enum_in_the_query_is_given_by_name_not_number(string url, string field) =>
        await Refused(await Api.Get(Chair, url), 400, field);

    [Fact]
    public async Task Enums_by_name_still_filter() =>
        Assert.Equal(HttpStatusCode.OK, (await Api.Get(Chair, "/api/reviews?status=AwaitingResponses&type=NG")).StatusCode);

    [Fact]
    public async Task A_duplicate_json_key_is_refused_so_version_null_cannot_skip_the_stale_check()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));
        var before = await AllEventsCount();
        var body = $$"""{"responses":[{"recommendationNumber":"1.1.1","compliance":"NotMet"}],"version":{{review.Version}},"version":null}""";
        await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley", body), 400);
        Assert.Equal(before, await AllEventsCount());
    }

    [Theory]
    [InlineData("application/evil+json")]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_body_that_is_not_utf8_json_is_415_and_appends_nothing(string contentType)
    {
        var before = await AllEventsCount();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reviews")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(
                """{"guidanceId":"NG115","guidanceType":"NG","title":"COPD","publishedOn":"2018-12-05","group":"Riverside NICE implementation group"}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add(GuidanceFlow.Api.Identity.DevelopmentAuthenticationHandler.Header, Chair);
        using var http = Host.Server.CreateClient();
        await Api.Problem(await http.SendAsync(request), 415);
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task A_weak_if_match_never_matches_412_and_appends_nothing()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var before = await AllEventsCount();
        await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }, ifMatch: $"W/\"{review.Version}\""), 412);
        Assert.Equal(before, await AllEventsCount());
        // The strong form of the same tag is taken.
        Assert.Equal(HttpStatusCode.OK, (await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }, ifMatch: $"\"{review.Version}\"")).StatusCode);
    }

    private static object Person(string id) => new
    {
        stakeholderId = id, name = "Dr Tom Hadley", email = "tom.hadley@riverside.example.nhs.uk", organisation = "Riverside Hospitals",
        sector = "Secondary", discipline = "Consultant",
    };

    [Theory]
    [InlineData("Tom.Hadley")]
    [InlineData("TOM.HADLEY")]
    public async Task A_stakeholder_id_differing_only_by_case_is_the_same_person(string id)
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var before = await AllEventsCount();
        await Api.Problem(await Api.Post(Chair, $"/api/reviews/{review.Id}/stakeholders", new { stakeholders = new[] { Person(id) } }), 409);
        await Api.Problem(await Api.Post(Chair, $"/api/reviews/{review.Id}/stakeholders",
            new { stakeholders = new[] { Person("claire.b"), Person("Claire.B") } }), 400);
        Assert.Equal(before, await AllEventsCount());
    }

    [Theory]
    [InlineData("tom.hadley.")]
    [InlineData(".tom")]
    [InlineData("tom-")]
    public async Task A_stakeholder_id_starts_and_ends_with_a_letter_or_digit(string id)
    {
        var review = await Api.ReviewInWindow("sunil.mehta");
        var before = await AllEventsCount();
        var problem = await Api.Problem(await Api.Post(Chair, $"/api/reviews/{review.Id}/stakeholders", new { stakeholders = new[] { Person(id) } }), 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("stakeholders[0].stakeholderId", out _), problem.ToString());
        Assert.Equal(before, await AllEventsCount());
    }
}
