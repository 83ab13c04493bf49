using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;

namespace GuidanceFlow.Api.Identity;

/// <summary>What a review-scoped route needs of the signed-in user, beyond being able to see the review.</summary>
public enum Need
{
    Read, Chair, FinancialImpact, Audit,
    /// <summary>Anyone with a role in the review's group (not an invited stakeholder alone).</summary>
    Member,
    /// <summary>Read every stakeholder's answers (the full record): the group's members always; a stakeholder once the
    /// collated response is shared, or before that when the group has chosen to let stakeholders see each other's answers.</summary>
    EveryAnswer,
}

/// <summary>
/// Who may see and do what, decided on the server for every request: members of a review's group
/// see its reviews (chairs change them, finance leads record the financial impact, commissioners
/// audit); invited stakeholders see the reviews they are invited to. Anyone else is told the review
/// does not exist (404), so existence does not leak.
/// </summary>
public sealed class Access(IQuerySession query, IHttpContextAccessor http)
{
    public const string NoRole = "You are signed in but have no GuidanceFlow role in any implementation group. Ask your group's administrator for access.";

    private IReadOnlyList<ImplementationGroup>? _mine;
    private readonly Dictionary<Guid, ReviewView?> _reviews = [];
    private readonly Dictionary<Guid, ReviewAccessCard> _cards = [];

    public string UserId => http.HttpContext!.User.UserId();

    public async Task<IReadOnlyList<ImplementationGroup>> MyGroups(CancellationToken ct) =>
        _mine ??= await query.Query<ImplementationGroup>().Where(MemberOf(UserId)).ToListAsync(ct);

    private static System.Linq.Expressions.Expression<Func<ImplementationGroup, bool>> MemberOf(string userId) =>
        g => g.MemberIds.Contains(userId);

    public async Task<IReadOnlyList<GroupRole>> RolesIn(string group, CancellationToken ct) =>
        (await MyGroups(ct)).FirstOrDefault(g => g.Id == group)?.RolesOf(UserId) ?? [];

    /// <summary>The groups in which the user holds any of <paramref name="roles"/> (any role at all when none are named).</summary>
    public async Task<List<string>> GroupsWhere(CancellationToken ct, params GroupRole[] roles) =>
        (await MyGroups(ct)).Where(g => roles.Length == 0 ? g.RolesOf(UserId).Count > 0 : g.RolesOf(UserId).Any(roles.Contains))
            .Select(g => g.Id).ToList();

    /// <summary>The shared view as the access check read it, once per request (a page then shows the same one).</summary>
    public async Task<ReviewView?> ReviewAsync(Guid reviewId, CancellationToken ct)
    {
        if (_reviews.TryGetValue(reviewId, out var view)) return view;
        if (_mine is null)
        {
            // Every review-scoped request needs the review and the user's groups: one round trip for both.
            var batch = query.CreateBatchQuery();
            var review = batch.Load<ReviewView>(reviewId);
            var groups = batch.Query<ImplementationGroup>().Where(MemberOf(UserId)).ToList();
            await batch.Execute(ct);
            _mine = await groups;
            view = await review;
        }
        else view = await query.LoadAsync<ReviewView>(reviewId, ct);
        if (view is not null) _cards[reviewId] = ReviewAccessCard.Of(view);
        return _reviews[reviewId] = view;
    }

    /// <summary>
    /// What the access rule reads of the review: from the shared view when this request read it,
    /// else the small card (with the user's groups, one round trip) — never the whole view just to check.
    /// </summary>
    public async Task<ReviewAccessCard?> CardAsync(Guid reviewId, CancellationToken ct)
    {
        if (_cards.TryGetValue(reviewId, out var card)) return card;
        if (_reviews.TryGetValue(reviewId, out var view)) return view is null ? null : _cards[reviewId] = ReviewAccessCard.Of(view);
        if (_mine is null)
        {
            var batch = query.CreateBatchQuery();
            var loaded = batch.Load<ReviewAccessCard>(reviewId);
            var groups = batch.Query<ImplementationGroup>().Where(MemberOf(UserId)).ToList();
            await batch.Execute(ct);
            _mine = await groups;
            card = await loaded;
        }
        else card = await query.LoadAsync<ReviewAccessCard>(reviewId, ct);
        if (card is not null) _cards[reviewId] = card;
        return card;
    }

    /// <summary>The shared view this request's access check read, if it read one.</summary>
    public ReviewView? Cached(Guid reviewId) => _reviews.GetValueOrDefault(reviewId);

    /// <summary>Null when allowed; otherwise the answer to give (404 when the user may not even see the review).</summary>
    public async Task<IResult?> Check(Guid reviewId, Need need, CancellationToken ct, bool readsView = true) =>
        await Decide(reviewId, need, ct, readsView) switch
        {
            null => null,
            { Status: 404 } d => Problems.NotFound(d.Message),
            var d => Problems.Forbidden(d.Message),
        };

    /// <summary>The one rule for API and pages: null when allowed, else the status (403 or 404) and why.</summary>
    /// <param name="readsView">Whether the route goes on to use the whole shared view: then it is read
    /// here, with the user's groups, in the one round trip; otherwise only the small access card is.</param>
    public async Task<Denial?> Decide(Guid reviewId, Need need, CancellationToken ct, bool readsView = true)
    {
        if (readsView) await ReviewAsync(reviewId, ct);
        var card = await CardAsync(reviewId, ct);
        var roles = card is null ? [] : await RolesIn(card.Group, ct);
        if (card is null || (roles.Count == 0 && !card.Invites(UserId))) return new(404, Decision.NoSuchReview(reviewId));

        return need switch
        {
            Need.Chair when !roles.Contains(GroupRole.Chair) => new(403, "Only the group's chair can do this."),
            Need.FinancialImpact when !roles.Any(r => r is GroupRole.Chair or GroupRole.FinanceLead) =>
                new(403, "Only the group's finance lead or chair can record the financial impact."),
            Need.Member when roles.Count == 0 => new(403, "Only the group's members can do this."),
            Need.Audit when !roles.Any(r => r is GroupRole.Chair or GroupRole.Commissioner) =>
                new(403, "Only the group's commissioners and chair can audit its reviews."),
            Need.EveryAnswer when roles.Count == 0 && !card.Distributed && !await StakeholdersSeeAnswersEarly(card.Group, ct) =>
                new(403, "Stakeholders read each other's answers once the collated response is shared; until then you see your own."),
            _ => null,
        };
    }

    /// <summary>
    /// The view as this user may read it: whole for the group's members, and for stakeholders once it may be shared
    /// (<see cref="Need.EveryAnswer"/>); before that, with only the answers the stakeholder gives (their own and any delegated to them).
    /// </summary>
    public async Task<ReviewView> AsSeenAsync(ReviewView view, CancellationToken ct)
    {
        if (await Decide(view.Id, Need.EveryAnswer, ct, readsView: false) is null) return view;
        var card = await CardAsync(view.Id, ct);
        return view.WithAnswersOnlyOf(card!.AnswersGivenBy(UserId));
    }

    private async Task<bool> StakeholdersSeeAnswersEarly(string group, CancellationToken ct) =>
        GroupRules.StakeholdersSeeAnswersBeforeSharing(await query.LoadAsync<ImplementationGroup>(group, ct));
}

public sealed record Denial(int Status, string Message);

public static class AccessEndpointExtensions
{
    /// <summary>Checks the route's review id against <paramref name="need"/> before the endpoint runs.</summary>
    /// <param name="readsView">False for routes that never use the whole shared view (history, exports,
    /// deadlines, the view's own cached read): the check then reads only the review's small access card.</param>
    public static TBuilder RequireReviewAccess<TBuilder>(this TBuilder builder, Need need, bool readsView = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id)) return await next(context);
            var denied = await http.RequestServices.GetRequiredService<Access>().Check(id, need, http.RequestAborted, readsView);
            return denied ?? await next(context);
        });
}
