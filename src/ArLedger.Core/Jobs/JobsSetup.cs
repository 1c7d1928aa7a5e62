using ArLedger.Aging;
using ArLedger.Imports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace ArLedger.Jobs;

/// <summary>
/// Registers scheduled work: the run engine, the aging report and snapshots, the jobs, and (unless Jobs:Enabled is
/// false) Quartz with its clustered store on our PostgreSQL. Quartz's tables come from migration 0005, applied by
/// the migration runner under its lock, so instances starting together never race to create them; Quartz only
/// checks they are there.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddArLedgerJobs(this IServiceCollection services, IConfiguration configuration,
        Action<IQuartzBuilder>? configure = null)
    {
        var options = new JobsOptions();
        configuration.GetSection("Jobs").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(AgingBuckets.Parse(configuration["Aging:Buckets"]));
        services.AddSingleton(sp => CreateEngine(sp, options));
        services.AddScoped<AgingReport>();
        services.AddScoped<AgingSnapshots>();
        services.AddScoped<JobBoard>();
        services.TryAddScoped<IOutboxDispatch, OutboxDispatchPlaceholder>();
        foreach (var job in JobCatalog.All)
            services.AddScoped(job.JobType);

        services.AddSingleton<RunSharing>();
        // Runs a page starts go on after the request, scheduler or not.
        services.AddSingleton<BackgroundRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundRuns>());
        // Large CSV files are checked and imported as such runs.
        services.AddSingleton<ImportProgress>();
        services.AddScoped<ImportRuns>();
        services.AddScoped<IResumableRun>(sp => sp.GetRequiredService<ImportRuns>());
        if (!options.Enabled)
            return services;
        services.AddHostedService(sp => sp.GetRequiredService<RunSharing>());

        var connectionString = configuration.GetConnectionString("ArLedger")
            ?? throw new InvalidOperationException("ConnectionStrings:ArLedger is not set.");
        // Cron expressions are read in the company's zone: "06:00 on Monday" is Paris time, summer and winter.
        var zone = BusinessCalendar.ZoneFrom(configuration);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "ArLedger";
                if (string.IsNullOrWhiteSpace(options.InstanceId))
                    s.GenerateInstanceId = true;
                else
                    s.InstanceId = options.InstanceId;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.CheckinInterval;
                    c.CheckinMisfireThreshold = options.CheckinInterval * 2;
                });
            });
            q.UseDefaultTimeZone(zone);
            foreach (var job in JobCatalog.All)
            {
                // Durable, so a disabled job can still be run from the Jobs page; recovered if its instance dies mid-run.
                q.AddJob(job.JobType, j => j.WithIdentity(job.Key).StoreDurably().RequestRecovery());
                var schedule = job.Schedule(options);
                if (!schedule.Enabled)
                    continue;
                q.AddTrigger(t => t.ForJob(job.Key).WithIdentity(job.ScheduleTrigger).WithCronSchedule(schedule.Cron));
                if (schedule.MonthEndCron is { Length: > 0 } monthEnd)
                    q.AddTrigger(t => t.ForJob(job.Key).WithIdentity(job.MonthEndTrigger).WithCronSchedule(monthEnd));
            }
            configure?.Invoke(q);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<DisabledTriggers>();
        return services;
    }

    static RunEngine CreateEngine(IServiceProvider sp, JobsOptions options) =>
        new(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<RunEngine>>())
        {
            BatchSize = options.BatchSize,
            Lease = options.Lease,
        };

    /// <summary>
    /// Triggers live in the database, so one declared by an earlier configuration outlives it: a job disabled since
    /// would go on firing. Before the scheduler starts, this removes the triggers configuration no longer declares.
    /// </summary>
    sealed class DisabledTriggers(ISchedulerFactory factory, JobsOptions options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            foreach (var job in JobCatalog.All)
            {
                var schedule = job.Schedule(options);
                if (!schedule.Enabled)
                    await scheduler.UnscheduleJob(job.ScheduleTrigger, cancellationToken);
                if (!schedule.Enabled || string.IsNullOrEmpty(schedule.MonthEndCron))
                    await scheduler.UnscheduleJob(job.MonthEndTrigger, cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
