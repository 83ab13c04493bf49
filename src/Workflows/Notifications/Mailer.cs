using MailKit;
using Wolverine.ErrorHandling;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GuidanceFlow.Workflows.Notifications;

/// <summary>
/// Sends queued emails: by SMTP when configured, otherwise as .eml files for development. The
/// message arrives from Wolverine's durable queue, so an email is never lost: a crash before it is
/// sent, or a server that refuses it for now (4xx) or cannot be reached, means it is sent again
/// later. SMTP cannot give exactly-once; what we promise is at least once, and a repeat only if the
/// instance dies in the moment between the SMTP server accepting the message (its 250 after DATA)
/// and our record of it — committed at once, before we even say goodbye (QUIT). Every attempt of one
/// email carries the same Message-ID, so a repeat can be recognised by mail systems and people.
/// </summary>
public static class OutgoingEmailHandler
{
    /// <summary>
    /// Transient mail failures (4xx replies, a dropped or refused connection, a timeout) are retried
    /// with backoff for about two hours; a permanent refusal (5xx: no such mailbox) goes to the
    /// dead-letter table for an operator.
    /// </summary>
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) =>
        chain.OnException(IsTransientMailFailure, "the mail server is unavailable for now")
            .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
                TimeSpan.FromMinutes(60));

    public static bool IsTransientMailFailure(Exception e) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    public static async Task Handle(OutgoingEmail email, IDocumentSession session, IOptions<MailSettings> settings,
        TimeProvider clock, ILogger<OutgoingEmail> logger, CancellationToken ct)
    {
        if (await session.LoadAsync<SentEmail>(email.Id, ct) is not null) return;

        var mail = settings.Value;
        var message = new MimeMessage();
        // The same on every attempt of this email: its id was fixed when it was queued with the events.
        message.MessageId = $"{email.Id}@{(mail.FromAddress.Split('@') is [_, { Length: > 0 } domain] ? domain : "guidanceflow.local")}";
        message.From.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        if (email.Unsubscribe is { } unsubscribe) message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        var via = "";
        if (string.IsNullOrWhiteSpace(mail.SmtpHost))
        {
            Directory.CreateDirectory(mail.PickupDirectory);
            var path = Path.GetFullPath(Path.Combine(mail.PickupDirectory, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{email.Id}.eml"));
            // Written under another name and renamed into place, so a pickup reader never sees half a message.
            var partial = Path.Combine(Path.GetDirectoryName(path)!, $".{email.Id}.partial");
            await message.WriteToAsync(partial, ct);
            File.Move(partial, path, overwrite: true);
            logger.LogInformation("No SMTP server configured: email to {To} \"{Subject}\" written to {Path}", email.To, email.Subject, path);
            via = path;
        }
        else
        {
            using var smtp = new SmtpClient { Timeout = 30_000 };
            try
            {
                await smtp.ConnectAsync(mail.SmtpHost, mail.SmtpPort, mail.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
                if (!string.IsNullOrEmpty(mail.UserName)) await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
                await smtp.SendAsync(message, ct);
            }
            catch (Exception) when (OperationsMetrics.EmailFailed())
            {
                throw; // never reached: the filter only counts
            }
            OperationsMetrics.EmailSent();
            // Accepted: recorded and committed now, before anything else can fail or stall (the goodbye, the queue's own commit).
            await RecordAsync(session, email, clock, $"smtp://{mail.SmtpHost}:{mail.SmtpPort}", ct);
            try
            {
                await smtp.DisconnectAsync(true, ct);
            }
            catch (Exception e) when (IsTransientMailFailure(e))
            {
                logger.LogInformation("The mail server did not say goodbye after accepting {MessageId}; it was sent", message.MessageId);
            }
            return;
        }

        await RecordAsync(session, email, clock, via, ct);
        OperationsMetrics.EmailSent();
    }

    private static async Task RecordAsync(IDocumentSession session, OutgoingEmail email, TimeProvider clock, string via, CancellationToken ct)
    {
        session.Store(new SentEmail
        {
            Id = email.Id, ReviewId = email.ReviewId, To = email.To, Subject = email.Subject, SentAt = clock.GetUtcNow(), Via = via,
        });
        await session.SaveChangesAsync(ct);
    }
}
