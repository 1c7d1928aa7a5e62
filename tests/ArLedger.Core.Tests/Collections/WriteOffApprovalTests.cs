using ArLedger.Testing;
using ArLedger.WriteOffs;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Collections;

public sealed class WriteOffApprovalTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);
    static string NewAccount() => $"WO{Guid.NewGuid():N}"[..10];

    [Fact]
    public async Task A_manager_cannot_approve_their_own_proposal_and_another_manager_can()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 120m);
        book.ActorName = "manager-a";
        var proposed = (await book.TryProposeWriteOffAsync(new ProposeWriteOff(invoice.Number, 20m, "Short payment under the dunning threshold"))).Value!;

        var self = await book.TryDecideWriteOffAsync(new DecideWriteOff(proposed.Id, Approve: true), "MANAGER-A");
        var other = await book.TryDecideWriteOffAsync(new DecideWriteOff(proposed.Id, Approve: true, "ok"), "manager-b");

        Assert.Equal(ProblemKind.Refused, self.Problem!.Kind);
        Assert.True(other.Succeeded);
        var after = await book.RunAsync((ctx, _) => ctx.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal(100m, after.OpenAmount);
        Assert.Empty(await book.InvariantViolationsAsync());
    }

    [Fact]
    public async Task The_queue_shows_a_clerk_only_their_proposals_when_asked()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 90m);
        book.ActorName = "clerk-q1";
        await book.TryProposeWriteOffAsync(new ProposeWriteOff(invoice.Number, 5m, "rounding"));
        book.ActorName = "clerk-q2";
        await book.TryProposeWriteOffAsync(new ProposeWriteOff(invoice.Number, 6m, "rounding"));

        var mine = await book.RunAsync((ctx, _) => new WriteOffQueue(ctx).ListAsync(WriteOffStatus.Proposed, "clerk-q1", c, 1));

        var line = Assert.Single(mine.Items);
        Assert.Equal(5m, line.Amount);
        Assert.Equal(invoice.Number, line.InvoiceNumber);
    }
}
