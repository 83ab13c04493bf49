using System.Text.Json.Nodes;
using CsCheck;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Property: whatever is thrown at the write endpoints — valid payloads with random fields replaced,
/// removed or added, or replaced whole — the answer is never a 5xx, and events are appended exactly
/// when the answer is a success.
/// </summary>
public class PropertyTests(AppFixture app) : IntegrationTest(app)
{
    // More with GUIDANCEFLOW_PROPERTY_ITERATIONS=5000 when hunting.
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("GUIDANCEFLOW_PROPERTY_ITERATIONS"), out var n) ? n : 250;

    private sealed record Target(string User, string Method, string Path, string ValidBody);

    private sealed record Mutation(int Kind, int Where, JsonNode? Value, string Key);

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char[' ', '~'], 0, 40], Gen.Const(""), Gen.Const("<script>alert(1)</script>"), Gen.Const("x\u202Ey"),
        Gen.Const("'; DROP TABLE mt_events;--"), Gen.Const(new string('a', 5000)), Gen.Const("NG115"), Gen.Const("Met"),
        Gen.Const("1.1.1"), Gen.Const("2026-02-30"), Gen.Const("tom.hadley"), Gen.Const("\u0000"), Gen.Const("é漢字🙂"));

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : -1.5)),
        Gen.Decimal.Select(d => (JsonNode?)JsonValue.Create(d)),
        Text.Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> Value = Gen.OneOf(
        Leaf,
        Leaf.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray())),
        Gen.Select(Text, Leaf, (key, v) => (JsonNode?)new JsonObject { [key] = v?.DeepClone() }));

    private static readonly Gen<Mutation> Mutations =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1000], Value, Text, (kind, where, value, key) => new Mutation(kind, where, value, key));

    [Fact]
    public async Task Generated_payloads_never_cause_a_5xx_or_a_partial_write()
    {
        var inWindow = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        var opened = await Api.OpenReview("NG33", "NG", "Tuberculosis");
        var deadline = DateTimeOffset.UtcNow.AddDays(20).ToString("O");
        // A review that the generated commands may close or decide, away from the others.
        var closing = await Api.ReviewInWindow("tom.hadley");
        await Api.CloseWindow(closing.Id);
        var targets = new Target[]
        {
            new("amara.okafor", "POST", "/api/reviews",
                """{"guidanceId":"NG115","guidanceType":"NG","title":"COPD","publishedOn":"2018-12-05","group":"Riverside"}"""),
            new("amara.okafor", "POST", $"/api/reviews/{opened.Id}/grid",
                """{"recommendations":[{"number":"1.1.1","text":"Do it","settings":["Acute"]},{"number":"1.2","text":"Then this","settings":[]}]}"""),
            new("amara.okafor", "POST", $"/api/reviews/{opened.Id}/stakeholders",
                """{"stakeholders":[{"stakeholderId":"claire.baxter","name":"Dr Claire Baxter","email":"claire@example.nhs.uk","organisation":"Millbrook Surgery","sector":"Primary","discipline":"GP"}]}"""),
            new("amara.okafor", "POST", $"/api/reviews/{inWindow.Id}/deadlines/extend",
                $$"""{"deadline":"ResponseWindow","newDue":"{{DateTimeOffset.UtcNow.AddDays(60):O}}","reason":"Holidays"}"""),
            new("tom.hadley", "PUT", $"/api/reviews/{inWindow.Id}/responses/tom.hadley",
                """{"responses":[{"recommendationNumber":"1.1.1","compliance":"PartiallyMet","barriers":"Staff","estimatedOneOffCost":1200.50,"targetDate":"2027-03-31"}]}"""),
            new("mark.fenwick", "POST", $"/api/reviews/{inWindow.Id}/financial-impact",
                """{"localPopulation":300000,"lines":[{"organisation":"ICB","sector":"Commissioner","years":[{"year":1,"recurrentCost":100}]}]}"""),
            new("amara.okafor", "POST", $"/api/reviews/{opened.Id}/response-window", $$"""{"deadline":"{{deadline}}"}"""),
            new("amara.okafor", "POST", $"/api/reviews/{inWindow.Id}/decision-meeting", $$"""{"meetingAt":"{{DateTimeOffset.UtcNow.AddDays(40):O}}"}"""),
            new("tom.hadley", "PUT", $"/api/reviews/{inWindow.Id}/responses/tom.hadley/draft",
                """{"responses":[{"recommendationNumber":"1.2.1","compliance":"NotMet","actionsNeeded":"Train"}]}"""),
            new("tom.hadley", "PUT", $"/api/reviews/{inWindow.Id}/responses/tom.hadley/delegate", """{"delegateUserId":"priya.nair","delegateName":"Priya Nair"}"""),
            new("mark.fenwick", "POST", $"/api/reviews/{closing.Id}/financial-impact",
                """{"localPopulation":300000,"lines":[{"recommendationNumber":"1.1.1","organisation":"Trust","sector":"Secondary","years":[{"year":2,"oneOffCost":10,"recurrentSaving":4}]}]}"""),
            new("amara.okafor", "POST", $"/api/reviews/{closing.Id}/financial-impact/not-needed", """{"reason":"Within budgets"}"""),
            new("amara.okafor", "POST", $"/api/reviews/{closing.Id}/decision",
                $$"""{"outcome":"ImplementWithLocalVariation","rationale":"Evidence","actions":[{"description":"Train","owner":"Lead","due":"{{DateTime.UtcNow.AddMonths(2):yyyy-MM-dd}}"}]}"""),
            new("amara.okafor", "POST", $"/api/reviews/{closing.Id}/close", """{"reason":"Done"}"""),
            new("amara.okafor", "POST", $"/api/reviews/{inWindow.Id}/response-window/close", """{"version":null}"""),
            new("amara.okafor", "PUT", $"/api/groups/{Uri.EscapeDataString("Riverside NICE implementation group")}/members/claire.baxter",
                """{"name":"Dr Claire Baxter","roles":["FinanceLead"]}"""),
        };

        var cases = Gen.Select(Gen.Int[0, targets.Length - 1], Mutations.Array[1, 3]);
        var checkedCount = 0;
        await cases.SampleAsync(async (index, mutations) =>
        {
            var target = targets[index];
            var body = Mutate(target.ValidBody, mutations);
            var before = await AllEventsCount();
            var response = await Api.Send(target.User, new HttpMethod(target.Method), target.Path, body);
            var after = await AllEventsCount();
            var status = (int)response.StatusCode;

            if (status >= 500) throw new Exception($"{status} for {target.Method} {target.Path}: {body}\n{await response.Content.ReadAsStringAsync()}");
            // (A draft or a membership change is a document, not an event: those succeed without appending.)
            var appends = !target.Path.EndsWith("/draft") && !target.Path.StartsWith("/api/groups");
            if (appends && status is >= 200 and < 300 && after <= before) throw new Exception($"{status} but nothing appended: {body}");
            if (status >= 400 && after != before) throw new Exception($"{status} but {after - before} events appended: {body}");
            Interlocked.Increment(ref checkedCount);
        }, iter: Iterations, threads: 1);

        Assert.Equal(Iterations, checkedCount);
    }

    private static string Mutate(string valid, Mutation[] mutations)
    {
        var root = JsonNode.Parse(valid);
        foreach (var m in mutations)
        {
            if (m.Kind == 3) { root = m.Value?.DeepClone(); continue; }
            var objects = new List<JsonObject>();
            Collect(root, objects);
            if (objects.Count == 0) continue;
            var target = objects[m.Where % objects.Count];
            var names = target.Select(p => p.Key).ToList();
            switch (m.Kind)
            {
                case 0 when names.Count > 0: target[names[m.Where % names.Count]] = m.Value?.DeepClone(); break;
                case 1 when names.Count > 0: target.Remove(names[m.Where % names.Count]); break;
                default: target[m.Key] = m.Value?.DeepClone(); break;
            }
        }
        return root?.ToJsonString() ?? "null";
    }

    private static void Collect(JsonNode? node, List<JsonObject> objects)
    {
        switch (node)
        {
            case JsonObject o:
                objects.Add(o);
                foreach (var (_, child) in o) Collect(child, objects);
                break;
            case JsonArray a:
                foreach (var child in a) Collect(child, objects);
                break;
        }
    }
}
