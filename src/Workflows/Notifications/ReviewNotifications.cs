using System.Net;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Workflows.Notifications;

/// <summary>
/// Who hears about what. Each reminder, closure, distribution and escalation becomes one email per
/// person concerned: plain, saying what is due, by when (UK time), and where to act.
/// </summary>
public sealed class ReviewNotifications(IOptions<MailSettings> settings)
{
    public IEnumerable<OutgoingEmail> For(Review review, IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ResponseWindowOpened opened:
                    foreach (var s in review.Stakeholders)
                        yield return Mail(review, s.Email, s.Name, $"{review.GuidanceId}: your response is requested by {UkTime.Format(opened.Deadline)}",
                            $"{review.Title} ({review.GuidanceId}) is being reviewed by {review.Group}.",
                            $"Please respond to each recommendation that applies to your service by {UkTime.Format(opened.Deadline)}.",
                            "Respond to the review");
                    break;

                case ReassessmentOpened round:
                    foreach (var s in review.Stakeholders)
                        yield return Mail(review, s.Email, s.Name, $"{review.GuidanceId}: please re-assess compliance by {UkTime.Format(round.Deadline)}",
                            $"{review.Group} decided how to implement {review.Title} ({review.GuidanceId}) and its review date has come: " +
                            $"this is re-assessment {round.Round}.",
                            $"Please say again how far your service meets each recommendation that applies to it, by {UkTime.Format(round.Deadline)}. " +
                            "Your last answers are filled in for you: change what has changed and submit.",
                            "Re-assess compliance");
                    break;

                case ReassessmentClosed closed when review.ChairEmail is not null:
                    var silent = review.Stakeholders.Where(s => closed.NonResponders.Contains(s.StakeholderId)).Select(s => $"{s.Name} ({s.Organisation})").ToList();
                    yield return Mail(review, review.ChairEmail, review.ChairUserId,
                        $"{review.GuidanceId}: re-assessment {closed.Round} closed, {review.Stakeholders.Count - closed.NonResponders.Count} of {review.Stakeholders.Count} answered",
                        closed.ClosedBy == WindowClosure.AtDeadline
                            ? $"Re-assessment {closed.Round} of {review.Title} closed at its deadline."
                            : $"You closed re-assessment {closed.Round} of {review.Title}.",
                        (silent.Count == 0 ? "Every invited stakeholder answered again." : $"Did not answer again (their last answers stand): {string.Join("; ", silent)}.") +
                        $" Compliance over time is on the review. The next review date is {UkTime.Format(closed.NextReviewDate)}.",
                        "See compliance over time");
                    break;

                case ResponseReminderSent reminder:
                    foreach (var s in review.Stakeholders.Where(s => reminder.Recipients.Contains(s.StakeholderId)))
                        yield return Mail(review, s.Email, s.Name,
                            $"Reminder: your response to {review.GuidanceId} is due by {UkTime.Format(reminder.Deadline)}",
                            $"We have not yet had your response to {review.Title} ({review.GuidanceId}).",
                            $"The response window closes {UkTime.Format(reminder.Deadline)}, in {reminder.DaysBefore} {(reminder.DaysBefore == 1 ? "day" : "days")}. " +
                            "After that, responses can no longer be submitted.",
                            "Respond to the review");
                    break;

                case NonRespondersReminded reminded:
                    foreach (var s in review.Stakeholders.Where(s => reminded.Recipients.Contains(s.StakeholderId)))
                        yield return Mail(review, s.Email, s.Name,
                            $"Reminder from the chair: your response to {review.GuidanceId} is due by {UkTime.Format(reminded.Deadline)}",
                            $"The chair of {review.Group} has asked us to remind you that we have not yet had your response to {review.Title} ({review.GuidanceId}).",
                            $"The response window closes {UkTime.Format(reminded.Deadline)}. After that, responses can no longer be submitted.",
                            "Respond to the review");
                    break;

                case ResponseWindowClosed closed when review.ChairEmail is not null:
                    var missing = review.Stakeholders.Where(s => closed.NonResponders.Contains(s.StakeholderId)).Select(s => $"{s.Name} ({s.Organisation})").ToList();
                    yield return Mail(review, review.ChairEmail, review.ChairUserId,
                        $"{review.GuidanceId}: responses closed, {review.Stakeholders.Count - closed.NonResponders.Count} of {review.Stakeholders.Count} responded",
                        closed.ClosedBy == WindowClosure.AtDeadline
                            ? $"The response window for {review.Title} closed at its deadline."
                            : $"You closed the response window for {review.Title}.",
                        (missing.Count == 0 ? "Every invited stakeholder responded." : $"Not responded: {string.Join("; ", missing)}.") +
                        (closed.FinancialImpactDue is { } financialDue ? $" The financial impact assessment is due by {UkTime.Format(financialDue)}." : ""),
                        "See the collated response");
                    break;

                case ResponseDelegated delegated when review.Stakeholders.FirstOrDefault(s => s.StakeholderId == delegated.StakeholderId) is { } asking:
                    // Both people: the one who asked, so a delegation they did not make is noticed, and the colleague asked.
                    yield return Mail(review, asking.Email, asking.Name, $"{review.GuidanceId}: {delegated.DelegateName} can now respond for you",
                        $"You asked {delegated.DelegateName} to respond for you to {review.Title} ({review.GuidanceId}).",
                        $"They can submit or amend your response until {Due(review)}. You can still respond yourself, or withdraw the delegation.",
                        "Open the review");
                    if (delegated.DelegateEmail is { } email)
                        yield return Mail(review, email, delegated.DelegateName, $"{review.GuidanceId}: {asking.Name} has asked you to respond for them",
                            $"{asking.Name} ({asking.Organisation}) has asked you to respond for them to {review.Title} ({review.GuidanceId}), reviewed by {review.Group}.",
                            $"Please respond for them by {Due(review)}. The record will show that you submitted it.",
                            "Respond for them");
                    break;

                case StakeholderResponseSubmitted submitted when review.Stakeholders.FirstOrDefault(s => s.StakeholderId == submitted.StakeholderId) is { } whose:
                    // The receipt: what was submitted, so the stakeholder holds their own copy.
                    var answers = string.Join("; ", submitted.Responses.Select(r => $"{r.RecommendationNumber}: {ComplianceWords(r.Compliance)}"));
                    yield return Mail(review, whose.Email, whose.Name,
                        // Each submission's receipt has its own subject (the amendment's number), so two receipts are never the same email.
                        $"{review.GuidanceId}: {(submitted.Revision > 1 ? $"amendment {submitted.Revision - 1} to your response" : "response")} received ({Count(submitted.Responses.Count, "recommendation")})",
                        $"GuidanceFlow received {(submitted.Revision > 1 ? "an amendment to your response" : "your response")} to {review.Title} ({review.GuidanceId}) at {UkTime.Format(submitted.SubmittedAt)}.",
                        $"You answered: {answers}. You can amend it until {Due(review)}.",
                        "See your response");
                    break;

                case CollatedResponseDistributed distributed:
                    foreach (var s in review.Stakeholders.Where(s => distributed.Recipients.Contains(s.StakeholderId)))
                        yield return Mail(review, s.Email, s.Name, $"{review.GuidanceId}: the collated response is ready",
                            $"Responses to {review.Title} ({review.GuidanceId}) have closed.",
                            "The collated response from primary, secondary and community care — compliance, barriers and estimated costs for each recommendation — is now shared with everyone invited.",
                            "Read the collated response");
                    break;

                case DeadlineEscalated escalated when review.ChairEmail is not null:
                    var what = escalated.Deadline == DeadlineKind.FinancialImpact ? "financial impact assessment" : "decision";
                    yield return Mail(review, review.ChairEmail, review.ChairUserId, $"Overdue: {review.GuidanceId} {what}",
                        $"The {what} for {review.Title} ({review.GuidanceId}) was due {UkTime.Format(escalated.DueAt)} and has not been recorded.",
                        escalated.Deadline == DeadlineKind.FinancialImpact
                            ? "Record the financial impact, or mark it not needed with a reason, so the group can decide."
                            : "Record the group's decision, or move the meeting with a reason.",
                        "Open the review");
                    break;

                case ReviewDue due when review.ChairEmail is not null:
                    yield return Mail(review, review.ChairEmail, review.ChairUserId, $"{review.GuidanceId}: review date reached",
                        $"The decision on {review.Title} ({review.GuidanceId}) is due for review ({UkTime.Format(due.ReviewDate)}).",
                        "Monitoring has reopened: check the actions and the audit evidence, then record what the group finds.",
                        "Open the review");
                    break;

                case ActionReminderSent reminder when reminder.OwnerEmail is not null:
                    yield return Mail(review, reminder.OwnerEmail, reminder.Owner,
                        $"Reminder: an agreed action on {review.GuidanceId} is due {UkTime.Format(reminder.Due)}",
                        $"{review.Group} agreed this action when it decided how to implement {review.Title} ({review.GuidanceId}), with you as its owner:",
                        $"{reminder.Action}\n\nIt is due {UkTime.Format(reminder.Due)}. Record its progress, or what is blocking it, on the review.",
                        "Record progress on the action", "/actions");
                    break;

                case ActionOverdue overdue when review.ChairEmail is not null:
                    yield return Mail(review, review.ChairEmail, review.ChairUserId, $"Overdue: an agreed action on {review.GuidanceId}",
                        $"An action agreed for {review.Title} ({review.GuidanceId}) was due {UkTime.Format(overdue.Due)} and is not recorded as done. Its owner is {overdue.Owner}.",
                        overdue.Action,
                        "See the review's actions", "/actions");
                    break;

                case FundingDeadlineAlert alert when review.ChairEmail is not null:
                    yield return alert.Passed
                        ? Mail(review, review.ChairEmail, review.ChairUserId, $"Statutory deadline passed: {review.GuidanceId} funding",
                            $"The {alert.Period}-day statutory funding deadline for technology appraisal {review.GuidanceId} passed {UkTime.Format(alert.FundingDeadline)} with no decision recorded.",
                            $"Commissioners must make a recommended technology available within {alert.Period} days of publication. Escalate to the commissioner now.",
                            "Open the review")
                        : Mail(review, review.ChairEmail, review.ChairUserId, $"{review.GuidanceId}: day {alert.Day} of {alert.Period} for funding",
                            $"Technology appraisal {review.GuidanceId} must be funded by {UkTime.Format(alert.FundingDeadline)}.",
                            $"This is day {alert.Day} of the {alert.Period}-day statutory period; no decision is recorded yet.",
                            "Open the review");
                    break;
            }
        }
    }

    private static string Due(Review review) => review.Progress.ResponseDeadline is { } due ? UkTime.Format(due) : "the deadline";

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string ComplianceWords(Compliance compliance) => compliance switch
    {
        Compliance.Met => "met",
        Compliance.PartiallyMet => "partially met",
        Compliance.NotMet => "not met",
        _ => "not applicable",
    };

    private OutgoingEmail Mail(Review review, string to, string toName, string subject, string lead, string body, string action, string page = "") =>
        EmailComposer.Compose(settings.Value, review.Id, $"/reviews/{review.Id}{page}", $"{review.Group} · {review.GuidanceId}", review.Group,
            to, toName, subject, lead, body, action);
}

/// <summary>The one shape of every email GuidanceFlow sends: plain text and simple HTML saying the same, with one link to act on.</summary>
public static class EmailComposer
{
    public static OutgoingEmail Compose(MailSettings settings, Guid streamId, string path, string footer, string signedBy,
        string to, string toName, string subject, string lead, string body, string action)
    {
        var link = $"{settings.PublicUrl.TrimEnd('/')}{path}";
        var text = $"{lead}\n\n{body}\n\n{action}: {link}\n\n— GuidanceFlow, {signedBy}\n";
        static string e(string value) => WebUtility.HtmlEncode(value);
        var html = Page(subject, subject, $"""
            <p>{e(lead)}</p>
            <p>{e(body)}</p>
            <p><a href="{e(link)}" style="color:#005eb8;font-weight:bold">{e(action)}</a></p>
            <p style="color:#4c6272;font-size:16px">{e(footer)}</p>
            """);
        return new OutgoingEmail(Guid.CreateVersion7(), streamId, to, toName, subject, text, html);
    }

    /// <summary>The HTML every email shares: the NHS blue header, a white panel, a heading, then <paramref name="content"/> (already encoded).</summary>
    public static string Page(string title, string heading, string content)
    {
        static string e(string value) => WebUtility.HtmlEncode(value);
        return $"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><title>{e(title)}</title></head>
            <body style="margin:0;background:#f0f4f5;font-family:Arial,Helvetica,sans-serif;color:#212b32;font-size:19px;line-height:1.47">
            <div style="background:#005eb8;color:#ffffff;padding:16px 24px;font-weight:bold;font-size:22px">NHS &nbsp;GuidanceFlow</div>
            <div style="background:#ffffff;margin:24px;padding:24px;max-width:640px">
            <h1 style="font-size:28px;margin:0 0 16px">{e(heading)}</h1>
            {content}
            </div></body></html>
            """;
    }
}
