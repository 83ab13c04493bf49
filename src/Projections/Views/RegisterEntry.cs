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
    /// <summary>Who has answered in the open re-assessment round; for the baseline, anyone who responded has.</summary>
    public List<string> RoundRespondents { get; set; } = [];
    public double ShareResponded { get; set; }
    /// <summary>Stakeholders who did not respond by the deadline.</summary>
    public int MissedResponses { get; set; }
    /// <summary>Deadlines passed with their work still undone (escalated and not yet resolved).</summary>
    public int OverdueCount { get; set; }
    /// <summary>Agreed actions alerted as overdue and not done since, by action, with the due date alerted for.</summary>
    public Dictionary<string, DateOnly> OverdueActions { get; set; } = [];
    public int OverdueActionCount { get; set; }
    public Rag Rag { get; set; }
    public DecisionOutcome? Outcome { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    // What the row is worked out from, kept compact: a large review (200 recommendations × 20 stakeholders)
    // takes a few KB, where one entry per answer took about 180 KB that every register read then carried.
    public List<string> Invited { get; set; } = [];
    /// <summary>The recommendation numbers answered so far, in the order first seen: positions in <see cref="Codes"/>.</summary>
    public List<string> Numbers { get; set; } = [];
    /// <summary>Each stakeholder's current answers, one character per position of <see cref="Numbers"/> ('-': not answered).</summary>
    public Dictionary<string, string> Codes { get; set; } = [];
    /// <summary>Rows written before the compact form: folded into it at the row's next event.</summary>
    public Dictionary<string, Compliance>? Answers { get; set; }

    private const string Letters = "MPNA"; // Met, PartiallyMet, NotMet, NotApplicable

    public void Record(string stakeholderId, string number, Compliance compliance)
    {
        var position = Numbers.IndexOf(number);
        if (position < 0)
        {
            Numbers.Add(number);
            position = Numbers.Count - 1;
        }
        var codes = (Codes.GetValueOrDefault(stakeholderId) ?? "").PadRight(Numbers.Count, '-').ToCharArray();
        codes[position] = Letters[(int)compliance];
        Codes[stakeholderId] = new string(codes);
    }

    /// <summary>Every current answer's compliance.</summary>
    public IEnumerable<Compliance> CurrentAnswers() =>
        Codes.Values.SelectMany(c => c).Where(c => c != '-').Select(c => (Compliance)Letters.IndexOf(c));
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
        if (r.Answers is { } older)
        {
            foreach (var (key, compliance) in older)
                if (key.Split('|') is [var stakeholder, var number]) r.Record(stakeholder, number, compliance);
            r.Answers = null;
        }
        switch (e)
        {
            case StakeholdersInvited i:
                r.Invited.AddRange(i.Stakeholders.Select(s => s.StakeholderId));
                break;
            case StakeholderResponseSubmitted s:
                foreach (var answer in s.Responses) r.Record(s.StakeholderId, answer.RecommendationNumber, answer.Compliance);
                if (!r.RoundRespondents.Contains(s.StakeholderId)) r.RoundRespondents.Add(s.StakeholderId);
                break;
            case ResponseWindowClosed c:
                r.MissedResponses = c.NonResponders.Count;
                break;
            case ReassessmentOpened:
                r.RoundRespondents.Clear();
                break;
            case ReassessmentClosed c:
                r.MissedResponses = c.NonResponders.Count;
                break;
            case DecisionRecorded d:
                r.Outcome = d.Outcome;
                r.DecidedAt = d.DecidedAt;
                break;
            case DecisionAmended a:
                r.Outcome = a.Outcome;
                // An action dropped, or given a new due date, is no longer overdue for the old one.
                foreach (var key in r.OverdueActions.Keys.ToList())
                    if (!a.Actions.Any(x => ActionRules.Key(x) == key && x.Due == r.OverdueActions[key])) r.OverdueActions.Remove(key);
                break;
            case ActionOverdue o:
                r.OverdueActions[o.Action] = o.Due;
                break;
            case ActionProgressRecorded { Status: ActionStatus.Done } done:
                r.OverdueActions.Remove(done.Action);
                break;
            case ReviewClosed:
                r.OverdueActions.Clear();
                break;
        }
        r.OverdueActionCount = r.OverdueActions.Count;

        r.InvitedCount = r.Invited.Count;
        r.RespondedCount = r.Invited.Count(id => ReassessmentRules.HasAnswered(r.Round, r.Codes.ContainsKey(id), r.RoundRespondents.Contains(id)));
        r.ShareResponded = r.InvitedCount == 0 ? 0 : Math.Round((double)r.RespondedCount / r.InvitedCount, 3);
        r.OverdueCount = r.Overdue.Count;
        var answers = r.CurrentAnswers().ToHashSet();
        r.Rag = answers.Contains(Compliance.NotMet) ? Rag.Red
            : answers.Contains(Compliance.PartiallyMet) ? Rag.Amber
            : answers.Contains(Compliance.Met) ? Rag.Green
            : Rag.NotAssessed;
    }
}
