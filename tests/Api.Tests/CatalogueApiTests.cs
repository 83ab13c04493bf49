using System.Net;
using System.Text;
using System.Text.Json;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Catalogue;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The national catalogue over HTTP: its administrators add NICE's structured documents; anyone signed in
/// browses, searches and reads a product's versions; everyone else is refused and nothing is appended.
/// </summary>
public class CatalogueApiTests(AppFixture app) : IntegrationTest(app)
{
    private const string Admin = "amara.okafor"; // Catalogue:Admins in appsettings.Development.json
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", name));

    private static string Updated(string json) =>
        json.Replace("/Date(1682502323341+0100)/", "/Date(1710000000000+0000)/")
            .Replace("""<span class=\"paragraph-number\">2.1</span>""", """<span class=\"paragraph-number\">2.2</span>""");

    private Task<HttpResponseMessage> Upload(string? user, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalogue/documents") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (user is not null) request.Headers.Add(GuidanceFlow.Api.Identity.DevelopmentAuthenticationHandler.Header, user);
        return Host.Server.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task An_administrator_adds_a_product_once_and_then_its_new_version_with_what_changed()
    {
        var created = await Api.Read<CatalogueVersionRecorded>(await Upload(Admin, Fixture("ng9001-v1.json")), HttpStatusCode.Created);
        Assert.Equal(("NG9001", 1, true), (created.GuidanceNumber, created.Version, created.Appended));
        var again = await Api.Read<CatalogueVersionRecorded>(await Upload(Admin, Fixture("ng9001-v1.json")));
        Assert.Equal((1, false), (again.Version, again.Appended));

        var next = await Api.Read<CatalogueVersionRecorded>(await Upload(Admin, Updated(Fixture("ng9001-v1.json"))), HttpStatusCode.Created);
        Assert.Equal(2, next.Version);
        var product = await Api.Read<CatalogueProduct>(await Api.Get("tom.hadley", "/api/catalogue/ng9001"));
        Assert.Equal(["1.1.1", "1.1.2", "1.1.3", "1.1.4.2", "2.2"], product.Product.Recommendations.Select(r => r.Number));
        Assert.Equal(RecommendationStrength.LegalDuty, product.Product.Recommendations[^1].Strength);
        Assert.Equal(["first published", "1 recommendation renumbered"], product.Versions.Select(v => v.Summary));
        Assert.Equal(new RecommendationChange(RecommendationChangeKind.Renumbered, "2.2", "2.1"), product.Versions[1].Changes.Single());
    }

    [Fact]
    public async Task An_upload_retried_with_its_idempotency_key_gets_the_first_answer()
    {
        var key = Guid.NewGuid().ToString();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalogue/documents")
                { Content = new StringContent(Fixture("ta9002.json"), Encoding.UTF8, "application/json") };
            request.Headers.Add(GuidanceFlow.Api.Identity.DevelopmentAuthenticationHandler.Header, Admin);
            request.Headers.Add("Idempotency-Key", key);
            answers.Add(await Host.Server.CreateClient().SendAsync(request));
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], answers.Select(a => a.StatusCode));
        Assert.Equal(await answers[0].Content.ReadAsStringAsync(), await answers[1].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anyone_signed_in_searches_the_catalogue_by_number_title_type_and_date()
    {
        await Upload(Admin, Fixture("ng9001-v1.json"));
        await Upload(Admin, Fixture("ta9002.json"));
        async Task<string[]> Search(string query) =>
            (await Api.Read<CataloguePage>(await Api.Get("margaret.ellis", "/api/catalogue" + query))).Items.Select(i => i.GuidanceNumber).ToArray();

        Assert.Equal(["TA9002", "NG9001"], await Search(""));
        Assert.Equal(["NG9001"], await Search("?q=hydration"));
        Assert.Equal(["TA9002"], await Search("?q=ta90"));
        Assert.Equal(["TA9002"], await Search("?type=TA"));
        Assert.Equal(["NG9001"], await Search("?publishedTo=2020-01-01"));
        Assert.Equal((2, 1), ((await Api.Read<CataloguePage>(await Api.Get(Admin, "/api/catalogue?pageSize=1&page=2"))).Total,
            (await Api.Read<CataloguePage>(await Api.Get(Admin, "/api/catalogue?pageSize=1&page=2"))).Items.Count));
        await Api.Problem(await Api.Get(Admin, "/api/catalogue/NG404"), 404);
        await Api.Problem(await Api.Get(Admin, "/api/catalogue/not-a-number"), 400);
    }

    [Fact]
    public async Task Only_administrators_add_documents_and_a_refusal_appends_nothing()
    {
        var before = await AllEventsCount();
        foreach (var user in new[] { "tom.hadley", "rachel.stone", "margaret.ellis" })
            Assert.Contains("Catalogue:Admins", (await Api.Problem(await Upload(user, Fixture("ng9001-v1.json")), 403)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Upload(null, Fixture("ng9001-v1.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Send(null, HttpMethod.Get, "/api/catalogue")).StatusCode);
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task A_document_that_cannot_be_used_is_refused_with_its_reasons_and_nothing_is_appended()
    {
        var before = await AllEventsCount();
        var malformed = await Api.Problem(await Upload(Admin, Fixture("malformed.json")), 400);
        var reasons = malformed.GetProperty("errors").GetProperty("document").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["LastModified 'last Tuesday' is not a date.",
            "A recommendation in the chapter '1 Recommendations', section 'First' has no paragraph number."], reasons);
        await Api.Problem(await Upload(Admin, "{\"GuidanceNumber\":"), 400);
        await Api.Problem(await Upload(Admin, "[]"), 400);
        await Api.Problem(await Upload(Admin, Fixture("ng9001-v1.json"), "text/plain"), 415);
        await Api.Problem(await Upload(Admin, JsonSerializer.Serialize(new { Padding = new string('x', 2_000_000) })), 413);
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task An_administrator_types_a_product_in_by_hand_and_bad_fields_are_named()
    {
        var body = new
        {
            guidanceNumber = "qs9020", title = "Falls prevention standard", issued = "2026-06-01",
            recommendations = new[] { new { number = "1.1", text = "Offer a falls risk check at the annual review. [2026]" }, new { number = "1.2", text = "Consider a home visit." } },
        };
        var before = await AllEventsCount();
        await Api.Problem(await Api.Post("tom.hadley", "/api/catalogue/products", body), 403);
        var bad = await Api.Problem(await Api.Post(Admin, "/api/catalogue/products", new
        {
            guidanceNumber = "XX1", title = "", issued = "2099-01-01", recommendations = new[] { new { number = "1", text = "" } },
        }), 400);
        Assert.Equal(["guidanceNumber", "issued", "recommendations[0].number", "recommendations[0].text", "title"],
            bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(before, await AllEventsCount());

        var created = await Api.Read<CatalogueVersionRecorded>(await Api.Post(Admin, "/api/catalogue/products", body), HttpStatusCode.Created);
        Assert.Equal(("QS9020", 1), (created.GuidanceNumber, created.Version));
        var product = await Api.Read<CatalogueProduct>(await Api.Get("tom.hadley", "/api/catalogue/QS9020"));
        Assert.Equal((GuidanceType.QS, "2026"), (product.Product.Type, product.Product.Recommendations[0].YearTag));
        Assert.Equal(RecommendationStrength.Conditional, product.Product.Recommendations[1].Strength);
        Assert.Equal("by hand", product.Versions.Single().Source);
    }
}
