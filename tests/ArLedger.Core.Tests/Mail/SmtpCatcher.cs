using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ArLedger.Core.Tests.Mail;

/// <summary>
/// A real SMTP server for a test: Debian's aiosmtpd in its own process, on a free loopback port, saving every
/// message it accepts as a file. Started by the test and stopped when disposed. Each message records the client
/// address and port of the connection it came over (X-Peer), so a test counts the connections a sender opened.
/// With a certificate it speaks implicit TLS (SMTPS) or requires STARTTLS.
/// </summary>
sealed class SmtpCatcher : IAsyncDisposable
{
    // The handler writes each message whole, then renames it, so a reader never sees half a message.
    const string HandlerModule = """
        import os, uuid

        class Handler:
            def __init__(self, folder):
                self.folder = folder

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(*args)

            async def handle_DATA(self, server, session, envelope):
                path = os.path.join(self.folder, uuid.uuid4().hex)
                with open(path + '.tmp', 'wb') as f:
                    f.write(('X-Envelope-To: ' + ','.join(envelope.rcpt_tos) + '\r\n').encode())
                    f.write(('X-Peer: %s:%s\r\n' % tuple(session.peer[:2])).encode())
                    f.write(envelope.content)
                os.rename(path + '.tmp', path + '.eml')
                return '250 Message accepted'
        """;

    readonly Process process;
    readonly string root;

    public int Port { get; }
    public string Inbox { get; }

    SmtpCatcher(Process process, string root, int port)
    {
        this.process = process;
        this.root = root;
        Port = port;
        Inbox = Path.Combine(root, "inbox");
    }

    public static async Task<SmtpCatcher> StartAsync(int? port = null, TestCertificate? certificate = null, bool implicitTls = true)
    {
        var root = Directory.CreateTempSubdirectory("arledger-smtp-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "inbox"));
        await File.WriteAllTextAsync(Path.Combine(root, "catcher.py"), HandlerModule.ReplaceLineEndings("\n"));
        var p = port ?? FreePort();
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{p}", "-c", "catcher.Handler", Path.Combine(root, "inbox") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        if (certificate is not null)
        {
            var (certFile, keyFile) = await certificate.WritePemAsync(root);
            foreach (var arg in new[] { implicitTls ? "--smtpscert" : "--tlscert", certFile, implicitTls ? "--smtpskey" : "--tlskey", keyFile })
                psi.ArgumentList.Insert(psi.ArgumentList.Count - 1, arg);
        }
        psi.Environment["PYTHONPATH"] = root;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("aiosmtpd did not start (apt-get install python3-aiosmtpd)");
        var catcher = new SmtpCatcher(process, root, p);
        await catcher.WaitUntilListeningAsync();
        return catcher;
    }

    /// <summary>A port nobody listens on right now: where a test points a sender that must fail.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>How many connections the messages received so far came over.</summary>
    public int Connections() => Received().Select(m => m.Headers["x-peer"]).Distinct().Count();

    /// <summary>Every message received so far, parsed.</summary>
    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.GetFiles(Inbox, "*.eml").Select(f => ReceivedMail.Parse(File.ReadAllBytes(f))).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
