using System.Net.Http.Json;
using ArLedger.Dunning;
using ArLedger.Identity;
using ArLedger.Jobs;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArLedger.Web.Tests.Dunning;

/// <summary>An approval run seen from the review page: its progress as JSON, and a run nobody is doing taken up by the sweep for open runs.</summary>
public sealed class ApprovalProgressTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    sealed record Progress(bool Going, int Done, int Failed, int Total, int Percent);

    [Fact]
    public async Task An_approval_run_left_undone_is_taken_up_by_a_worker_and_its_progress_ends_with_every_letter_sent()
    {
        var today = app.Clock.Today;
        var book = new Book(app.Database, app.Clock);
        for (var i = 1; i <= DunningApproval.InlineLimit + 5; i++)
        {
            await book.CustomerAsync($"AP{i:00}");
            await book.InvoiceAsync($"AP{i:00}", 300m + i, date: today.AddDays(-70));
        }
        await using (var ctx = app.Database.CreateContext())
            await ctx.Database.ExecuteSqlAsync($"update dunning_levels set needs_approval = true");
        JobRun started;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDunningRun>().RunAsync(today, "test", CancellationToken.None);
            var waiting = await scope.ServiceProvider.GetRequiredService<DunningReview>().WaitingAsync(today);
            // Recorded by a request whose process stopped before sending anything.
            started = await scope.ServiceProvider.GetRequiredService<DunningApproval>().StartAsync(today, waiting, "manager");
        }
        Assert.Equal(DunningApproval.InlineLimit + 5, started.Total);

        var manager = await app.SignedInClientAsync(Roles.Manager);
        var page = await manager.GetStringAsync($"/Dunning/Review?asOf={today:yyyy-MM-dd}");
        Assert.Contains("Envoi des lettres approuvées", page, StringComparison.Ordinal);

        var progress = await Eventually.UntilAsync(() => manager.GetFromJsonAsync<Progress>($"/Dunning/Review?handler=Approval&approval={started.Id}"), p => !p!.Going, "the approval run to end");
        Assert.Equal(new Progress(false, started.Total, 0, started.Total, 100), progress);
        var result = await manager.GetStringAsync($"/Dunning/Review?asOf={today:yyyy-MM-dd}&approval={started.Id}");
        Assert.Contains($"{started.Total} lettres envoyées, 0 mise de côté.", result, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(started.Total, await db.DunningNotices.Select(n => n.CustomerId).Distinct().CountAsync());
        Assert.Equal(started.Total, await db.DunningNotices.CountAsync());
    }
}
