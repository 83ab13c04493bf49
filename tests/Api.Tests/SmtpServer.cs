using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd, delivering into a maildir the tests read.
/// `.ci/run` installs python3-aiosmtpd when it is missing. A test can make it misbehave as real
/// servers do (<see cref="SetMode"/>): refuse a message for now (451), or accept one and then never
/// answer the goodbye (QUIT), so an instance can be killed with the email accepted but not recorded.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private SmtpServer(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public int Port { get; }
    private string Maildir => Path.Combine(_root, "maildir");

    public static async Task<SmtpServer> StartAsync()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var root = Path.Combine(Path.GetTempPath(), "gf-smtp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var port = Ports.Free();
        await File.WriteAllTextAsync(Path.Combine(root, "controlled_mailbox.py"), Handler);
        var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PYTHONPATH"] = root;
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "controlled_mailbox.ControlledMailbox", Path.Combine(root, "maildir") })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException(
                    $"aiosmtpd exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()} — install python3-aiosmtpd.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        return new SmtpServer(process, root, port);
    }

    /// <summary>"normal"; "refuse-first": each message's first attempt gets 451, a retry is taken; "stall-quit": QUIT is never answered.</summary>
    public void SetMode(string mode) => File.WriteAllText(Path.Combine(_root, "mode"), mode);

    /// <summary>The Message-ID of every DATA attempt so far, accepted or not, and "QUIT" for each goodbye received, in order.</summary>
    public IReadOnlyList<string> Attempts()
    {
        var path = Path.Combine(_root, "attempts");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : [];
    }

    // A Mailbox whose behaviour a test sets through the file "mode" beside the maildir.
    private const string Handler = """
        import asyncio, email, os
        from aiosmtpd.handlers import Mailbox

        class ControlledMailbox(Mailbox):
            def __init__(self, mail_dir):
                super().__init__(mail_dir)
                self.root = os.path.dirname(os.path.abspath(mail_dir))
                self.refused = set()

            def mode(self):
                try:
                    with open(os.path.join(self.root, "mode")) as f:
                        return f.read().strip()
                except FileNotFoundError:
                    return "normal"

            async def handle_DATA(self, server, session, envelope):
                message_id = email.message_from_bytes(envelope.content).get("Message-ID", "")
                with open(os.path.join(self.root, "attempts"), "a") as f:
                    f.write(message_id + "\n")
                if self.mode() == "refuse-first" and message_id not in self.refused:
                    self.refused.add(message_id)
                    return "451 4.3.0 Mailbox busy, try again later"
                return await super().handle_DATA(server, session, envelope)

            async def handle_QUIT(self, server, session, envelope):
                with open(os.path.join(self.root, "attempts"), "a") as f:
                    f.write("QUIT\n")
                if self.mode() == "stall-quit":
                    await asyncio.sleep(3600)
                return "221 Bye"
        """;

    /// <summary>Every message delivered so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folders = new[] { "new", "cur" }.Select(f => Path.Combine(Maildir, f)).Where(Directory.Exists);
        return folders.SelectMany(Directory.GetFiles).Order().Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>Messages about one review (every email links to it).</summary>
    public IReadOnlyList<MimeMessage> About(Guid reviewId) =>
        Messages().Where(m => (m.TextBody ?? "").Contains(reviewId.ToString())).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

}

public static class MessageExtensions
{
    public static string To(this MimeMessage m) => m.To.Mailboxes.Single().Address;
}
