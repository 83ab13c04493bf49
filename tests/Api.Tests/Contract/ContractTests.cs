using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GuidanceFlow.Api.Identity;

namespace GuidanceFlow.Api.Tests.Contract;

/// <summary>
/// The contract test proper, generated from the OpenAPI document: every documented operation is called — with its
/// documented example body as the chair, signed out, and as someone outside the group — and every answer, success
/// or error, must be one the document declares (status, headers, body by its schema). Every other test of this
/// project holds its own answers to the same document (IntegrationTest.DisposeAsync).
/// </summary>
public sealed class ContractTests(AppFixture app) : IntegrationTest(app)
{
    private const string Outsider = "margaret.ellis";

    [Fact]
    public async Task Every_documented_operation_answers_as_the_document_says()
    {
        var contract = await App.Contract;
        var product = await Api.AddToCatalogue(await File.ReadAllTextAsync(Path.Combine("Fixtures", "Nice", "ng9001-v1.json")));
        Assert.True(product.IsSuccessStatusCode, await product.Content.ReadAsStringAsync());
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        var values = new Dictionary<string, string>
        {
            ["id"] = review.Id.ToString(),
            ["stakeholderId"] = "tom.hadley",
            ["name"] = DemoUsers.Group,
            ["userId"] = "mark.fenwick",
            ["number"] = "NG9001",
            ["code"] = DemoUsers.Get("tom.hadley").OrganisationCode!,
            ["group"] = DemoUsers.Group,
            ["deliveryId"] = Guid.NewGuid().ToString(),
            ["guidance"] = "NG9001",
            ["measureId"] = Guid.NewGuid().ToString(),
            ["cycleId"] = Guid.NewGuid().ToString(),
            ["period"] = "2025-01-01",
        };
        App.Answers.Drain();

        var broken = new List<string>();
        var called = new List<string>();
        foreach (var (method, template, operation) in contract.Operations)
        {
            foreach (var user in new[] { Api.Chair, null, Outsider })
            {
                using var answer = await Send(method, template, operation, values, user);
                var body = await answer.Content.ReadAsStringAsync();
                Assert.True((int)answer.StatusCode < 500, $"{method} {template} as {user ?? "nobody"}: {(int)answer.StatusCode} {body}");
                if (user is null) Assert.Equal(401, (int)answer.StatusCode);
            }
            called.Add($"{method} {template}");
            foreach (var exchange in App.Answers.Drain()) broken.AddRange(contract.Check(exchange));
        }
        Assert.True(broken.Count == 0, "Answers that break the OpenAPI document:\n" + string.Join("\n", broken.Distinct().Take(40)));
        // Generated from the document, so nothing documented is left out; and the document lists every route the API has.
        Assert.Equal(contract.Operations.Count(), called.Distinct().Count());
    }

    [Fact]
    public async Task Each_request_body_has_an_example_valid_by_its_own_schema()
    {
        var contract = await App.Contract;
        var problems = new List<string>();
        foreach (var (method, template, operation) in contract.Operations)
        {
            if (operation["requestBody"]?["content"]?["application/json"] is not { } json) continue;
            if (json["example"] is not { } example)
            {
                problems.Add($"{method} {template}: no example of its body");
                continue;
            }
            problems.AddRange(contract.Validate(json["schema"]!, example, $"{method} {template} example"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_document_declares_who_may_call_and_a_unique_id_for_each_operation()
    {
        var contract = await App.Contract;
        var schemes = contract.Document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("X-Dev-User", schemes["developmentUser"]!["name"]!.GetValue<string>()); // the tests run in Development
        var ids = contract.Operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (method, template, operation) in contract.Operations)
            Assert.True(operation["responses"]!["401"] is not null, $"{method} {template} does not declare 401");
    }

    private async Task<HttpResponseMessage> Send(string method, string template, JsonObject operation,
        Dictionary<string, string> values, string? user)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}:]+)[^}]*\}", m => Uri.EscapeDataString(values[m.Groups[1].Value]));
        var query = (operation["parameters"]?.AsArray() ?? [])
            .Where(p => p!["in"]!.GetValue<string>() == "query" && p["required"]?.GetValue<bool>() == true)
            .Select(p => $"{p!["name"]}={Uri.EscapeDataString(values[p["name"]!.GetValue<string>()])}");
        var request = new HttpRequestMessage(new HttpMethod(method), path + (query.Any() ? "?" + string.Join('&', query) : ""));
        if (user is not null) request.Headers.Add(DevelopmentAuthenticationHandler.Header, user);
        if (operation["requestBody"]?["content"]?.AsObject() is { } content)
        {
            if (content["application/json"]?["example"]?.DeepClone() is JsonObject example)
            {
                // The example's version is the one in the story it tells; this review's is its own.
                example.Remove("version");
                request.Content = new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json");
            }
            else
            {
                // An upload (a workbook, a NICE document): something of the declared type that is not a valid one.
                var media = content.First().Key;
                request.Content = new ByteArrayContent("not a valid upload"u8.ToArray());
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(media);
            }
        }
        using var http = Host.Server.CreateClient();
        return await http.SendAsync(request);
    }
}
