using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ArLedger.Identity;
using ArLedger.Testing;

namespace ArLedger.Web.Tests.Api;

/// <summary>/api/v1/jobs: a manager's key runs a job as of a day under the Jobs page's rules and follows the run.</summary>
public sealed class JobsApiTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    async Task<long> CountAsync(string sql)
    {
        await using var cmd = app.Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_run_as_of_a_past_day_answers_202_with_the_runs_address_which_follows_it_to_completion()
    {
        var manager = await app.ApiClientAsync(Roles.Manager);
        var asOf = Iso(app.Clock.Today.AddDays(-4));

        var requested = await manager.PostAsJsonAsync("/api/v1/jobs/AgingSnapshot/runs", new { asOf });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal($"/api/v1/jobs/AgingSnapshot/runs/{asOf}", requested.Headers.Location!.OriginalString);
        // 404 until a worker starts the run, then its progress.
        await Eventually.UntilAsync(async () =>
        {
            var response = await manager.GetAsync(requested.Headers.Location);
            return response.StatusCode == HttpStatusCode.NotFound ? "not started" : (await response.OkAsync()).GetProperty("status").GetString();
        }, status => status == "Completed", "the run to complete");
        var done = await (await manager.GetAsync(requested.Headers.Location)).OkAsync();
        Assert.Equal(asOf, done.GetProperty("asOf").GetString());
        var listed = await (await manager.GetAsync("/api/v1/jobs/runs?job=AgingSnapshot")).OkAsync();
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("runKey").GetString() == asOf);
        Assert.All(listed.EnumerateArray(), r => Assert.Equal("AgingSnapshot", r.GetProperty("job").GetString()));
        // The snapshot it took is read through the aging API.
        await (await manager.GetAsync($"/api/v1/aging/snapshots/{asOf}")).OkAsync();
    }

    [Fact]
    public async Task A_period_that_has_not_ended_is_a_422_at_asOf_a_clerk_is_forbidden_and_nothing_is_queued()
    {
        var manager = await app.ApiClientAsync(Roles.Manager);
        var clerk = await app.ApiClientAsync(Roles.Clerk);
        var runs = await CountAsync("select count(*) from job_runs");
        var queued = await CountAsync("select count(*) from hangfire.job where invocationdata::text like '%RunAsync%'");

        var future = await manager.PostAsJsonAsync("/api/v1/jobs/Dunning/runs", new { asOf = Iso(app.Clock.Today.AddDays(1)) });
        var thisMonth = await manager.PostAsJsonAsync("/api/v1/jobs/Statements/runs", new { asOf = Iso(new DateOnly(app.Clock.Today.Year, app.Clock.Today.Month, 1).AddMonths(1).AddDays(-1)) });
        var unknown = await manager.PostAsJsonAsync("/api/v1/jobs/Payroll/runs", new { });
        var byClerk = await clerk.PostAsJsonAsync("/api/v1/jobs/AgingSnapshot/runs", new { asOf = Iso(app.Clock.Today.AddDays(-1)) });
        var readByClerk = await clerk.GetAsync("/api/v1/jobs/runs");

        foreach (var refused in new[] { future, thisMonth })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("asOf", out _));
        }
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readByClerk.StatusCode);
        Assert.Equal(runs, await CountAsync("select count(*) from job_runs"));
        Assert.Equal(queued, await CountAsync("select count(*) from hangfire.job where invocationdata::text like '%RunAsync%'"));
    }
}
