using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Groups;
using GuidanceFlow.Workflows.Notifications;
using GuidanceFlow.Workflows.People;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Workflows.Triage;

/// <summary>
/// Who hears about a triage deadline: the reminder goes to the group's triage leads and chairs, the
/// escalation to its chairs and group admins — each with an email address GuidanceFlow knows (people
/// are known once they have signed in).
/// </summary>
public sealed class TriageNotifications(IOptions<MailSettings> settings)
{
    public async Task<IReadOnlyList<OutgoingEmail>> ForAsync(TriageItem item, IReadOnlyList<object> events, IQuerySession session)
    {
        var reminder = events.OfType<TriageReminderSent>().FirstOrDefault();
        var escalation = events.OfType<TriageEscalated>().FirstOrDefault();
        if (reminder is null && escalation is null) return [];

        var group = await session.LoadAsync<ImplementationGroup>(item.Group);
        if (group is null) return [];
        var emails = new List<OutgoingEmail>();
        if (reminder is not null)
            emails.AddRange(await To(group, session, [GroupRole.TriageLead, GroupRole.Chair], (to, name) => Mail(item, to, name,
                $"{item.GuidanceNumber}: triage due {UkTime.Format(reminder.DueAt)}",
                $"NICE published {item.Title} ({item.GuidanceNumber}) on {item.Issued:d MMMM yyyy}. {item.Group} has not yet triaged it.",
                $"Record whether it is relevant to the group by {UkTime.Format(reminder.DueAt)}, in {reminder.DaysBefore} {(reminder.DaysBefore == 1 ? "day" : "days")}.")));
        if (escalation is not null)
            emails.AddRange(await To(group, session, [GroupRole.Chair, GroupRole.GroupAdmin], (to, name) => Mail(item, to, name,
                $"Overdue: {item.GuidanceNumber} has not been triaged",
                $"{item.Title} ({item.GuidanceNumber}) was due to be triaged by {item.Group} by {UkTime.Format(escalation.DueAt)}.",
                "Nobody has yet recorded whether it is relevant. Triage it now, or ask the triage lead to.")));
        return emails;
    }

    private static async Task<IEnumerable<OutgoingEmail>> To(ImplementationGroup group, IQuerySession session, GroupRole[] roles,
        Func<string, string, OutgoingEmail> mail)
    {
        var ids = group.Members.Where(m => m.Roles.Any(roles.Contains)).Select(m => m.UserId).ToList();
        if (ids.Count == 0) return [];
        var people = await session.LoadManyAsync<Person>(ids);
        return people.Where(p => !string.IsNullOrWhiteSpace(p.Email)).OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => mail(p.Email!, p.Name)).ToList();
    }

    private OutgoingEmail Mail(TriageItem item, string to, string toName, string subject, string lead, string body) =>
        EmailComposer.Compose(settings.Value, item.Id, $"/groups/{Uri.EscapeDataString(item.Group)}/triage/{item.GuidanceNumber}",
            $"{item.Group} · triage of {item.GuidanceNumber}", item.Group, to, toName, subject, lead, body, "Triage the guidance");
}
