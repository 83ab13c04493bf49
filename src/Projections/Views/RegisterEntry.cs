using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Views;

/// <summary>Red: something is not met; amber: partly met; green: met or not applicable; not assessed: no answers yet.</summary>
public enum Rag { NotAssessed, Green, Amber, Red }

/// <summary>One row of a group's register of reviews. Built by the async daemon.</summary>
public sealed class RegisterEntry : ReviewStanding
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string GuidanceId { get; set; } = "";
    public GuidanceType GuidanceType { get; set; }
    public string Title { get; set; } = "";
    public DateOnly PublishedOn { get; set; }
    public string Group { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public int InvitedCount { get; set; }
    public int RespondedCount { get; set; }
    public double ShareResponded { get; set; }
    /// <summary>Stakeholders who did not respond by the deadline.</summary>
    public int MissedResponses { get; set; }
    /// <summary>Deadlines passed with their work still undone (escalated and not yet resolved).</summary>
    public int OverdueCount { get; set; }
    public Rag Rag { get; set; }
    public DecisionOutcome? Outcome { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    // What the row is worked out from.
    public List<string> Invited { get; set; } = [];
    public Dictionary<string, Compliance> Answers { get; set; } = [];
}

public sealed class RegisterProjection : SingleStreamProjection<RegisterEntry, Guid>
{
    public override RegisterEntry? Evolve(RegisterEntry? entry, Guid id, IEvent e) => ReviewStanding.Fold(entry, e, Opened, Keep);

    private static RegisterEntry Opened(GuidanceReviewOpened e) => new()
    {
        Id = e.ReviewId, GuidanceId = e.GuidanceId, GuidanceType = e.GuidanceType, Title = e.Title, PublishedOn = e.PublishedOn,
        Group = e.Group, OpenedAt = e.OpenedAt,
    };

    private static void Keep(RegisterEntry r, IReviewEvent e)
    {
        switch (e)
        {
            case StakeholdersInvited i:
                r.Invited.AddRange(i.Stakeholders.Select(s => s.StakeholderId));
                break;
            case StakeholderResponseSubmitted s:
                foreach (var answer in s.Responses) r.Answers[$"{s.StakeholderId}|{answer.RecommendationNumber}"] = answer.Compliance;
                break;
            case ResponseWindowClosed c:
                r.MissedResponses = c.NonResponders.Count;
                break;
            case DecisionRecorded d:
                r.Outcome = d.Outcome;
                r.DecidedAt = d.DecidedAt;
                break;
        }

        var responded = r.Answers.Keys.Select(k => k.Split('|')[0]).ToHashSet();
        r.InvitedCount = r.Invited.Count;
        r.RespondedCount = r.Invited.Count(responded.Contains);
        r.ShareResponded = r.InvitedCount == 0 ? 0 : Math.Round((double)r.RespondedCount / r.InvitedCount, 3);
        r.OverdueCount = r.Overdue.Count;
        var answers = r.Answers.Values.ToList();
        r.Rag = answers.Contains(Compliance.NotMet) ? Rag.Red
            : answers.Contains(Compliance.PartiallyMet) ? Rag.Amber
            : answers.Contains(Compliance.Met) ? Rag.Green
            : Rag.NotAssessed;
    }
}
