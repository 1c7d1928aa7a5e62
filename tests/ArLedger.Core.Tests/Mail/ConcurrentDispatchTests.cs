using ArLedger.Mail;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Mail;

public sealed class ConcurrentDispatchTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Two_dispatchers_working_at_once_send_each_of_twenty_messages_exactly_once()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var clock = new FakeTimeProvider(TestTime.Start);
        var scenario = new MailScenario(db, clock);
        var ids = new List<long>();
        for (var i = 1; i <= 20; i++)
            ids.Add((await scenario.EnqueueStatementAsync($"CC{i:D3}", "2026-10")).Message.Id);
        var settings = MailScenario.Smtp(smtp.Port);

        // Each instance keeps dispatching small batches until it finds nothing due, as the background loop does.
        async Task<int> RunInstanceAsync()
        {
            await using var ctx = db.CreateContext();
            var dispatcher = scenario.Dispatcher(ctx, settings);
            var claimed = 0;
            DispatchResult result;
            do
            {
                result = await dispatcher.DispatchAsync(batchSize: 3, CancellationToken.None);
                claimed += result.Claimed;
            }
            while (result.Claimed > 0);
            return claimed;
        }
        var claims = await Task.WhenAll(RunInstanceAsync(), RunInstanceAsync());

        Assert.Equal(20, claims.Sum());
        var received = smtp.Received();
        Assert.Equal(20, received.Count);
        Assert.Equal(ids.Select(id => id.ToString()).Order(), received.Select(m => m.Headers["x-arledger-outbox-id"]).Order());
        foreach (var id in ids)
            Assert.Equal(OutboxStatus.Sent, (await scenario.MessageAsync(id)).Status);
    }
}
