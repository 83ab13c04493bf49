using System.Security.Claims;
using System.ServiceModel.Syndication;
using System.Xml;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Library;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using Marten;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>What a group follows, and whether the signed-in user (one of its chairs) may change it.</summary>
public sealed record GroupFollowing(string Group, IReadOnlyList<FollowedItem> Follows, bool MayChange);

/// <summary>What the signed-in user follows, whether their weekly digest is on, and what their groups follow (it reaches them too).</summary>
public sealed record FollowingAnswer(bool Digest, IReadOnlyList<FollowedItem> Follows, IReadOnlyList<GroupFollowing> Groups);

/// <summary>Follow a NICE product by number or a topic in words; for a group (its chairs), name the group.</summary>
public sealed record FollowRequest(FollowKind Kind, string Value, string? Group = null);

public sealed record DigestRequest(bool On);

/// <summary>Following the library (a weekly digest of new learning), and the Atom feed of new learning per guidance.</summary>
public static class LibraryFollowingEndpoints
{
    public const string AtomType = "application/atom+xml";

    public static void MapLibraryFollowing(this IEndpointRouteBuilder app)
    {
        var library = app.MapGroup("/api/library").WithTags("Library").RequireAuthorization();

        library.MapGet("/following", async (LibraryAccess access, Access who, IQuerySession query, CancellationToken ct) =>
                Results.Ok(await FollowingOfAsync(await access.ViewerAsync(ct), who, query, ct)))
            .WithSummary("What you follow, whether your weekly digest is on, and what your groups follow (their follows reach every member)")
            .Produces<FollowingAnswer>();

        // Following and stopping: the same request, the same answer, a different command.
        RouteHandlerBuilder Change(string path, Func<FollowRequest, LibraryViewer, Actor, object> command) =>
            library.MapPost(path, async (FollowRequest body, ClaimsPrincipal user, LibraryAccess access, Access who, CommandDispatcher commands,
                    IQuerySession query, CancellationToken ct) =>
                {
                    if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                    var viewer = await access.ViewerAsync(ct);
                    if (await commands.SendAsync(command(body, viewer, user.ToActor("Reader")), ct) is { } invalid) return invalid;
                    return Results.Ok(await FollowingOfAsync(viewer, who, query, ct));
                })
                .RequireRateLimiting(WriteRateLimits.Policy)
                .Produces<FollowingAnswer>().ProducesValidationProblem().ProducesProblem(403);

        Change("/following", (body, viewer, actor) => new FollowLearning(FollowerOf(body.Group, viewer), body.Kind, body.Value, viewer, actor))
            .WithSummary("Follow a NICE product (kind Guidance, value NG115) or a topic (kind Topic, words as you would search): new learning that matches comes in your weekly digest. With group, for the whole group (its chairs)")
            .ProducesProblem(409);

        Change("/following/removal", (body, viewer, actor) => new StopFollowing(FollowerOf(body.Group, viewer), body.Kind, body.Value, viewer, actor))
            .WithSummary("Stop following a NICE product or a topic (yours; with group, the group's: its chairs)")
            .ProducesProblem(404);

        library.MapPut("/following/digest", async (DigestRequest body, ClaimsPrincipal user, LibraryAccess access, Access who,
                CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var actor = user.ToActor("Reader");
                if (await commands.SendAsync(new SetLibraryDigest(actor.UserId, body.On, "the API", actor), ct) is { } invalid) return invalid;
                return Results.Ok(await FollowingOfAsync(await access.ViewerAsync(ct), who, query, ct));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Turn your weekly digest of new learning on or off (it covers what you and your groups follow)")
            .Produces<FollowingAnswer>().ProducesValidationProblem();

        library.MapGet("/guidance/{guidance}/feed", async (string guidance, LibrarySearch search, IOptions<GuidanceFlow.Workflows.Notifications.MailSettings> mail,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (guidance.Length > 20 || !GuidanceProduct.IsGuidanceNumber(guidance))
                    return Problems.Validation("guidance", "Give a NICE guidance number: letters then digits, for example NG115.");
                var number = guidance.Trim().ToUpperInvariant();
                var found = await search.SearchAsync(new LibraryQuery(Guidance: number, Sort: LibrarySort.Newest, PageSize: LibraryQuery.MaxPageSize), ct);
                return Results.Text(Atom(number, found.Items, mail.Value.PublicUrl.TrimEnd('/'), clock.GetUtcNow()), AtomType);
            })
            .WithSummary("An Atom feed of the learning newly published about one NICE product, newest first (the latest 50; everyone signed in, for intranets and feed readers)")
            .Produces<string>(contentType: AtomType).ProducesValidationProblem();
    }

    /// <summary>The user's own follows; a group's when a group is named (whether they chair it is the rules' to say).</summary>
    private static Follower FollowerOf(string? group, LibraryViewer viewer) =>
        string.IsNullOrWhiteSpace(group) ? Follower.User(viewer.UserId) : Follower.Group(group);

    public static async Task<FollowingAnswer> FollowingOfAsync(LibraryViewer viewer, Access who, IQuerySession query, CancellationToken ct)
    {
        var own = await query.LoadAsync<Following>(Follower.User(viewer.UserId).StreamId, ct);
        var groups = await who.MyGroups(ct);
        var theirs = groups.Count == 0 ? []
            : await query.LoadManyAsync<Following>(ct, groups.Select(g => Follower.Group(g.Id).StreamId).ToArray());
        return new FollowingAnswer(own?.DigestStopped != true, own?.Items ?? [],
            groups.Select(g => new GroupFollowing(g.Id, theirs.FirstOrDefault(f => f.Follower == Follower.Group(g.Id).Key)?.Items ?? [],
                FollowingRules.MayChange(Follower.Group(g.Id), viewer))).ToList());
    }

    /// <summary>The feed as Atom 1.0: each entry's title, summary, link, date and byline; its id the entry's permanent address.</summary>
    public static string Atom(string guidance, IReadOnlyList<LibraryHit> hits, string root, DateTimeOffset now)
    {
        var feed = new SyndicationFeed($"GuidanceFlow library: {guidance}", $"Case studies and good practice about NICE {guidance}, newest first.",
            new Uri($"{root}/library?guidance={Uri.EscapeDataString(guidance)}"), $"{root}/api/library/guidance/{guidance}/feed",
            hits.Count == 0 ? now : hits.Max(h => h.PublishedAt))
        {
            Items = hits.Select(h =>
            {
                var item = new SyndicationItem(h.Title, h.Summary, new Uri($"{root}/library/entries/{h.Id}"), $"{root}/library/entries/{h.Id}", h.PublishedAt)
                {
                    PublishDate = h.PublishedAt,
                };
                item.Authors.Add(new SyndicationPerson { Name = h.Group ?? h.Organisation ?? "GuidanceFlow library" });
                item.Categories.Add(new SyndicationCategory(h.Kind == LibraryEntryKind.CaseStudy ? "Case study" : "Good practice"));
                return item;
            }).ToList(),
        };
        using var text = new StringWriter();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        // StringWriter says utf-16 in the declaration; the response is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }
}
