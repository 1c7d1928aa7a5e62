using ArLedger.Jobs;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Dunning;

/// <summary>A dunning run that proposes a formal notice (level 3, which needs a manager's approval).</summary>
public static class FormalNotices
{
    /// <summary>A customer with an invoice 40 days late on <paramref name="asOf"/> and the run of that day; the id of the
    /// formal notice it proposes. Give each test its own past date, so no other test's run shares it.</summary>
    public static async Task<(long CustomerId, long ProposalId)> ProposedAsync(ArLedgerAppFactory app, string account, DateOnly asOf)
    {
        var book = new Book(app.Database, app.Clock);
        var customer = await book.CustomerAsync(account);
        Assert.True((await book.TryInvoiceAsync(new Invoices.PostInvoice(account, asOf.AddDays(-70), NetAmount: 900m, VatAmount: 0m,
            DueDate: asOf.AddDays(-40)))).Succeeded);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDunningRun>().RunAsync(asOf, "test", CancellationToken.None);
        await using var ctx = app.Database.CreateContext();
        return (customer.Id, await ctx.DunningProposals.Where(p => p.CustomerId == customer.Id && p.LevelNo == 3).Select(p => p.Id).SingleAsync());
    }
}
