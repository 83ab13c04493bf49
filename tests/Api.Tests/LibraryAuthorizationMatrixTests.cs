using System.Net;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The authorization matrix for the library: every library route × the author of a submission, a library editor, the chair
/// of the group whose case study it is, the chair of another group, and a reader with no part in it. Each gets exactly the
/// answer the library's rules give (a draft is not even found by those who may not see it), and a refusal appends nothing.
/// </summary>
public sealed class LibraryAuthorizationMatrixTests(AppFixture app) : IntegrationTest(app)
{
    public enum Who { Author, Editor, GroupChair, OtherChair, Outsider }

    private static readonly Dictionary<Who, string> Users = new()
    {
        [Who.Author] = LibraryTests.Author, [Who.Editor] = LibraryTests.Editor, [Who.GroupChair] = Api.Chair,
        [Who.OtherChair] = LibraryTests.OtherChair, [Who.Outsider] = LibraryTests.Outsider,
    };

    // {good}: a good-practice submission by the author, waiting for an editor. {draft}: the group's case study, a draft.
    // {review}: a decided review of the group with no case study yet. The answer for each user, in the order they are tried
    // (refusals first, so the one allowed to act finds the entry as set up).
    private static readonly (string Method, string Path, string? Body, Dictionary<Who, int> Answers)[] Routes =
    [
        ("GET", "/api/library/entries/{good}", null, Answer(200, Who.Author, Who.Editor)),
        ("GET", "/api/library/entries/{good}/history", null, Answer(200, Who.Author, Who.Editor)),
        ("GET", "/api/library/entries/{good}?version=1", null, Answer(200, Who.Author, Who.Editor)),
        ("PUT", "/api/library/entries/{good}", Revision, Answer(200, Who.Author).With(Who.Editor, 403)),
        ("POST", "/api/library/entries/{good}/moderation", """{"outcome":"Approve"}""", Answer(403).With(Who.Editor, 200)),
        ("POST", "/api/library/entries/{good}/withdrawal", """{"reason":"Out of date"}""", Answer(200, Who.Author, Who.Editor)),
        ("POST", "/api/library/entries/{good}/publication", null, Answer(409, Who.Author, Who.Editor)),
        ("POST", "/api/library/entries/{good}/updates", """{"text":"News"}""", Answer(403, Who.Author, Who.Editor)),
        ("GET", "/api/library/entries/{draft}", null, Answer(200, Who.GroupChair)),
        ("GET", "/api/library/entries/{draft}/history", null, Answer(200, Who.GroupChair)),
        ("PUT", "/api/library/entries/{draft}", Revision, Answer(200, Who.GroupChair)),
        ("POST", "/api/library/entries/{draft}/publication", null, Answer(200, Who.GroupChair)),
        ("POST", "/api/library/entries/{draft}/moderation", """{"outcome":"Approve"}""", Answer(403).With(Who.Editor, 404)),
        ("POST", "/api/library/entries/{draft}/withdrawal", """{"reason":"Not ready"}""", Answer(200, Who.GroupChair)),
        ("GET", "/api/library/moderation", null, Answer(403).With(Who.Editor, 200)),
        ("GET", "/api/library/mine", null, Answer(200).With(Who.Outsider, 200)),
        ("GET", "/api/library/search?q=inhaler", null, Answer(200).With(Who.Outsider, 200)),
        ("GET", "/api/library", null, Answer(200).With(Who.Outsider, 200)),
        ("POST", "/api/library/entries", Revision[11..^1], Answer(201).With(Who.Outsider, 201)),
        // The author is invited to the review as a stakeholder: they see it, but only its chairs draft its case study.
        ("POST", "/api/reviews/{review}/case-study", "{}", Answer(201, Who.GroupChair).With(Who.Author, 403)),
        ("GET", "/api/reviews/{review}/other-groups", null, Answer(200, Who.GroupChair, Who.Author)),
        // Following: each person their own; a group's by its chairs only. The feed, for everyone signed in.
        ("GET", "/api/library/following", null, Answer(200).With(Who.Outsider, 200)),
        ("POST", "/api/library/following", """{"kind":"Topic","value":"falls"}""", Answer(200).With(Who.Outsider, 200)),
        ("POST", "/api/library/following", """{"kind":"Topic","value":"falls","group":"Riverside"}""", Answer(403).With(Who.GroupChair, 200)),
        ("POST", "/api/library/following/removal", """{"kind":"Topic","value":"falls","group":"Riverside"}""", Answer(403).With(Who.GroupChair, 404)),
        ("PUT", "/api/library/following/digest", """{"on":false}""", Answer(200).With(Who.Outsider, 200)),
        ("GET", "/api/library/guidance/NG115/feed", null, Answer(200).With(Who.Outsider, 200)),
    ];

    private const string Revision =
        """{"content":{"title":"Inhaler checks","summary":"Nurses check technique.","sections":[{"heading":"What was done","text":"At every review."}],"guidance":["NG115"],"sectors":["Primary"],"region":"London","costBand":"Under10k"}}""";

    /// <summary>The users named answer <paramref name="status"/>; everyone else 404 (not found), unless said otherwise.</summary>
    private static Dictionary<Who, int> Answer(int status, params Who[] who) =>
        Enum.GetValues<Who>().ToDictionary(w => w, w => who.Length == 0 ? status : who.Contains(w) ? status : 404);

    public static TheoryData<int> Matrix() => new(Enumerable.Range(0, Routes.Length));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_library_route_answers_each_user_by_the_rules_and_a_refusal_appends_nothing(int route)
    {
        var (method, path, body, answers) = Routes[route];
        var draftOf = await LibraryTests.DecidedReview(Api, "NG115");
        var draft = await Api.Read<LibraryEntryAnswer>(await Api.Post(Api.Chair, $"/api/reviews/{draftOf.Id}/case-study", new { }), HttpStatusCode.Created);
        var review = await LibraryTests.DecidedReview(Api, "NG116");
        var good = await Api.Read<LibraryEntryAnswer>(await Api.Post(LibraryTests.Author, "/api/library/entries", LibraryTests.GoodPractice()), HttpStatusCode.Created);
        var url = path.Replace("{good}", good.Id.ToString()).Replace("{draft}", draft.Id.ToString()).Replace("{review}", review.Id.ToString());

        foreach (var (who, expected) in answers.OrderBy(a => a.Value is >= 200 and < 300 ? 1 : 0))
        {
            var before = await AllEventsCount();
            var response = await Api.Send(Users[who], new HttpMethod(method), url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == expected, $"{method} {path} as {who}: expected {expected}, got {(int)response.StatusCode} {text}");
            if (expected >= 400) Assert.Equal(before, await AllEventsCount());
        }
    }
}

internal static class AnswerExtensions
{
    public static Dictionary<LibraryAuthorizationMatrixTests.Who, int> With(this Dictionary<LibraryAuthorizationMatrixTests.Who, int> answers,
        LibraryAuthorizationMatrixTests.Who who, int status)
    {
        answers[who] = status;
        return answers;
    }
}
