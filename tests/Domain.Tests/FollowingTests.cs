using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Tests;

/// <summary>Following the library with no database: who may change what, how a followed value is written, and the digest's week.</summary>
public class FollowingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Reader = new("margaret.ellis", "Margaret Ellis", "Riverside patient panel", "Reader");
    private static readonly LibraryViewer Margaret = new("margaret.ellis", false, []);
    private static readonly LibraryViewer Chair = new("amara.okafor", false, ["Riverside"]);

    private static Following? Fold(params object[] events) => events.Aggregate((Following?)null, Following.Evolve);

    [Fact]
    public void A_person_follows_a_number_written_in_capitals_and_a_topic_with_single_spaces_and_following_again_adds_nothing()
    {
        var first = FollowLearning.Decide(null, new(Follower.User("margaret.ellis"), FollowKind.Guidance, " ng115 ", Margaret, Reader), Now);
        Assert.Equal([new LearningFollowed("user:margaret.ellis", FollowKind.Guidance, "NG115", Now)], first.Events);
        var state = Fold([.. first.Events]);
        Assert.Empty(FollowLearning.Decide(state, new(Follower.User("margaret.ellis"), FollowKind.Guidance, "NG115", Margaret, Reader), Now).Events);

        var topic = FollowLearning.Decide(state, new(Follower.User("margaret.ellis"), FollowKind.Topic, "  Falls   Prevention ", Margaret, Reader), Now);
        Assert.Equal("falls prevention", Assert.IsType<LearningFollowed>(Assert.Single(topic.Events)).Value);
        state = Fold([.. first.Events, .. topic.Events]);
        Assert.Equal(["NG115"], state!.Guidance);
        Assert.Equal(["falls prevention"], state.Topics);
    }

    [Fact]
    public void Only_a_groups_chair_changes_what_the_group_follows_and_nobody_changes_another_persons()
    {
        var forGroup = new FollowLearning(Follower.Group("Riverside"), FollowKind.Topic, "falls", Margaret, Reader);
        Assert.Equal(RejectionKind.Forbidden, FollowLearning.Decide(null, forGroup, Now).Rejection!.Kind);
        Assert.Null(FollowLearning.Decide(null, forGroup with { By = Chair }, Now).Rejection);
        var forSomeoneElse = new FollowLearning(Follower.User("amara.okafor"), FollowKind.Topic, "falls", Margaret, Reader);
        Assert.Equal(RejectionKind.Forbidden, FollowLearning.Decide(null, forSomeoneElse, Now).Rejection!.Kind);
    }

    [Theory]
    [InlineData(FollowKind.Guidance, "not a number")]
    [InlineData(FollowKind.Guidance, "")]
    [InlineData(FollowKind.Topic, "a")]
    [InlineData(FollowKind.Topic, ":*&|!()")]
    [InlineData(FollowKind.Topic, "   ")]
    public void What_cannot_be_followed_is_refused_with_why(FollowKind kind, string value)
    {
        var decision = FollowLearning.Decide(null, new(Follower.User("margaret.ellis"), kind, value, Margaret, Reader), Now);
        Assert.Equal(RejectionKind.Conflict, decision.Rejection!.Kind);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void At_most_thirty_follows_and_stopping_one_that_is_not_followed_is_not_found()
    {
        var state = Fold([.. Enumerable.Range(0, FollowingRules.MaxItems).Select(i => new LearningFollowed("user:margaret.ellis", FollowKind.Topic, $"topic {i}", Now))]);
        Assert.NotNull(FollowLearning.Decide(state, new(Follower.User("margaret.ellis"), FollowKind.Topic, "one more", Margaret, Reader), Now).Rejection);
        var stop = StopFollowing.Decide(state, new(Follower.User("margaret.ellis"), FollowKind.Topic, "Topic 7", Margaret, Reader), Now);
        Assert.Equal("topic 7", Assert.IsType<LearningUnfollowed>(Assert.Single(stop.Events)).Value);
        Assert.DoesNotContain("topic 7", Fold([.. state!.Items.Select(i => (object)new LearningFollowed(state.Follower, i.Kind, i.Value, Now)), .. stop.Events])!.Topics);
        Assert.Equal(RejectionKind.NotFound,
            StopFollowing.Decide(state, new(Follower.User("margaret.ellis"), FollowKind.Topic, "never followed", Margaret, Reader), Now).Rejection!.Kind);
    }

    [Fact]
    public void The_digest_is_stopped_and_started_once_and_doing_it_again_adds_nothing()
    {
        var stop = SetLibraryDigest.Decide(null, new("margaret.ellis", false, "the link in a digest", Reader), Now);
        var stopped = Fold([.. stop.Events]);
        Assert.True(stopped!.DigestStopped);
        Assert.Empty(SetLibraryDigest.Decide(stopped, new("margaret.ellis", false, "the link in a digest", Reader), Now).Events);
        Assert.Empty(SetLibraryDigest.Decide(null, new("margaret.ellis", true, "the following page", Reader), Now).Events);
        Assert.IsType<LibraryDigestResumed>(Assert.Single(SetLibraryDigest.Decide(stopped, new("margaret.ellis", true, "the following page", Reader), Now).Events));
    }

    [Fact]
    public void A_followers_stream_id_is_the_same_every_time_and_differs_between_a_person_and_a_group_of_one_name()
    {
        Assert.Equal(Follower.User("a").StreamId, Follower.User("a").StreamId);
        Assert.NotEqual(Follower.User("a").StreamId, Follower.Group("a").StreamId);
        Assert.Equal(5, Follower.User("a").StreamId.Version);
    }

    [Theory]
    // Thursday 3 December 2026: its week began Monday 30 November (ISO week 49); the week before is week 48.
    [InlineData("2026-12-03T10:00:00Z", "2026-11-30", "2026-W49", "2026-11-23")]
    // Sunday 23:30 in London is still that week; Monday 00:30 in London (summer time: Sunday 23:30 UTC) is the next.
    [InlineData("2026-06-28T22:30:00Z", "2026-06-22", "2026-W26", "2026-06-15")]
    [InlineData("2026-06-28T23:30:00Z", "2026-06-29", "2026-W27", "2026-06-22")]
    // Across a new year: 1 January 2027 is a Friday in ISO week 53 of 2026.
    [InlineData("2027-01-01T12:00:00Z", "2026-12-28", "2026-W53", "2026-12-21")]
    public void The_digests_week_runs_monday_to_monday_in_uk_time(string instant, string monday, string name, string weekBefore)
    {
        var at = DateTimeOffset.Parse(instant);
        var week = DigestWeek.Containing(at);
        Assert.Equal(DateOnly.Parse(monday), week.Monday);
        Assert.Equal(name, week.Name);
        Assert.Equal(DateOnly.Parse(weekBefore), DigestWeek.Before(at).Monday);
        Assert.True(week.Start <= at && at < week.End);
    }
}
