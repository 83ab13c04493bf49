using System.Runtime.CompilerServices;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Tests;

/// <summary>
/// Every event of a review's stream is named by every fold: status and deadlines
/// (<see cref="ReviewProgress.Apply"/>, which every read model goes through) and the write model
/// (<see cref="Review.Evolve"/>). Adding an event to Events.cs without deciding what it does fails here.
/// </summary>
public class EveryEventTests
{
    public static TheoryData<string> EventTypes() =>
        new(typeof(IReviewEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IReviewEvent).IsAssignableFrom(t)).Select(t => t.Name).Order());

    /// <summary>An instance with every field at its default: enough for the folds to pick their case by type.</summary>
    private static IReviewEvent Blank(string name) =>
        (IReviewEvent)RuntimeHelpers.GetUninitializedObject(typeof(IReviewEvent).Assembly.GetTypes().Single(t => t.Name == name));

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Status_and_deadlines_name_the_event(string type) =>
        Assert.IsNotType<UnhandledReviewEvent>(Record.Exception(() => ReviewProgress.Apply(ReviewProgress.Opened, Blank(type))));

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_write_model_names_the_event(string type) =>
        Assert.IsNotType<UnhandledReviewEvent>(Record.Exception(() => Review.Evolve(Given.History(Given.Opened()), Blank(type))));

    [Fact]
    public void Every_record_about_a_review_that_is_not_a_command_is_marked_as_a_review_event()
    {
        var unmarked = typeof(IReviewEvent).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.IsClass && t.GetProperty("ReviewId")?.PropertyType == typeof(Guid))
            .Where(t => !typeof(IReviewEvent).IsAssignableFrom(t) && !typeof(IReviewCommand).IsAssignableFrom(t) && t != typeof(OpenReview))
            // A triage names the review opened from it; that is the triage's event, on the triage's stream.
            .Where(t => !typeof(GuidanceFlow.Domain.Triage.ITriageEvent).IsAssignableFrom(t) && t != typeof(GuidanceFlow.Domain.Triage.OpenReviewFromTriage))
            // A case study names the review it came from; its events are the library's, on the entry's stream.
            .Where(t => t.Namespace != typeof(GuidanceFlow.Domain.Library.ILibraryEvent).Namespace)
            // An improvement project names the decision it started from; its events are the project's, on its own stream.
            .Where(t => t.Namespace != typeof(GuidanceFlow.Domain.Improvement.IProjectEvent).Namespace)
            .Select(t => t.Name);
        Assert.Empty(unmarked);
    }

    public static TheoryData<string> LibraryEventTypes() =>
        new(typeof(GuidanceFlow.Domain.Library.ILibraryEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(GuidanceFlow.Domain.Library.ILibraryEvent).IsAssignableFrom(t)).Select(t => t.Name).Order());

    public static TheoryData<string> FollowingEventTypes() =>
        new(typeof(GuidanceFlow.Domain.Library.IFollowingEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(GuidanceFlow.Domain.Library.IFollowingEvent).IsAssignableFrom(t)).Select(t => t.Name).Order());

    /// <summary>Every event about what someone follows is named by its fold.</summary>
    [Theory]
    [MemberData(nameof(FollowingEventTypes))]
    public void The_following_fold_names_the_event(string type)
    {
        var blank = RuntimeHelpers.GetUninitializedObject(typeof(GuidanceFlow.Domain.Library.IFollowingEvent).Assembly.GetTypes().Single(t => t.Name == type));
        var state = new GuidanceFlow.Domain.Library.Following(Guid.NewGuid(), "user:a", [], false, DateTimeOffset.UnixEpoch);
        Assert.IsNotType<InvalidOperationException>(Record.Exception(() => GuidanceFlow.Domain.Library.Following.Evolve(state, blank)));
    }

    /// <summary>Every library event is named by the entry's fold (an unnamed one throws rather than being skipped).</summary>
    [Theory]
    [MemberData(nameof(LibraryEventTypes))]
    public void The_library_fold_names_the_event(string type)
    {
        var blank = RuntimeHelpers.GetUninitializedObject(typeof(GuidanceFlow.Domain.Library.ILibraryEvent).Assembly.GetTypes().Single(t => t.Name == type));
        var entry = new GuidanceFlow.Domain.Library.LibraryEntry(Guid.NewGuid(), GuidanceFlow.Domain.Library.LibraryEntryKind.GoodPractice,
            new("t", "s", [], [], [], null, GuidanceFlow.Domain.Library.CostBand.NotKnown), "a", "A", null, DateTimeOffset.UnixEpoch);
        Assert.IsNotType<InvalidOperationException>(Record.Exception(() => GuidanceFlow.Domain.Library.LibraryEntry.Evolve(entry, blank)));
    }

    private sealed record Forgotten(Guid ReviewId) : IReviewEvent;

    [Fact]
    public void An_event_no_fold_names_is_refused_loudly_rather_than_ignored()
    {
        Assert.Throws<UnhandledReviewEvent>(() => ReviewProgress.Apply(ReviewProgress.Opened, new Forgotten(Given.Id)));
        Assert.Throws<UnhandledReviewEvent>(() => Review.Evolve(Given.History(Given.Opened()), new Forgotten(Given.Id)));
    }
}
