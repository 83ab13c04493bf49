using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Reviews.GridChangeKind;

namespace GuidanceFlow.Domain.Tests;

/// <summary>A grid replaced by the chair's editor, told as what changed rather than the whole grid again.</summary>
public class GridChangesTests
{
    private static Recommendation R(string number, string text, params string[] settings) => new(number, text, settings);

    private static readonly Recommendation[] Grid =
    [
        R("1.1", "Offer pulse checks."), R("1.2", "Use a stroke score."), R("1.3", "Review anticoagulation yearly."),
    ];

    [Fact]
    public void The_same_grid_again_changes_nothing() => Assert.Empty(GridChanges.Between(Grid, Grid));

    [Fact]
    public void An_added_recommendation_is_named_and_nothing_else()
    {
        var changes = GridChanges.Between(Grid, [.. Grid, R("1.4", "Offer a leaflet.")]);
        Assert.Equal([new GridChange(Added, "1.4")], changes);
    }

    [Fact]
    public void Edited_words_or_settings_are_an_edit()
    {
        var changes = GridChanges.Between(Grid, [Grid[0] with { Text = "Offer opportunistic pulse checks." }, Grid[1] with { Settings = ["Primary care"] }, Grid[2]]);
        Assert.Equal([new GridChange(Edited, "1.1"), new GridChange(Edited, "1.2")], changes);
    }

    [Fact]
    public void Moving_one_recommendation_up_names_only_that_one()
    {
        var changes = GridChanges.Between(Grid, [Grid[0], Grid[2], Grid[1]]);
        Assert.Equal([new GridChange(Moved, "1.3")], changes);
    }

    [Fact]
    public void A_removed_recommendation_is_named_by_its_old_number()
    {
        Assert.Equal([new GridChange(Removed, "1.2")], GridChanges.Between(Grid, [Grid[0], Grid[2]]));
    }

    [Fact]
    public void The_same_words_under_a_new_number_are_a_renumbering_not_a_removal_and_an_addition()
    {
        var changes = GridChanges.Between(Grid, [Grid[0], Grid[1], Grid[2] with { Number = "1.5" }]);
        Assert.Equal([new GridChange(Renumbered, "1.5", "1.3")], changes);
        Assert.Equal("1.3 renumbered to 1.5", GridChanges.Describe(changes[0]));
    }

    [Fact]
    public void Several_changes_at_once_are_each_named()
    {
        var changes = GridChanges.Between(Grid, [R("1.0", "Ask about palpitations."), Grid[1] with { Text = "Use CHA2DS2-VASc." }, Grid[0]]);
        Assert.Contains(new GridChange(Added, "1.0"), changes);
        Assert.Contains(new GridChange(Edited, "1.2"), changes);
        Assert.Contains(new GridChange(Removed, "1.3"), changes);
        Assert.Single(changes, c => c.Kind == Moved);
        Assert.Equal(4, changes.Count);
    }
}
