using ArLedger.Testing;
using System.Net;
using ArLedger.Identity;
using ArLedger.Web.Auth;
using ArLedger.Web.Hosting;

namespace ArLedger.Web.Tests.Hosting;

/// <summary>The Jobs page, the dunning page's run and Hangfire's dashboard, as managers, clerks and strangers meet them.</summary>
public sealed class JobsPagesTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    [Fact]
    public async Task The_dashboard_sends_strangers_to_sign_in_refuses_clerks_and_opens_to_managers_read_only()
    {
        using var anonymous = app.AnonymousClient();
        var stranger = await anonymous.GetAsync(JobsDashboard.Path);
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Contains(AuthSetup.SignInPath, stranger.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var clerk = await (await app.SignedInClientAsync(Roles.Clerk)).GetAsync(JobsDashboard.Path + "/recurring");
        Assert.Equal(HttpStatusCode.Redirect, clerk.StatusCode);
        Assert.Contains(AuthSetup.AccessDeniedPath, clerk.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var manager = await app.SignedInClientAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(JobsDashboard.Path)).StatusCode);
        var managerRecurring = await manager.GetStringAsync(JobsDashboard.Path + "/recurring");
        var adminRecurring = await (await app.SignedInClientAsync(Roles.Admin)).GetStringAsync(JobsDashboard.Path + "/recurring");
        // The sweep for open runs is a recurring job on every app: an administrator may trigger it, a manager may not.
        Assert.Contains("ShareOpenRuns", managerRecurring, StringComparison.Ordinal);
        Assert.Contains("recurring/trigger", adminRecurring, StringComparison.Ordinal);
        Assert.DoesNotContain("recurring/trigger", managerRecurring, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jobs_page_says_each_schedule_in_words()
    {
        var page = WebUtility.HtmlDecode(await (await app.SignedInClientAsync(Roles.Manager)).GetStringAsync("/Jobs"));

        Assert.Contains("chaque lundi à 06:00", page, StringComparison.Ordinal);
        Assert.Contains("le 1er de chaque mois à 07:00", page, StringComparison.Ordinal);
        Assert.Contains("le dernier jour de chaque mois à 23:55", page, StringComparison.Ordinal);
        Assert.Contains("chaque minute", page, StringComparison.Ordinal);
        Assert.Contains(JobsDashboard.Path, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_future_as_of_is_refused_by_the_jobs_page_and_the_dunning_page_and_nothing_is_written()
    {
        var manager = await app.SignedInClientAsync(Roles.Manager);
        var today = app.Clock.Today;
        var runs = await CountAsync("select count(*) from job_runs");
        var queued = await CountAsync("select count(*) from hangfire.job where invocationdata::text like '%RunAsync%'");
        var nextMonth = today.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var statements = await ArLedgerAppFactory.PostFormAsync(manager, "/Jobs", new() { ["job"] = "Statements", ["asOf"] = nextMonth }, "Run");
        Assert.Equal(HttpStatusCode.Redirect, statements.StatusCode);
        Assert.Contains($"L'exécution au {nextMonth} ne peut pas commencer avant cette date", WebUtility.HtmlDecode(await manager.GetStringAsync("/Jobs")), StringComparison.Ordinal);

        var dunning = await ArLedgerAppFactory.PostFormAsync(manager, "/Dunning/Review", new() { ["runAsOf"] = nextMonth }, "Run");
        Assert.Equal(HttpStatusCode.Redirect, dunning.StatusCode);
        Assert.Contains($"L'exécution au {nextMonth} ne peut pas commencer avant cette date", WebUtility.HtmlDecode(await manager.GetStringAsync(dunning.Headers.Location!.OriginalString)),
            StringComparison.Ordinal);

        Assert.Equal(runs, await CountAsync("select count(*) from job_runs"));
        Assert.Equal(queued, await CountAsync("select count(*) from hangfire.job where invocationdata::text like '%RunAsync%'"));
    }

    [Fact]
    public async Task Run_as_of_a_past_date_on_the_jobs_page_enqueues_the_run_and_a_worker_does_it()
    {
        var manager = await app.SignedInClientAsync(Roles.Manager);
        var asOf = app.Clock.Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var posted = await ArLedgerAppFactory.PostFormAsync(manager, "/Jobs", new() { ["job"] = "AgingSnapshot", ["asOf"] = asOf }, "Run");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var done = await Eventually.UntilAsync(() => CountAsync($"select count(*) from job_runs where job_name = 'AgingSnapshot' and run_key = '{asOf}' and status = 'Completed'"),
            n => n == 1, "the aging snapshot run");
        Assert.Equal(1, done);
    }

    async Task<long> CountAsync(string sql)
    {
        await using var cmd = app.Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
