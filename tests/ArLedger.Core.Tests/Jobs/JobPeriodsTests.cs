using Microsoft.Extensions.Time.Testing;
using ArLedger.Jobs;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>Which period a job's schedule last became due for, and which periods may not run yet, read with our clock.</summary>
public sealed class JobPeriodsTests
{
    static JobPeriods At(DateTimeOffset now) => new(new JobsOptions(), new BusinessCalendar(new FakeTimeProvider(now)));

    [Fact]
    public void Statements_of_a_month_are_refused_until_the_month_is_over()
    {
        // 30 November 2026, 20:00 in Paris: November is not over.
        var periods = At(new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.Zero));

        Assert.Contains("The statements of 2026-11 can run once the month is over, from 2026-12-01",
            periods.Refusal(StatementsJob.Name, new DateOnly(2026, 11, 30))!.Message, StringComparison.Ordinal);
        Assert.Null(periods.Refusal(StatementsJob.Name, new DateOnly(2026, 11, 29)));
        Assert.NotNull(periods.Refusal(DunningJob.Name, new DateOnly(2026, 12, 1)));
        Assert.Null(periods.Refusal(DunningJob.Name, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Today_is_the_date_in_Paris_not_the_UTC_date()
    {
        // 23:30 UTC on a winter day is 00:30 the next day in Paris.
        Assert.Equal(new DateOnly(2026, 12, 2), At(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)).Today);
    }

    [Fact]
    public void The_due_period_is_the_latest_firing_in_the_company_zone()
    {
        // Monday 16 March 2026, 05:30 UTC is 06:30 in Paris: today's dunning is due, yesterday evening's snapshot,
        // and February's statements (fired on 1 March).
        var periods = At(new DateTimeOffset(2026, 3, 16, 5, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 3, 16), periods.DueAsOf(JobCatalog.Find(DunningJob.Name)!));
        Assert.Equal(new DateOnly(2026, 3, 15), periods.DueAsOf(JobCatalog.Find(AgingSnapshotJob.Name)!));
        Assert.Equal("2026-02", JobPeriods.KeyOf(StatementsJob.Name, periods.DueAsOf(JobCatalog.Find(StatementsJob.Name)!)!.Value));
        Assert.Null(periods.DueAsOf(JobCatalog.Find(OutboxDispatchJob.Name)!));
        // At 04:30 UTC (05:30 Paris) Monday's has not fired yet: the latest is the Monday before.
        Assert.Equal(new DateOnly(2026, 3, 9), At(new DateTimeOffset(2026, 3, 16, 4, 30, 0, TimeSpan.Zero)).DueAsOf(JobCatalog.Find(DunningJob.Name)!));
    }
}
