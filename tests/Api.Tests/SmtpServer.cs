using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd, delivering into a maildir the tests read.
/// `.ci/run` installs python3-aiosmtpd when it is missing.
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
        var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(root, "maildir") })
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
