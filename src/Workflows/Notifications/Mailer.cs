using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GuidanceFlow.Workflows.Notifications;

/// <summary>
/// Sends queued emails: by SMTP when configured, otherwise as .eml files for development. The
/// message arrives from Wolverine's durable queue; the sent record is written in the same
/// transaction that marks it handled, so recovery after a crash does not send it again. (Only a
/// crash between the SMTP server accepting it and that commit could repeat one.)
/// </summary>
public static class OutgoingEmailHandler
{
    public static async Task Handle(OutgoingEmail email, IDocumentSession session, IOptions<MailSettings> settings,
        TimeProvider clock, ILogger<OutgoingEmail> logger, CancellationToken ct)
    {
        if (await session.LoadAsync<SentEmail>(email.Id, ct) is not null) return;

        var mail = settings.Value;
        var message = new MimeMessage();
        message.MessageId = $"{email.Id}@guidanceflow";
        message.From.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        string via;
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
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(mail.SmtpHost, mail.SmtpPort, mail.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(mail.UserName)) await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(true, ct);
            via = $"smtp://{mail.SmtpHost}:{mail.SmtpPort}";
        }

        session.Store(new SentEmail
        {
            Id = email.Id, ReviewId = email.ReviewId, To = email.To, Subject = email.Subject, SentAt = clock.GetUtcNow(), Via = via,
        });
    }
}
