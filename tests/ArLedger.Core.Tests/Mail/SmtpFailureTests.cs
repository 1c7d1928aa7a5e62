using ArLedger.Audit;
using ArLedger.Mail;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Mail;

public sealed class SmtpFailureTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task An_unreachable_server_is_retried_with_backoff_then_the_message_is_parked_and_a_resend_delivers_it_once()
    {
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (_, message) = await scenario.EnqueueStatementAsync("C00013", "2026-10");
        var port = SmtpCatcher.FreePort(); // nobody listens there
        var smtp = MailScenario.Smtp(port, maxAttempts: 4);

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(new DispatchResult(1, 0, 1, 0), await scenario.DispatchAsync(smtp));
            var retrying = await scenario.MessageAsync(message.Id);
            Assert.Equal(OutboxStatus.Pending, retrying.Status);
            Assert.Equal(attempt, retrying.Attempts);
            Assert.False(string.IsNullOrEmpty(retrying.LastError));
            waits.Add(retrying.NextAttemptAt - clock.GetUtcNow());

            // Not due before its backoff has passed.
            clock.Advance(retrying.NextAttemptAt - clock.GetUtcNow() - TimeSpan.FromSeconds(1));
            Assert.Equal(DispatchResult.None, await scenario.DispatchAsync(smtp));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], waits);

        Assert.Equal(new DispatchResult(1, 0, 0, 1), await scenario.DispatchAsync(smtp));
        var parked = await scenario.MessageAsync(message.Id);
        Assert.Equal(OutboxStatus.Failed, parked.Status);
        Assert.Equal(4, parked.Attempts);
        Assert.Contains("Failure sending mail", parked.LastError, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(DispatchResult.None, await scenario.DispatchAsync(smtp));

        // The server comes back; a person re-sends the parked message from the Outbox page.
        await using var server = await SmtpCatcher.StartAsync(port);
        await using (var ctx = db.CreateContext())
        {
            var resent = await new OutboxMessages(ctx, clock, new Actor { Name = "manager" }).ResendAsync(message.Id);
            Assert.True(resent.Succeeded);
            Assert.Equal(message.Id, resent.Value!.Id);
        }
        Assert.Equal(1, (await scenario.DispatchAsync(smtp)).Sent);
        Assert.Equal(DispatchResult.None, await scenario.DispatchAsync(smtp));
        Assert.Single(server.Received());
        Assert.Equal(OutboxStatus.Sent, (await scenario.MessageAsync(message.Id)).Status);
    }

    [Fact]
    public async Task A_malformed_address_is_parked_at_the_first_attempt()
    {
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var (_, message) = await scenario.EnqueueStatementAsync("C00014", "2026-10", to: "not an address");

        var result = await scenario.DispatchAsync(MailScenario.Smtp(SmtpCatcher.FreePort()));

        Assert.Equal(new DispatchResult(1, 0, 0, 1), result);
        var parked = await scenario.MessageAsync(message.Id);
        Assert.Equal(OutboxStatus.Failed, parked.Status);
        Assert.Equal(1, parked.Attempts);
        Assert.Contains("Malformed address", parked.LastError, StringComparison.Ordinal);
    }
}
