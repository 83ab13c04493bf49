using System.Net;
using System.Text;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A catalogue of hostile requests against the write endpoints: each is answered 400, 404, 409 or
/// 413 with problem details — never a 5xx — and appends nothing.
/// </summary>
public class HostileInputTests(AppFixture app) : IntegrationTest(app)
{
    private const string Chair = "amara.okafor";
    private const string Tom = "tom.hadley";
    private const string Finance = "mark.fenwick";

    private static readonly string Future = DateTimeOffset.UtcNow.AddDays(20).ToString("O");
    private static readonly string Triage = $"/api/groups/{Uri.EscapeDataString(GuidanceFlow.Api.Identity.DemoUsers.Group)}/triage";
    private static readonly string Past = DateTimeOffset.UtcNow.AddDays(-2).ToString("O");
    private static readonly string FutureDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(6)).ToString("yyyy-MM-dd");

    private static string Open(string guidanceId = "NG115", string type = "\"NG\"", string title = "\"COPD\"", string published = "\"2018-12-05\"",
        string group = "\"Riverside\"") =>
        $$"""{"guidanceId":{{Json(guidanceId)}},"guidanceType":{{type}},"title":{{title}},"publishedOn":{{published}},"group":{{group}}}""";

    private static string Rec(string number = "1.1.1", string text = "\"Do it\"", string settings = "[]") =>
        $$"""{"number":{{Json(number)}},"text":{{text}},"settings":{{settings}}}""";

    private static string Person(string id = "claire.baxter", string email = "claire@example.nhs.uk", string sector = "\"Primary\"",
        string code = "null") =>
        $$"""{"stakeholderId":{{Json(id)}},"name":"Dr Claire Baxter","email":{{Json(email)}},"organisation":"Millbrook Surgery","sector":{{sector}},"discipline":"GP","organisationCode":{{code}}}""";

    private static string Answer(string number = "1.1.1", string compliance = "\"Met\"", string extra = "") =>
        $$"""{"recommendationNumber":{{Json(number)}},"compliance":{{compliance}}{{extra}}}""";

    private static string Line(string population = "300000", string year = "1", string saving = "0", string lines = "") =>
        lines.Length > 0 ? $$"""{"localPopulation":{{population}},"lines":{{lines}}}"""
            : $$"""{"localPopulation":{{population}},"lines":[{"organisation":"ICB","sector":"Commissioner","years":[{"year":{{year}},"recurrentCost":100,"oneOffSaving":{{saving}}}]}]}""";

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
    private static string Long(int n) => Json(new string('x', n));

    public static TheoryData<string, string, string, string, string, int[]> Catalogue() => new()
    {
        // name, user, method, path ({id} = a review in its response window), body, accepted statuses
        { "empty body", Chair, "POST", "/api/reviews", "", [400] },
        { "catalogue: empty body", Chair, "POST", "/api/catalogue/documents", "", [400] },
        { "catalogue: truncated json", Chair, "POST", "/api/catalogue/documents", "{\"GuidanceNumber\":", [400] },
        { "catalogue: array body", Chair, "POST", "/api/catalogue/documents", "[]", [400] },
        { "catalogue: empty object", Chair, "POST", "/api/catalogue/documents", "{}", [400] },
        { "catalogue: nested 200 deep", Chair, "POST", "/api/catalogue/documents", new string('[', 200) + new string(']', 200), [400] },
        { "catalogue: chapters not a list", Chair, "POST", "/api/catalogue/documents",
            """{"GuidanceNumber":"NG1","Title":"t","Issued":"2020-01-01","LastModified":"2020-01-01","Chapters":"all of them"}""", [400] },
        { "catalogue: bad number", Chair, "GET", "/api/catalogue/%27%3B%20DROP", "", [400] },

        { "triage: unknown outcome", Chair, "POST", $"{Triage}/NG9001", "{\"outcome\":\"Maybe\"}", [400] },
        { "triage: no outcome", Chair, "POST", $"{Triage}/NG9001", "{}", [400] },
        { "triage: null body", Chair, "POST", $"{Triage}/NG9001", "null", [400] },
        { "triage: services not a list", Chair, "POST", $"{Triage}/NG9001", "{\"outcome\":\"Relevant\",\"services\":\"all\"}", [400] },
        { "triage: 21 services", Chair, "POST", $"{Triage}/NG9001",
            $"{{\"outcome\":\"Relevant\",\"services\":[{string.Join(",", Enumerable.Range(1, 21).Select(i => $"\"s{i}\""))}],\"clinicalLead\":\"a\",\"managerialLead\":\"b\"}}", [400] },
        { "triage: relevant without leads", Chair, "POST", $"{Triage}/NG9001", "{\"outcome\":\"Relevant\",\"services\":[\"x\"]}", [400] },
        { "triage: control characters in the reason", Chair, "POST", $"{Triage}/NG9001", "{\"outcome\":\"NotRelevant\",\"reason\":\"a\\u0000b\"}", [400] },
        { "triage: reason of 5,000 characters", Chair, "POST", $"{Triage}/NG9001", $"{{\"outcome\":\"NotRelevant\",\"reason\":\"{new string('x', 5000)}\"}}", [400] },
        { "triage: product not in the queue", Chair, "POST", $"{Triage}/NG9999", "{\"outcome\":\"NotRelevant\",\"reason\":\"r\"}", [404] },
        { "triage: not a guidance number", Chair, "POST", $"{Triage}/%27%3B%20DROP", "{\"outcome\":\"NotRelevant\",\"reason\":\"r\"}", [400] },
        { "triage: a group that does not exist", Chair, "POST", "/api/groups/Nowhere/triage/NG9001", "{\"outcome\":\"NotRelevant\",\"reason\":\"r\"}", [404] },
        { "triage: unknown filter", Chair, "GET", $"{Triage}?show=Everything", "", [400] },
        { "triage: deadline in the past", Chair, "PUT", $"{Triage}/NG9001/deadline", $"{{\"dueAt\":\"{Past}\",\"reason\":\"x\"}}", [400] },
        { "triage: deadline without a reason", Chair, "PUT", $"{Triage}/NG9001/deadline", $"{{\"dueAt\":\"{Future}\",\"reason\":\" \"}}", [400] },
        { "triage: deadline not a date", Chair, "PUT", $"{Triage}/NG9001/deadline", "{\"dueAt\":\"soon\",\"reason\":\"x\"}", [400] },
        { "triage: review of a product not in the queue", Chair, "POST", $"{Triage}/NG9999/review", "", [404] },
        { "nice update: body not an object", Chair, "POST", "/api/reviews/{id}/nice-update", "[]", [400] },
        { "nice update: a review on no catalogue version", Chair, "POST", "/api/reviews/{id}/nice-update", "", [409] },
        { "funding period of 0 days", Chair, "POST", "/api/reviews/{id}/funding-period", "{\"days\":0,\"reason\":\"x\"}", [400] },
        { "funding period of 10,000 days", Chair, "POST", "/api/reviews/{id}/funding-period", "{\"days\":10000,\"reason\":\"x\"}", [400] },
        { "funding period as text", Chair, "POST", "/api/reviews/{id}/funding-period", "{\"days\":\"thirty\",\"reason\":\"x\"}", [400] },
        { "funding period of a guideline", Chair, "POST", "/api/reviews/{id}/funding-period", "{\"days\":30,\"reason\":\"x\"}", [409] },
        { "action progress: null body", Chair, "POST", "/api/reviews/{id}/actions/1/progress", "null", [400] },
        { "action progress: unknown status", Chair, "POST", "/api/reviews/{id}/actions/1/progress", "{\"status\":\"Nearly\"}", [400] },
        { "action progress: status as a number", Chair, "POST", "/api/reviews/{id}/actions/1/progress", "{\"status\":2}", [400] },
        { "action progress: blocked without a reason", Chair, "POST", "/api/reviews/{id}/actions/1/progress", "{\"status\":\"Blocked\"}", [400] },
        { "action progress: evidence that is not a web address", Chair, "POST", "/api/reviews/{id}/actions/1/progress",
            "{\"status\":\"Done\",\"evidence\":[\"file:///etc/passwd\"]}", [400] },
        { "action progress: 11 pieces of evidence", Chair, "POST", "/api/reviews/{id}/actions/1/progress",
            $"{{\"status\":\"Done\",\"evidence\":[{string.Join(",", Enumerable.Range(1, 11).Select(i => $"\"https://example.nhs.uk/{i}\""))}]}}", [400] },
        { "action progress: a note of 4,001 characters", Chair, "POST", "/api/reviews/{id}/actions/1/progress", $"{{\"status\":\"Done\",\"note\":{Long(4001)}}}", [400] },
        { "action progress: on a review not yet decided", Chair, "POST", "/api/reviews/{id}/actions/1/progress", "{\"status\":\"Done\"}", [409] },
        { "action progress: an action number that is not a number", Chair, "POST", "/api/reviews/{id}/actions/one/progress", "{\"status\":\"Done\"}", [404] },
        { "decision: an action owner's email that is not one", Chair, "POST", "/api/reviews/{id}/decision",
            "{\"outcome\":\"Implement\",\"rationale\":\"r\",\"actions\":[{\"description\":\"d\",\"owner\":\"o\",\"due\":\"2027-01-01\",\"ownerEmail\":\"not-an-email\"}]}", [400] },
        { "decision: two actions that say the same", Chair, "POST", "/api/reviews/{id}/decision",
            "{\"outcome\":\"Implement\",\"rationale\":\"r\",\"actions\":[{\"description\":\"d\",\"owner\":\"o\",\"due\":\"2027-01-01\"},{\"description\":\" d \",\"owner\":\"p\",\"due\":\"2027-02-01\"}]}", [400] },
        { "null body", Chair, "POST", "/api/reviews", "null", [400] },
        { "array body", Chair, "POST", "/api/reviews", "[]", [400] },
        { "truncated json", Chair, "POST", "/api/reviews", "{\"guidanceId\":", [400] },
        { "empty object", Chair, "POST", "/api/reviews", "{}", [400] },
        { "trailing garbage", Chair, "POST", "/api/reviews", Open() + "}}", [400] },
        { "enum as number", Chair, "POST", "/api/reviews", Open(type: "1"), [400] },
        { "unknown guidance type", Chair, "POST", "/api/reviews", Open(type: "\"XX\""), [400] },
        { "date not a date", Chair, "POST", "/api/reviews", Open(published: "\"not-a-date\""), [400] },
        { "date as number", Chair, "POST", "/api/reviews", Open(published: "20181205"), [400] },
        { "guidance not yet published", Chair, "POST", "/api/reviews", Open(published: "\"2999-01-01\""), [409] },
        { "title 10k characters", Chair, "POST", "/api/reviews", Open(title: Long(10_000)), [400] },
        { "title as object", Chair, "POST", "/api/reviews", Open(title: "{\"a\":1}"), [400] },
        { "title null", Chair, "POST", "/api/reviews", Open(title: "null"), [400] },
        { "sql in guidance id", Chair, "POST", "/api/reviews", Open(guidanceId: "NG115'; DROP TABLE mt_events;--"), [400] },
        { "script in guidance id", Chair, "POST", "/api/reviews", Open(guidanceId: "<script>alert(1)</script>"), [400] },
        { "fullwidth digits in id", Chair, "POST", "/api/reviews", Open(guidanceId: "NG１１５"), [400] },
        { "zero-width space in id", Chair, "POST", "/api/reviews", Open(guidanceId: "NG\u200B115"), [400] },
        { "right-to-left override in title", Chair, "POST", "/api/reviews", Open(title: Json("Cost \u202E0001£")), [400] },
        { "NUL in title", Chair, "POST", "/api/reviews", Open(title: "\"a\\u0000b\""), [400] },
        { "group 500 characters", Chair, "POST", "/api/reviews", Open(group: Long(500)), [404] },
        { "unknown property", Chair, "POST", "/api/reviews", Open()[..^1] + ",\"chairUserId\":\"someone\"}", [400] },
        { "deeply nested json", Chair, "POST", "/api/reviews", new string('[', 200) + new string(']', 200), [400] },
        { "body over 1 MiB", Chair, "POST", "/api/reviews", Open(title: Long(1_100_000)), [413] },

        { "null body on a delegation", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley/delegate", "null", [400] },
        { "null body on group membership", Chair, "PUT", "/api/groups/Riverside/members/claire.baxter", "null", [400] },
        { "null body on a review write", Chair, "POST", "/api/reviews/{id}/stakeholders", "null", [400] },
        { "null recommendation in the grid", Chair, "POST", "/api/reviews/{id}/grid", "{\"recommendations\":[null]}", [400] },
        { "null answer", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley", "{\"responses\":[null]}", [400] },
        { "empty grid", Chair, "POST", "/api/reviews/{id}/grid", "{\"recommendations\":[]}", [400] },
        { "grid not an array", Chair, "POST", "/api/reviews/{id}/grid", "{\"recommendations\":{}}", [400] },
        { "duplicate recommendation numbers", Chair, "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec()},{Rec()}]}}", [400] },
        { "501 recommendations", Chair, "POST", "/api/reviews/{id}/grid",
            $"{{\"recommendations\":[{string.Join(",", Enumerable.Range(1, 501).Select(i => Rec($"1.{i}")))}]}}", [400] },
        { "script in recommendation number", Chair, "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec("1.1<script>")}]}}", [400] },
        { "empty recommendation text", Chair, "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec(text: "\"\"")}]}}", [400] },
        { "settings null", Chair, "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec(settings: "null")}]}}", [400] },
        { "grid after the window opened", Chair, "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec()}]}}", [409] },
        { "stale version field", Chair, "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec()}],\"version\":1}}", [409] },
        { "negative version", Chair, "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec()}],\"version\":-5}}", [400, 409] },

        { "invalid email", Chair, "POST", "/api/reviews/{id}/stakeholders", $"{{\"stakeholders\":[{Person(email: "not-an-email")}]}}", [400] },
        { "sql in stakeholder id", Chair, "POST", "/api/reviews/{id}/stakeholders", $"{{\"stakeholders\":[{Person(id: "x' OR '1'='1")}]}}", [400] },
        { "unknown sector", Chair, "POST", "/api/reviews/{id}/stakeholders", $"{{\"stakeholders\":[{Person(sector: "\"Hospital\"")}]}}", [400] },
        { "same stakeholder twice", Chair, "POST", "/api/reviews/{id}/stakeholders", $"{{\"stakeholders\":[{Person()},{Person()}]}}", [400] },
        { "already invited", Chair, "POST", "/api/reviews/{id}/stakeholders", $"{{\"stakeholders\":[{Person(id: Tom)}]}}", [409] },
        { "lowercase organisation code", Chair, "POST", "/api/reviews/{id}/stakeholders", $"{{\"stakeholders\":[{Person(code: "\"rrv\"")}]}}", [400] },

        { "deadline in the past", Chair, "POST", "/api/reviews/{id}/response-window", $"{{\"deadline\":\"{Past}\"}}", [400] },
        { "deadline in five years", Chair, "POST", "/api/reviews/{id}/response-window",
            $"{{\"deadline\":\"{DateTimeOffset.UtcNow.AddYears(5):O}\"}}", [400] },
        { "deadline in words", Chair, "POST", "/api/reviews/{id}/response-window", "{\"deadline\":\"next Friday\"}", [400] },
        { "window opened twice", Chair, "POST", "/api/reviews/{id}/response-window", $"{{\"deadline\":\"{Future}\"}}", [409] },

        { "re-assessment: deadline in the past", Chair, "POST", "/api/reviews/{id}/reassessment", $"{{\"deadline\":\"{Past}\"}}", [400] },
        { "re-assessment: deadline in words", Chair, "POST", "/api/reviews/{id}/reassessment", "{\"deadline\":\"in a fortnight\"}", [400] },
        { "re-assessment: next review before the deadline", Chair, "POST", "/api/reviews/{id}/reassessment",
            $"{{\"deadline\":\"{Future}\",\"nextReviewDate\":\"2020-01-01\"}}", [400] },
        { "re-assessment: next review date not a date", Chair, "POST", "/api/reviews/{id}/reassessment",
            $"{{\"deadline\":\"{Future}\",\"nextReviewDate\":\"soon\"}}", [400] },
        { "re-assessment: before any decision", Chair, "POST", "/api/reviews/{id}/reassessment", $"{{\"deadline\":\"{Future}\"}}", [409] },
        { "re-assessment: by a stakeholder", Tom, "POST", "/api/reviews/{id}/reassessment", $"{{\"deadline\":\"{Future}\"}}", [403] },

        { "no answers", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley", "{\"responses\":[]}", [400] },
        { "unknown compliance", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley", $"{{\"responses\":[{Answer(compliance: "\"Maybe\"")}]}}", [400] },
        { "compliance as number", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley", $"{{\"responses\":[{Answer(compliance: "0")}]}}", [400] },
        { "negative cost", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley",
            $"{{\"responses\":[{Answer(extra: ",\"estimatedOneOffCost\":-5")}]}}", [400] },
        { "absurd cost", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley",
            $"{{\"responses\":[{Answer(extra: ",\"estimatedRecurrentCost\":1e15")}]}}", [400] },
        { "cost in words", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley",
            $"{{\"responses\":[{Answer(extra: ",\"estimatedRecurrentCost\":\"lots\"")}]}}", [400] },
        { "recommendation not in the grid", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley", $"{{\"responses\":[{Answer("9.9.9")}]}}", [409] },
        { "same recommendation twice", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley", $"{{\"responses\":[{Answer()},{Answer()}]}}", [400] },
        { "date in UK format", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley",
            $"{{\"responses\":[{Answer(extra: ",\"targetDate\":\"31/12/2026\"")}]}}", [400] },
        { "barriers 5000 characters", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley",
            $"{{\"responses\":[{Answer(extra: $",\"barriers\":{Long(5000)}")}]}}", [400] },
        { "bidi override in barriers", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley",
            $"{{\"responses\":[{Answer(extra: $",\"barriers\":{Json("Cost \u202E000,05£")}")}]}}", [400] },
        { "review that does not exist", Tom, "PUT", $"/api/reviews/{Guid.NewGuid()}/responses/tom.hadley", $"{{\"responses\":[{Answer()}]}}", [404] },
        { "another group's review (write)", "ade.adeyemi", "POST", "/api/reviews/{id}/grid", $"{{\"recommendations\":[{Rec()}]}}", [404] },
        { "another group's review (response)", "ade.adeyemi", "PUT", "/api/reviews/{id}/responses/ade.adeyemi", $"{{\"responses\":[{Answer()}]}}", [404] },
        { "another group's review (delegation)", "ade.adeyemi", "PUT", "/api/reviews/{id}/responses/tom.hadley/delegate", "{\"delegateUserId\":\"ade.adeyemi\"}", [404] },
        { "review id not a guid", Chair, "POST", "/api/reviews/not-a-guid/grid", $"{{\"recommendations\":[{Rec()}]}}", [404] },
        { "next steps of an unknown review", Chair, "GET", "/api/reviews/00000000-0000-0000-0000-000000000000/next-steps", "", [404] },
        { "next steps of a review id that is not a guid", Chair, "GET", "/api/reviews/not-a-guid/next-steps", "", [404] },
        { "stakeholder not invited", "claire.baxter", "PUT", "/api/reviews/{id}/responses/claire.baxter", $"{{\"responses\":[{Answer()}]}}", [404] },

        { "population zero", Finance, "POST", "/api/reviews/{id}/financial-impact", Line(population: "0"), [400] },
        { "population 100 million", Finance, "POST", "/api/reviews/{id}/financial-impact", Line(population: "100000000"), [400] },
        { "population overflowing", Finance, "POST", "/api/reviews/{id}/financial-impact", Line(population: "1e400"), [400] },
        { "year six", Finance, "POST", "/api/reviews/{id}/financial-impact", Line(year: "6"), [400] },
        { "negative saving", Finance, "POST", "/api/reviews/{id}/financial-impact", Line(saving: "-1"), [400] },
        { "no cost lines", Finance, "POST", "/api/reviews/{id}/financial-impact", Line(lines: "[]"), [400] },
        { "assessment while responses are open", Finance, "POST", "/api/reviews/{id}/financial-impact", Line(), [409] },

        { "unknown outcome", Chair, "POST", "/api/reviews/{id}/decision", "{\"outcome\":\"Maybe\",\"rationale\":\"r\"}", [400] },
        { "deviation without risk", Chair, "POST", "/api/reviews/{id}/decision", "{\"outcome\":\"DoNotImplement\",\"rationale\":\"r\"}", [400] },
        { "review date in the past", Chair, "POST", "/api/reviews/{id}/decision",
            "{\"outcome\":\"Implement\",\"rationale\":\"r\",\"reviewDate\":\"2020-01-01\"}", [400] },
        { "decision before responses close", Chair, "POST", "/api/reviews/{id}/decision",
            $"{{\"outcome\":\"Implement\",\"rationale\":\"r\",\"reviewDate\":\"{FutureDate}\"}}", [409] },

        { "unknown deadline kind", Chair, "POST", "/api/reviews/{id}/deadlines/extend",
            $"{{\"deadline\":\"Forever\",\"newDue\":\"{Future}\",\"reason\":\"x\"}}", [400] },
        { "extension into the past", Chair, "POST", "/api/reviews/{id}/deadlines/extend",
            $"{{\"deadline\":\"ResponseWindow\",\"newDue\":\"{Past}\",\"reason\":\"x\"}}", [400] },
        { "extension without reason", Chair, "POST", "/api/reviews/{id}/deadlines/extend",
            $"{{\"deadline\":\"ResponseWindow\",\"newDue\":\"{DateTimeOffset.UtcNow.AddDays(60):O}\",\"reason\":\"\"}}", [400] },
        { "extending a statutory deadline", Chair, "POST", "/api/reviews/{id}/deadlines/extend",
            $"{{\"deadline\":\"TechnologyAppraisalFunding\",\"newDue\":\"{DateTimeOffset.UtcNow.AddDays(60):O}\",\"reason\":\"x\"}}", [409] },
        { "closing with an empty reason", Chair, "POST", "/api/reviews/{id}/close", "{\"reason\":\"\"}", [400] },

        { "amending a decision without a reason", Chair, "POST", "/api/reviews/{id}/decision/amendments",
            "{\"outcome\":\"Implement\",\"rationale\":\"r\",\"reason\":\"\"}", [400] },
        { "amending a decision to an unknown outcome", Chair, "POST", "/api/reviews/{id}/decision/amendments",
            "{\"outcome\":\"Maybe\",\"rationale\":\"r\",\"reason\":\"x\"}", [400] },
        { "amending a decision that was never recorded", Chair, "POST", "/api/reviews/{id}/decision/amendments",
            "{\"outcome\":\"Implement\",\"rationale\":\"r\",\"reason\":\"x\"}", [409] },
        { "amending a decision as a stakeholder", Tom, "POST", "/api/reviews/{id}/decision/amendments",
            "{\"outcome\":\"Implement\",\"rationale\":\"r\",\"reason\":\"x\"}", [403] },
        { "a reminder asked for by a stakeholder", Tom, "POST", "/api/reviews/{id}/reminders", "", [403] },
        { "a reminder with a body that is not JSON", Chair, "POST", "/api/reviews/{id}/reminders", "remind them", [400] },
        { "an unknown outcome in the register's filter", Chair, "GET", "/api/reviews?outcome=Perhaps", "", [400] },
        { "an unknown guidance type in the decisions' filter", Chair, "GET", "/api/audit/decisions?type=XX", "", [400] },
        { "the dashboard asked for by a stakeholder", Tom, "GET", "/api/dashboard", "", [403] },
        { "the matrix of an unknown review", Chair, "GET", "/api/reviews/00000000-0000-0000-0000-000000000000/matrix", "", [404] },
        { "the matrix of another group's review", "ade.adeyemi", "GET", "/api/reviews/{id}/matrix", "", [404] },
        { "a response with a target date in the past", Tom, "PUT", "/api/reviews/{id}/responses/tom.hadley",
            "{\"responses\":[{\"recommendationNumber\":\"1.1.1\",\"compliance\":\"NotMet\",\"targetDate\":\"2021-03-01\"}]}", [400] },

        { "webhooks: null body", Chair, "POST", Webhooks, "null", [400] },
        { "webhooks: url not a string", Chair, "POST", Webhooks, "{\"url\":5}", [400] },
        { "webhooks: unknown member", Chair, "POST", Webhooks, "{\"url\":\"https://risk.example.org/e\",\"headers\":{}}", [400] },
        { "webhooks: javascript url", Chair, "POST", Webhooks, "{\"url\":\"javascript:alert(1)\"}", [400] },
        { "webhooks: file url", Chair, "POST", Webhooks, "{\"url\":\"file:///etc/passwd\"}", [400] },
        { "webhooks: a stakeholder subscribing", Tom, "POST", Webhooks, "{\"url\":\"https://risk.example.org/e\"}", [404] },
        { "webhooks: deliveries of an unknown webhook", Chair, "GET", $"{Webhooks}/00000000-0000-0000-0000-000000000000/deliveries", "", [404] },
        { "webhooks: retry of an unknown delivery", Chair, "POST",
            $"{Webhooks}/00000000-0000-0000-0000-000000000000/deliveries/00000000-0000-0000-0000-000000000000/retry", "", [404] },
        { "events: negative after", Chair, "GET", "/api/events?after=-1", "", [400] },
        { "events: a limit of 10000", Chair, "GET", "/api/events?limit=10000", "", [400] },
        { "events: after not a number", Chair, "GET", "/api/events?after=abc", "", [400] },

        { "library: null body", Tom, "POST", "/api/library/entries", "null", [400] },
        { "library: title of 201 characters", Tom, "POST", "/api/library/entries", Entry(title: Long(201)), [400] },
        { "library: section of 20,001 characters", Tom, "POST", "/api/library/entries", Entry(text: Long(20_001)), [400] },
        { "library: control character in the title", Tom, "POST", "/api/library/entries", Entry(title: "\"a\\u0007b\""), [400] },
        { "library: bidi override in the summary", Tom, "POST", "/api/library/entries", Entry(summary: "\"abc\\u202Edef\""), [400] },
        { "library: unknown member", Tom, "POST", "/api/library/entries", Entry(extra: ",\"approved\":true"), [400] },
        { "library: 13 sections", Tom, "POST", "/api/library/entries",
            Entry(sections: "[" + string.Join(",", Enumerable.Repeat("{\"heading\":\"h\",\"text\":\"t\"}", 13)) + "]"), [400] },
        { "library: javascript link", Tom, "POST", "/api/library/entries", Entry(links: "[\"javascript:alert(1)\"]"), [400] },
        { "library: unknown sector", Tom, "POST", "/api/library/entries", Entry(sectors: "[\"Everywhere\"]"), [400] },
        { "library: region as a number", Tom, "POST", "/api/library/entries", Entry(region: "3"), [400] },
        { "library: guidance that is no NICE number", Tom, "POST", "/api/library/entries", Entry(guidance: "[\"'; DROP TABLE x\"]"), [400] },
        { "library: a search of 10,000 characters", Tom, "GET", $"/api/library/search?q={new string('a', 10_000)}", "", [400] },
        { "library: a search with a control character", Tom, "GET", "/api/library/search?q=a%00b", "", [400] },
        { "library: a search for the year 1500", Tom, "GET", "/api/library/search?year=1500", "", [400] },
        { "library: a page of 1000", Tom, "GET", "/api/library/search?pageSize=1000", "", [400] },
        { "library: a guidance filter that is no number", Tom, "GET", "/api/library/search?guidance=%27%3B--", "", [400] },
        { "library: unknown moderation outcome", "ellen.wood", "POST", $"/api/library/entries/{Guid.Empty}/moderation", "{\"outcome\":\"Maybe\"}", [400] },
        { "library: moderating no entry", "ellen.wood", "POST", $"/api/library/entries/{Guid.Empty}/moderation", "{\"outcome\":\"Approve\"}", [404] },
        { "library: withdrawing no entry", Tom, "POST", $"/api/library/entries/{Guid.Empty}/withdrawal", "{\"reason\":\"r\"}", [404] },
        { "library: an empty update", Chair, "POST", $"/api/library/entries/{Guid.Empty}/updates", "{\"text\":\"\"}", [400] },
        { "library: a case study of an undecided review", Chair, "POST", "/api/reviews/{id}/case-study", "{}", [409] },
        { "library: following with a null body", Tom, "POST", "/api/library/following", "null", [400] },
        { "library: follow an unknown kind", Tom, "POST", "/api/library/following", "{\"kind\":\"Colour\",\"value\":\"blue\"}", [400] },
        { "library: a topic of 101 characters", Tom, "POST", "/api/library/following", $"{{\"kind\":\"Topic\",\"value\":{Long(101)}}}", [400] },
        { "library: a topic of search syntax only", Tom, "POST", "/api/library/following", "{\"kind\":\"Topic\",\"value\":\":*&|!()\"}", [400] },
        { "library: a topic with a control character", Tom, "POST", "/api/library/following", "{\"kind\":\"Topic\",\"value\":\"a\\u0007b\"}", [400] },
        { "library: markup as a followed number", Tom, "POST", "/api/library/following", "{\"kind\":\"Guidance\",\"value\":\"<b>NG1</b>\"}", [400] },
        { "library: following for a group one does not chair", Tom, "POST", "/api/library/following", "{\"kind\":\"Topic\",\"value\":\"falls\",\"group\":\"Riverside\"}", [403] },
        { "library: stopping a follow that is not there", Tom, "POST", "/api/library/following/removal", "{\"kind\":\"Topic\",\"value\":\"falls\"}", [404] },
        { "library: digest on as a word", Tom, "PUT", "/api/library/following/digest", "{\"on\":\"yes\"}", [400] },
        { "library: a feed for no NICE number", Tom, "GET", "/api/library/guidance/%27%3B--/feed", "", [400] },
        { "library: a feed for a number of 300 characters", Tom, "GET", $"/api/library/guidance/NG{new string('1', 298)}/feed", "", [400] },
        { "benchmarking: 21 quarters", Chair, "GET", $"/api/benchmarking/groups/{Uri.EscapeDataString(GuidanceFlow.Api.Identity.DemoUsers.Group)}?quarters=21", "", [400] },
        { "benchmarking: quarters as a word", Chair, "GET", $"/api/benchmarking/groups/{Uri.EscapeDataString(GuidanceFlow.Api.Identity.DemoUsers.Group)}?quarters=all", "", [400] },
        { "benchmarking: a group name of 300 characters", Chair, "GET", $"/api/benchmarking/groups/{new string('g', 300)}", "", [404] },
        { "benchmarking: a guidance that is no NICE number", Chair, "GET", "/api/benchmarking/guidance/%27%3B--", "", [400] },
        { "benchmarking: the picture for a group one is not in", Chair, "GET", "/api/benchmarking/guidance/NG115?group=Eastmoor%20NICE%20implementation%20group", "", [404] },
        { "benchmarking: a region that is no code", "nadia.khan", "GET", "/api/benchmarking/regions/%3Cscript%3E", "", [404] },
        { "benchmarking: a region with a null body", "nadia.khan", "PUT", "/api/benchmarking/regions/Y56", "null", [400] },
        { "benchmarking: a region code with a space", "nadia.khan", "PUT", "/api/benchmarking/regions/Y%2056", "{\"name\":\"London\"}", [400] },
        { "benchmarking: a region name of 121 characters", "nadia.khan", "PUT", "/api/benchmarking/regions/Y56", $"{{\"name\":{Long(121)}}}", [400] },
        { "benchmarking: a system name with a bidi override", "nadia.khan", "PUT", "/api/benchmarking/systems/QDD", "{\"name\":\"abc\\u202Edef\",\"region\":\"Y63\"}", [400] },
        { "benchmarking: a system in no region", "nadia.khan", "PUT", "/api/benchmarking/systems/QDD", "{\"name\":\"North ICB\",\"region\":\"Y99\"}", [409] },
        { "benchmarking: a network region as a number", "nadia.khan", "PUT", "/api/benchmarking/networks/LIN-X", "{\"name\":\"X\",\"region\":3}", [400] },
        { "benchmarking: six networks for a group", "nadia.khan", "PUT", "/api/benchmarking/placements/Riverside",
            "{\"system\":\"QAA\",\"networks\":[\"A1\",\"A2\",\"A3\",\"A4\",\"A5\",\"A6\"]}", [400] },
        { "benchmarking: a placement in SQL", "nadia.khan", "PUT", "/api/benchmarking/placements/Riverside", "{\"system\":\"'; DROP TABLE x\"}", [400] },
        { "benchmarking: placing no group", "nadia.khan", "PUT", "/api/benchmarking/placements/Nobody", "{\"system\":\"QAA\"}", [404] },
        { "benchmarking: an admin id with markup", "nadia.khan", "PUT", "/api/benchmarking/networks/LIN-N/admins/%3Cb%3E", "{\"name\":\"B\"}", [400] },
        { "benchmarking: removing the last network admin", "nadia.khan", "DELETE", "/api/benchmarking/networks/LIN-N/admins/nadia.khan", "", [409] },
        { "benchmarking: a structure change by a chair", Chair, "PUT", "/api/benchmarking/regions/Y56", "{\"name\":\"London\"}", [403] },
        { "benchmarking: sharing as a word", Chair, "PUT", "/api/groups/Riverside/settings", "{\"shareInBenchmarks\":\"maybe\"}", [400] },

        // Improvement projects ({project} is one started by the chair, with the falls measure {measure} and five months of data).
        { "project: null body", Chair, "POST", Projects, "null", [400] },
        { "project: no aim", Chair, "POST", Projects, "{\"title\":\"Falls\"}", [400] },
        { "project: a title of 201 characters", Chair, "POST", Projects, $"{{\"title\":{Long(201)},\"aim\":{Aim()}}}", [400] },
        { "project: an aim date as a word", Chair, "POST", Projects, "{\"title\":\"Falls\",\"aim\":{\"what\":\"a\",\"howMuch\":\"b\",\"byWhen\":\"soon\"}}", [400] },
        { "project: an aim date passed", Chair, "POST", Projects, $"{{\"title\":\"Falls\",\"aim\":{Aim("2020-01-01")}}}", [409] },
        { "project: a team member id with markup", Chair, "POST", Projects, $"{{\"title\":\"Falls\",\"aim\":{Aim()},\"team\":[{{\"userId\":\"<b>\",\"name\":\"B\"}}]}}", [400] },
        { "project: 31 team members", Chair, "POST", Projects,
            $"{{\"title\":\"Falls\",\"aim\":{Aim()},\"team\":[{string.Join(",", Enumerable.Range(1, 31).Select(i => $"{{\"userId\":\"u{i}\",\"name\":\"U\"}}"))}]}}", [400] },
        { "project: from a review that does not exist", Chair, "POST", Projects, $"{{\"title\":\"Falls\",\"aim\":{Aim()},\"reviewId\":\"{Guid.NewGuid()}\"}}", [404] },
        { "project: recommendations without a review", Chair, "POST", Projects, $"{{\"title\":\"Falls\",\"aim\":{Aim()},\"recommendations\":[\"1.1.1\"]}}", [409] },
        { "project: in a group one is not in", Chair, "POST", "/api/groups/Eastmoor%20NICE%20implementation%20group/projects", $"{{\"title\":\"Falls\",\"aim\":{Aim()}}}", [404] },
        { "project: the list of a group named in 300 characters", Chair, "GET", $"/api/groups/{new string('g', 300)}/projects", "", [404] },
        { "project: no such project", Chair, "GET", $"/api/projects/{Guid.NewGuid()}", "", [404] },
        { "project: the history of no such project", Chair, "GET", $"/api/projects/{Guid.NewGuid()}/history", "", [404] },
        { "project: an aim with a bidi override", Chair, "PUT", "/api/projects/{project}/aim", "{\"title\":\"ab\\u202Ecd\",\"aim\":" + Aim() + "}", [400] },
        { "project: a team member with no role in the group", Chair, "PUT", "/api/projects/{project}/team/ade.adeyemi", "{\"name\":\"Dr Ade Adeyemi\"}", [409] },
        { "project: taking someone off no such project", Chair, "DELETE", $"/api/projects/{Guid.NewGuid()}/team/mark.fenwick", "", [404] },
        { "project: a measure whose direction is unknown", Chair, "PUT", $"/api/projects/{{project}}/measures/{Guid.NewGuid()}",
            "{\"name\":\"N\",\"operationalDefinition\":\"D\",\"unit\":\"u\",\"direction\":\"Upwards\"}", [400] },
        { "project: a measure with no operational definition", Chair, "PUT", $"/api/projects/{{project}}/measures/{Guid.NewGuid()}",
            "{\"name\":\"N\",\"operationalDefinition\":\"\",\"unit\":\"u\",\"direction\":\"LowerIsBetter\"}", [400] },
        { "project: a baseline of 10^15", Chair, "PUT", $"/api/projects/{{project}}/measures/{Guid.NewGuid()}",
            "{\"name\":\"N\",\"operationalDefinition\":\"D\",\"unit\":\"u\",\"direction\":\"LowerIsBetter\",\"baseline\":1000000000000000}", [400] },
        { "project: a batch of 1,001 measurements", Chair, "POST", "/api/projects/{project}/measures/{measure}/points",
            $"{{\"points\":[{string.Join(",", Enumerable.Range(0, 1001).Select(i => $"{{\"period\":\"{new DateOnly(2000, 1, 1).AddDays(i):yyyy-MM-dd}\",\"value\":1}}"))}]}}", [400] },
        { "project: a value as a word", Chair, "POST", "/api/projects/{project}/measures/{measure}/points", "{\"points\":[{\"period\":\"2025-06-01\",\"value\":\"ten\"}]}", [400] },
        { "project: a period as a word", Chair, "POST", "/api/projects/{project}/measures/{measure}/points", "{\"points\":[{\"period\":\"June\",\"value\":1}]}", [400] },
        { "project: points not a list", Chair, "POST", "/api/projects/{project}/measures/{measure}/points", "{\"points\":\"all\"}", [400] },
        { "project: a note with a bidi override", Chair, "POST", "/api/projects/{project}/measures/{measure}/points",
            "{\"points\":[{\"period\":\"2025-06-01\",\"value\":1,\"note\":\"ab\\u202Ecd\"}]}", [400] },
        { "project: measurements for no such measure", Chair, "POST", $"/api/projects/{{project}}/measures/{Guid.NewGuid()}/points", "{\"points\":[{\"period\":\"2025-06-01\",\"value\":1}]}", [404] },
        { "project: a file of measurements sent as JSON", Chair, "POST", "/api/projects/{project}/measures/{measure}/points/file", "{\"points\":[]}", [415] },
        { "project: the chart of no such measure", Chair, "GET", $"/api/projects/{{project}}/measures/{Guid.NewGuid()}/chart.svg", "", [404] },
        { "project: the chart of a measure id that is not a guid", Chair, "GET", "/api/projects/{project}/measures/1%27%20OR%201=1/chart.svg", "", [404] },
        { "project: removing a measurement without a reason", Chair, "POST", "/api/projects/{project}/measures/{measure}/points/2025-01-01/removal", "{\"reason\":\"\"}", [400] },
        { "project: recalculating from a period as a word", Chair, "PUT", "/api/projects/{project}/measures/{measure}/recalculations/March", "{\"reason\":\"Huddle\"}", [400] },
        { "project: recalculating where there is no data", Chair, "PUT", "/api/projects/{project}/measures/{measure}/recalculations/2024-01-01", "{\"reason\":\"Huddle\"}", [409] },
        { "project: no longer recalculating from a date of 2025-13-01", Chair, "DELETE", "/api/projects/{project}/measures/{measure}/recalculations/2025-13-01", "", [400] },
        { "project: a cycle ending before it starts", Chair, "PUT", $"/api/projects/{{project}}/cycles/{Guid.NewGuid()}",
            "{\"title\":\"Huddle\",\"plan\":\"Two minutes\",\"startedOn\":\"2025-05-01\",\"endedOn\":\"2025-04-01\"}", [409] },
        { "project: a plan of 4,001 characters", Chair, "PUT", $"/api/projects/{{project}}/cycles/{Guid.NewGuid()}", $"{{\"title\":\"Huddle\",\"plan\":{Long(4001)}}}", [400] },
        { "project: sharing with the library in a region that does not exist", Chair, "POST", "/api/projects/{project}/library", "{\"region\":\"Atlantis\"}", [400] },
        { "project: sharing with the library in nine sectors", Chair, "POST", "/api/projects/{project}/library",
            "{\"sectors\":[\"Primary\",\"Secondary\",\"Community\",\"MentalHealth\",\"Commissioner\",\"SocialCare\",\"PublicHealth\",\"Lay\",\"Lay\"]}", [400] },
        { "project: sharing a project still going", Chair, "POST", "/api/projects/{project}/library", "{}", [409] },
        { "project: completion without a summary", Chair, "POST", "/api/projects/{project}/completion", "{\"summary\":\" \"}", [400] },
    };

    private static string Entry(string title = "\"Inhaler checks\"", string summary = "\"Nurses check technique.\"", string text = "\"Checked at reviews.\"",
        string? sections = null, string guidance = "[\"NG115\"]", string sectors = "[\"Primary\"]", string region = "\"London\"",
        string links = "[]", string extra = "")
    {
        sections ??= $$"""[{"heading":"What was done","text":{{text}}}]""";
        return $$"""{"title":{{title}},"summary":{{summary}},"sections":{{sections}},"guidance":{{guidance}},"sectors":{{sectors}},"region":{{region}},"costBand":"Under10k","links":{{links}}{{extra}}}""";
    }

    private static readonly string Projects = ProjectTests.Projects;

    private static string Aim(string byWhen = "2030-01-01") => $$"""{"what":"Fewer falls","howMuch":"by half","byWhen":"{{byWhen}}"}""";

    private static readonly string Webhooks = $"/api/groups/{Uri.EscapeDataString(GuidanceFlow.Api.Identity.DemoUsers.Group)}/webhooks";

    [Theory]
    [MemberData(nameof(Catalogue))]
    public async Task Hostile_input_is_refused_with_problem_details_and_nothing_appended(
        string name, string user, string method, string path, string body, int[] expected)
    {
        var review = await Api.ReviewInWindow(Tom, "sunil.mehta");
        var project = path.Contains("{project}") ? await ProjectTests.Started(Api) : null;
        var before = await EveryEventCount();

        path = path.Replace("{id}", review.Id.ToString()).Replace("{project}", project?.Id.ToString()).Replace("{measure}", ProjectTests.Falls.ToString());
        var response = await Api.Send(user, new HttpMethod(method), path, body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(expected.Contains((int)response.StatusCode), $"{name}: got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await EveryEventCount());
    }

    [Fact]
    public async Task Script_and_sql_looking_text_is_kept_as_typed_and_only_ever_returned_as_escaped_json()
    {
        var review = await Api.ReviewInWindow(Tom);
        const string hostile = "<script>alert('x')</script> '; DROP TABLE mt_events; --";
        var response = await Api.Put(Tom, $"/api/reviews/{review.Id}/responses/{Tom}",
            new { responses = new[] { Api.Answer("1.1.1", "NotMet", barriers: hostile) } });
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", raw);
        Assert.Contains("\\u003Cscript\\u003E", raw);
        Assert.Equal(hostile, (await Api.View(review.Id)).Recommendations[0].Barriers.Single().Text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var (user, path) in new[] { ((string?)null, "/health"), (Chair, "/api/reviews"), (null, "/api/reviews"), (null, "/docs") })
        {
            var response = await Api.Send(user, HttpMethod.Get, path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task Writes_beyond_the_per_user_limit_are_429_with_retry_after_and_append_nothing()
    {
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        await using var process = await AppProcess.StartAsync(db, App.Smtp, extraEnvironment: new() { ["RateLimits__WritesPerMinute"] = "3" });
        var api = new Api(process.Client);
        var review = await api.OpenReview();                                    // write 1
        await api.CreateGrid(review.Id);                                         // write 2
        await api.Invite(review.Id, Tom);                                        // write 3

        var limited = await api.Post(Chair, $"/api/reviews/{review.Id}/response-window", new { deadline = DateTimeOffset.UtcNow.AddDays(10) });
        var problem = await Api.Problem(limited, 429);
        Assert.Contains("3 changes a minute", problem.GetProperty("detail").GetString());
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal(3, (await api.History(review.Id)).Count);

        // The limit is per user: another user may still write.
        var other = await api.Put(Tom, $"/api/reviews/{review.Id}/responses/{Tom}", new { responses = new[] { Api.Answer("1.1.1", "Met") } });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode); // refused by the rules (window not open), not by the limiter
    }
}
