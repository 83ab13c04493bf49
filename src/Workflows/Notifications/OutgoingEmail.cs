namespace GuidanceFlow.Workflows.Notifications;

/// <summary>
/// One email to one person, queued durably in the same transaction as the events it reports. A digest carries its
/// unsubscribe address, which mail clients offer as a button (the List-Unsubscribe header).
/// </summary>
public sealed record OutgoingEmail(
    Guid Id,
    Guid ReviewId,
    string To,
    string ToName,
    string Subject,
    string Text,
    string Html,
    string? Unsubscribe = null);

/// <summary>Kept once an email has gone, so a redelivered message is not sent twice.</summary>
public sealed class SentEmail
{
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public string Via { get; set; } = "";
}

public sealed class MailSettings
{
    /// <summary>SMTP server; empty means development: write .eml files to <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "guidanceflow@localhost";
    public string FromName { get; set; } = "GuidanceFlow";
    public string PickupDirectory { get; set; } = ".data/mail";

    /// <summary>Where people open GuidanceFlow; links in emails start here.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}
