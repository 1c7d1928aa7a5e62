using ArLedger.Mail;
using ArLedger.Persistence;
using ArLedger.Testing;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArLedger.Core.Tests.Mail;

/// <summary>How the sender talks to a real SMTP server: connections kept and reused, TLS, and the background drain.</summary>
public sealed class SmtpConnectionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static async Task EnqueueStatementsAsync(MailScenario scenario, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
            await scenario.EnqueueStatementAsync($"{prefix}{i:D3}", "2026-11");
    }

    static Task<int> ReceivedAsync(SmtpCatcher smtp, int expected) =>
        Eventually.UntilAsync(() => smtp.Received().Count, n => n >= expected, $"{expected} messages at the SMTP server");

    [Fact]
    public async Task Twenty_statements_sent_in_four_batches_reach_the_server_over_one_reused_connection()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        await EnqueueStatementsAsync(scenario, "RC", 20);
        var settings = MailScenario.Smtp(smtp.Port);
        settings.MaxConnections = 1;
        await using var sender = new SmtpMailSender(Options.Create(settings), clock);

        var result = await scenario.DrainAsync(settings, sender, batchSize: 5);

        Assert.Equal(new DispatchResult(20, 20, 0, 0), result);
        Assert.Equal(20, smtp.Received().Count);
        Assert.Equal(1, smtp.Connections());
    }

    [Fact]
    public async Task Forty_statements_with_four_connections_allowed_use_at_most_four()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        await EnqueueStatementsAsync(scenario, "FC", 40);
        var settings = MailScenario.Smtp(smtp.Port);
        settings.MaxConnections = 4;
        await using var sender = new SmtpMailSender(Options.Create(settings), clock);

        var result = await scenario.DrainAsync(settings, sender, batchSize: 20);

        Assert.Equal(40, result.Sent);
        Assert.Equal(40, smtp.Received().Count);
        Assert.InRange(smtp.Connections(), 1, 4);
    }

    [Fact]
    public async Task Statements_reach_a_server_speaking_implicit_TLS_whose_certificate_is_accepted_by_thumbprint()
    {
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(certificate: certificate, implicitTls: true);
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        await EnqueueStatementsAsync(scenario, "TL", 3);
        var settings = MailScenario.Smtp(smtp.Port);
        settings.Security = SecureSocketOptions.SslOnConnect;
        settings.AcceptCertificateThumbprint = certificate.Thumbprint;
        settings.MaxConnections = 1;
        await using var sender = new SmtpMailSender(Options.Create(settings), clock);

        var result = await scenario.DrainAsync(settings, sender, batchSize: 10);

        Assert.Equal(new DispatchResult(3, 3, 0, 0), result);
        Assert.Equal(3, smtp.Received().Count);
        Assert.Equal(1, smtp.Connections());
    }

    [Fact]
    public async Task A_server_requiring_STARTTLS_receives_statements_upgraded_with_STARTTLS()
    {
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(certificate: certificate, implicitTls: false);
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        await EnqueueStatementsAsync(scenario, "ST", 2);
        var settings = MailScenario.Smtp(smtp.Port);
        settings.Security = SecureSocketOptions.StartTls;
        settings.AcceptCertificateThumbprint = certificate.Thumbprint;
        await using var sender = new SmtpMailSender(Options.Create(settings), clock);

        var result = await scenario.DrainAsync(settings, sender, batchSize: 10);

        Assert.Equal(new DispatchResult(2, 2, 0, 0), result);
        Assert.Equal(2, smtp.Received().Count);
    }

    [Fact]
    public async Task A_server_requiring_authentication_after_STARTTLS_receives_statements_from_the_configured_user_only()
    {
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(certificate: certificate, implicitTls: false, login: ("compta", "s3cret-relay"));
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (_, refused) = await scenario.EnqueueStatementAsync("AU001", "2026-11");
        var settings = MailScenario.Smtp(smtp.Port);
        settings.Security = SecureSocketOptions.StartTls;
        settings.AcceptCertificateThumbprint = certificate.Thumbprint;
        settings.UserName = "compta";
        settings.Password = "wrong";
        await using (var wrong = new SmtpMailSender(Options.Create(settings), clock))
            Assert.Equal(new DispatchResult(1, 0, 1, 0), await scenario.DrainAsync(settings, wrong, batchSize: 10));
        Assert.Empty(smtp.Received());
        Assert.Contains("authentication", (await scenario.MessageAsync(refused.Id)).LastError, StringComparison.OrdinalIgnoreCase);

        settings.Password = "s3cret-relay";
        clock.Advance(TimeSpan.FromHours(1));
        await EnqueueStatementsAsync(scenario, "AU1", 2);
        await using var sender = new SmtpMailSender(Options.Create(settings), clock);

        var result = await scenario.DrainAsync(settings, sender, batchSize: 10);

        Assert.Equal(new DispatchResult(3, 3, 0, 0), result);
        Assert.Equal(3, smtp.Received().Count);
    }

    [Fact]
    public async Task A_certificate_no_authority_signed_and_no_thumbprint_accepts_is_refused_and_nothing_is_sent()
    {
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(certificate: certificate, implicitTls: true);
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (_, message) = await scenario.EnqueueStatementAsync("UT001", "2026-11");
        var settings = MailScenario.Smtp(smtp.Port);
        settings.Security = SecureSocketOptions.SslOnConnect;
        await using var sender = new SmtpMailSender(Options.Create(settings), clock);

        var result = await scenario.DrainAsync(settings, sender, batchSize: 10);

        Assert.Equal(new DispatchResult(1, 0, 1, 0), result);
        Assert.Empty(smtp.Received());
        Assert.Contains("certificate", (await scenario.MessageAsync(message.Id)).LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_background_drain_sends_every_due_statement_without_a_scheduler_and_is_off_when_configured_so()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        await EnqueueStatementsAsync(scenario, "BG", 12);
        await using var services = Services(smtp.Port, inBackground: true, clock);
        var drain = Assert.Single(services.GetServices<IHostedService>().OfType<OutboxDrain>());

        await drain.StartAsync(CancellationToken.None);
        var received = await ReceivedAsync(smtp, 12);
        await drain.StopAsync(CancellationToken.None);

        Assert.Equal(12, received);
        await using var off = Services(smtp.Port, inBackground: false, clock);
        Assert.Empty(off.GetServices<IHostedService>().OfType<OutboxDrain>());
    }

    ServiceProvider Services(int port, bool inBackground, FakeTimeProvider clock)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Mail:DispatchInBackground"] = inBackground ? "true" : "false",
            ["Mail:BatchSize"] = "5",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddArLedgerData(db.ConnectionString);
        services.AddArLedgerMail(config);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        return services.BuildServiceProvider();
    }
}
