using System.Net;
using GuidanceFlow.Workflows.Groups;

namespace GuidanceFlow.Api.Tests;

/// <summary>Membership changes under concurrency, and the rule that a group always keeps an admin.</summary>
public class GroupMembershipTests(AppFixture app) : IntegrationTest(app)
{
    private const string Admin = "ade.adeyemi";
    private static readonly string Path = $"/api/groups/{Uri.EscapeDataString("Eastmoor NICE implementation group")}";

    private async Task<ImplementationGroup> Group() => await Api.Read<ImplementationGroup>(await Api.Get(Admin, Path));

    [Fact]
    public async Task Parallel_membership_changes_are_all_kept_with_their_log_entries()
    {
        var before = await Group();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            (User: $"member.{i}", (await Api.Put(Admin, $"{Path}/members/member.{i}", new { name = $"Member {i}", roles = new[] { "Commissioner" } })).StatusCode)));

        // Whatever was acknowledged is there; nothing else was half-done.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Conflict }));
        var acknowledged = answers.Where(a => a.StatusCode == HttpStatusCode.NoContent).Select(a => a.User).ToList();
        Assert.NotEmpty(acknowledged);
        var after = await Group();
        Assert.Equal(acknowledged.Order(), after.Members.Select(m => m.UserId).Where(u => u.StartsWith("member.")).Order());
        Assert.Equal(before.Changes.Count + acknowledged.Count, after.Changes.Count);
        Assert.All(acknowledged, u => Assert.Contains(after.Changes, c => c.What.Contains($"({u})")));
    }

    [Fact]
    public async Task The_only_admin_can_neither_demote_nor_remove_themselves_and_nothing_changes()
    {
        var before = await Group();
        var demoted = await Api.Problem(await Api.Put(Admin, $"{Path}/members/{Admin}", new { name = "Ade Adeyemi", roles = new[] { "Chair" } }), 409);
        Assert.Equal(ImplementationGroup.NeedsAnAdmin, demoted.GetProperty("detail").GetString());
        await Api.Problem(await Api.Send(Admin, HttpMethod.Delete, $"{Path}/members/{Admin}"), 409);

        var after = await Group();
        Assert.Contains(GroupRole.GroupAdmin, after.RolesOf(Admin));
        Assert.Equal(before.Changes.Count, after.Changes.Count);

        // With a second admin appointed, the first may step down.
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(Admin, $"{Path}/members/claire.baxter",
            new { name = "Dr Claire Baxter", roles = new[] { "GroupAdmin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(Admin, $"{Path}/members/{Admin}",
            new { name = "Ade Adeyemi", roles = new[] { "Chair" } })).StatusCode);
        Assert.DoesNotContain(GroupRole.GroupAdmin, (await Group()).RolesOf(Admin));
    }
}
