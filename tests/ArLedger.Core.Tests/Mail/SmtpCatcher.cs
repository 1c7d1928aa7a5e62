using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Mail;

/// <summary>
/// A real SMTP server for a test: Debian's aiosmtpd in its own process, on a free loopback port, saving every
/// message it accepts as a file. Started by the test and stopped when disposed. Each message records the client
/// address and port of the connection it came over (X-Peer), so a test counts the connections a sender opened.
/// With a certificate it speaks implicit TLS (SMTPS) or requires STARTTLS.
/// </summary>
sealed class SmtpCatcher : IAsyncDisposable
{
    // aiosmtpd's server with a handler that writes each message whole, then renames it, so a reader never sees half
    // a message. Arguments: inbox, port, then optionally mode (plain, smtps, starttls), certificate, key, user, password.
    const string ServerScript = """
        import asyncio, os, ssl, sys, uuid
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        inbox, port = sys.argv[1], int(sys.argv[2])
        mode, cert, key, user, password = (sys.argv[3:] + [''] * 5)[:5]

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                path = os.path.join(inbox, uuid.uuid4().hex)
                with open(path + '.tmp', 'wb') as f:
                    f.write(('X-Envelope-To: ' + ','.join(envelope.rcpt_tos) + '\r\n').encode())
                    f.write(('X-Peer: %s:%s\r\n' % tuple(session.peer[:2])).encode())
                    f.write(envelope.content)
                os.rename(path + '.tmp', path + '.eml')
                return '250 Message accepted'

        def authenticate(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        context = None
        if cert:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)

        def session():
            return SMTP(Handler(), hostname='localhost',
                        tls_context=context if mode == 'starttls' else None, require_starttls=mode == 'starttls',
                        authenticator=authenticate if user else None, auth_required=bool(user),
                        auth_require_tls=mode == 'starttls')

        loop = asyncio.new_event_loop()
        loop.run_until_complete(loop.create_server(session, '127.0.0.1', port, ssl=context if mode == 'smtps' else None))
        loop.run_forever()
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

    /// <summary>
    /// Starts a server on <paramref name="port"/> (a free one by default). With a certificate it speaks implicit TLS
    /// or requires STARTTLS; with a user name it requires AUTH (after STARTTLS when it requires STARTTLS).
    /// </summary>
    public static async Task<SmtpCatcher> StartAsync(int? port = null, TestCertificate? certificate = null, bool implicitTls = true,
        (string User, string Password)? login = null)
    {
        var root = Directory.CreateTempSubdirectory("arledger-smtp-").FullName;
        var inbox = Path.Combine(root, "inbox");
        Directory.CreateDirectory(inbox);
        var script = Path.Combine(root, "catcher.py");
        await File.WriteAllTextAsync(script, ServerScript.ReplaceLineEndings("\n"));
        var p = port ?? FreePort();
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { script, inbox, p.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var (certFile, keyFile) = certificate is null ? ("", "") : await certificate.WritePemAsync(root);
        foreach (var arg in new[] { certificate is null ? "plain" : implicitTls ? "smtps" : "starttls", certFile, keyFile,
                     login?.User ?? "", login?.Password ?? "" })
            psi.ArgumentList.Add(arg);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start (apt-get install python3-aiosmtpd)");
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

    Task WaitUntilListeningAsync() => Eventually.TrueAsync(async () =>
    {
        if (process.HasExited)
            throw new InvalidOperationException($"the SMTP server exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }, "the SMTP server to listen", TimeSpan.FromSeconds(30));

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
