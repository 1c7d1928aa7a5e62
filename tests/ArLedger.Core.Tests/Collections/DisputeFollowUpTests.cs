using ArLedger.Disputes;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Core.Tests.Collections;

public sealed class DisputeFollowUpTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    readonly Book book = new(db);
    static string NewAccount() => $"DF{Guid.NewGuid():N}"[..10];

    [Fact]
    public async Task Comments_and_a_change_of_owner_are_kept_with_an_audit_event_each()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var invoice = await book.InvoiceAsync(c, 300m);
        var dispute = (await book.TryOpenDisputeAsync(new OpenDispute(invoice.Number, 100m, DisputeReason.Quantity))).Value!;
        var ownerId = await book.RunAsync(async (ctx, _) =>
        {
            var user = new Identity.User { UserName = $"owner-{Guid.NewGuid():N}"[..16], NormalizedUserName = Guid.NewGuid().ToString("N"), SecurityStamp = Guid.NewGuid().ToString("N"), DisplayName = "Camille Durand" };
            ctx.Users.Add(user);
            await ctx.SaveChangesAsync();
            return user.Id;
        });

        var comment = await book.TryCommentAsync(new CommentOnDispute(dispute.Id, "Bon de livraison demandé au transporteur"));
        var empty = await book.TryCommentAsync(new CommentOnDispute(dispute.Id, " "));
        var assigned = await book.RunAsync((ctx, a) => new DisputeFollowUp(ctx, book.Clock, a).AssignAsync(new AssignDispute(dispute.Id, ownerId)));
        var nobody = await book.RunAsync((ctx, a) => new DisputeFollowUp(ctx, book.Clock, a).AssignAsync(new AssignDispute(dispute.Id, -1)));

        Assert.True(comment.Succeeded);
        Assert.Equal(nameof(CommentOnDispute.Body), Assert.Single(empty.Problem!.Errors!).Key);
        Assert.Equal(ownerId, assigned.Value!.OwnerId);
        Assert.Equal(nameof(AssignDispute.OwnerId), Assert.Single(nobody.Problem!.Errors!).Key);
        var events = await book.RunAsync((ctx, _) => ctx.AuditEvents.Where(e => e.EntityType == nameof(Dispute) && e.EntityId == dispute.Id.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["dispute.opened", "dispute.commented", "dispute.assigned"], events);
    }

    [Fact]
    public async Task The_list_filters_by_status_reason_and_search_and_sums_the_disputed_amount()
    {
        var c = NewAccount();
        await book.CustomerAsync(c);
        var a = await book.InvoiceAsync(c, 300m);
        var b = await book.InvoiceAsync(c, 300m);
        await book.TryOpenDisputeAsync(new OpenDispute(a.Number, 100m, DisputeReason.Price));
        var rejected = (await book.TryOpenDisputeAsync(new OpenDispute(b.Number, 50m, DisputeReason.VatError))).Value!;
        await book.TryResolveDisputeAsync(new ResolveDispute(rejected.Id, DisputeDecision.Reject, "Taux correct"));

        var open = await Search(new DisputeFilter(c, DisputeStatus.Open));
        var vat = await Search(new DisputeFilter(c, Reason: DisputeReason.VatError));
        var all = await Search(new DisputeFilter(c));

        Assert.Equal(a.Number, Assert.Single(open.Page.Items).InvoiceNumber);
        Assert.Equal(DisputeStatus.Rejected, Assert.Single(vat.Page.Items).Status);
        Assert.Equal(150m, all.TotalAmount);

        Task<DisputePage> Search(DisputeFilter f) => book.RunAsync((ctx, _) => new DisputeList(ctx).SearchAsync(f, 1));
    }
}
