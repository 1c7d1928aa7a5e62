using ArLedger.Aging;
using ArLedger.Imports;
using ArLedger.Persistence;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ArLedger.Jobs;

/// <summary>
/// Registers scheduled and background work: the run engine, the aging report and snapshots, the jobs, Hangfire's
/// storage on our PostgreSQL (schema <c>hangfire</c>, installed by the migration runner under its lock, so instances
/// starting together never race to create it) and, unless Jobs:Enabled is false, a Hangfire server with the
/// recurring jobs and the catch-up at start.
/// </summary>
public static class JobsSetup
{
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// At most this many more workers are handed a large run when its items are listed; each takes batches until
    /// none is left, so a few are enough to keep every instance's workers busy without flooding the queue.
    /// </summary>
    const int MaxShares = 8;

    public static IServiceCollection AddArLedgerJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new JobsOptions();
        configuration.GetSection("Jobs").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<JobPeriods>();
        services.AddSingleton(AgingBuckets.Parse(configuration["Aging:Buckets"]));
        services.AddSingleton(sp => CreateEngine(sp, options));
        services.AddScoped<AgingReport>();
        services.AddScoped<AgingSnapshots>();
        services.AddScoped<JobBoard>();
        services.TryAddScoped<IOutboxDispatch, OutboxDispatchPlaceholder>();
        foreach (var job in JobCatalog.All)
            services.AddScoped(job.JobType);
        services.AddSingleton<RunSharing>();
        services.AddSingleton<BackgroundRuns>();
        services.AddScoped<JobRunner>();
        // Large CSV files are checked and imported as such runs.
        services.AddSingleton<ImportProgress>();
        services.AddScoped<ImportRuns>();
        services.AddScoped<IResumableRun>(sp => sp.GetRequiredService<ImportRuns>());

        var connectionString = configuration.GetConnectionString("ArLedger")
            ?? throw new InvalidOperationException("ConnectionStrings:ArLedger is not set.");
        // Our own storage instance rather than Hangfire's static JobStorage.Current: each host (two in a test
        // process) keeps its own.
        services.AddSingleton<JobStorage>(_ => CreateStorage(connectionString));
        // Likewise the activator: Hangfire would otherwise take the static JobActivator.Current, which the last host
        // to configure Hangfire owns, and run this host's jobs in another host's services.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        if (!options.Enabled)
            return services;

        // Before the server starts: the schedules in storage are the configuration's, and due periods are enqueued.
        services.AddHostedService<JobSchedules>();
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = options.WorkerCount;
            o.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }

    public static PostgreSqlStorage CreateStorage(string connectionString)
    {
        var storage = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            // The migration runner installs the schema under its lock (see MigrationRunner).
            PrepareSchemaIfNecessary = false,
            // A job is invisible to other workers for as long as its worker is alive, however long it runs; without
            // it a run longer than the timeout is fetched again by another worker.
            UseSlidingInvisibilityTimeout = true,
            // Workers hear of a new job at once (LISTEN/NOTIFY) instead of polling for it.
            EnableLongPolling = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storage), storage);
    }

    static RunEngine CreateEngine(IServiceProvider sp, JobsOptions options) =>
        new(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<RunEngine>>())
        {
            BatchSize = options.BatchSize,
            Lease = options.Lease,
            Share = (runId, batches) => sp.GetRequiredService<BackgroundRuns>().Share(runId, Math.Min(batches - 1, MaxShares)),
        };

    /// <summary>Hangfire's recurring job id of the sweep that hands runs left open to a worker.</summary>
    public const string ShareRunsId = "ShareOpenRuns";

    /// <summary>
    /// Writes the recurring jobs configuration declares, in the company's time zone, and removes those it no longer
    /// declares (they live in the database, so a job disabled since would go on firing); then enqueues the catch-up:
    /// each job's latest due period, and a sweep for runs left open by a stopped instance.
    /// </summary>
    sealed class JobSchedules(IRecurringJobManager recurring, IBackgroundJobClient jobs, JobsOptions options, JobPeriods periods,
        DatabaseReadiness database, TimeProvider clock, ILogger<JobSchedules> log, IHostApplicationLifetime? lifetime = null) : IHostedService
    {
        /// <summary>At once when the database is ready; once it is migrated when the app started without it, so the
        /// start does not fail and the health endpoint can say the app is waiting.</summary>
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (database.IsReady)
                ScheduleOrRetry();
            else
                // An app stopped before its database came waits here for good, which holds nothing.
                _ = database.WhenReadyAsync(CancellationToken.None).ContinueWith(_ => ScheduleOrRetry(), TaskScheduler.Default);
            return Task.CompletedTask;
        }

        /// <summary>
        /// Writing a schedule takes Hangfire's lock on that recurring job. An instance killed while it held one leaves
        /// the lock behind until it expires, and the app must start all the same (the other instances have written the
        /// same schedules): it tries again in the background, 1, 2, 4... seconds later (a minute at most).
        /// </summary>
        void ScheduleOrRetry()
        {
            if (TrySchedule())
                return;
            _ = Task.Run(async () =>
            {
                var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
                for (var wait = TimeSpan.FromSeconds(1); !stopping.IsCancellationRequested; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.TicksPerMinute)))
                {
                    try
                    {
                        await Task.Delay(wait, clock, stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    if (TrySchedule())
                        return;
                }
            });
        }

        bool TrySchedule()
        {
            try
            {
                Schedule();
                return true;
            }
            catch (Exception e) when (e is Hangfire.Storage.DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException)
            {
                log.LogWarning(e, "The job schedules could not be written yet: {Reason}. Trying again.", e.Message);
                return false;
            }
        }

        void Schedule()
        {
            var zone = new RecurringJobOptions { TimeZone = periods.Zone };
            foreach (var job in JobCatalog.All)
            {
                var schedule = job.Schedule(options);
                var name = job.Name;
                if (schedule.Enabled)
                {
                    recurring.AddOrUpdate<JobRunner>(job.ScheduleId, r => r.FireAsync(name, CancellationToken.None), schedule.Cron, zone);
                    if (job.HasPeriods)
                        jobs.Enqueue<JobRunner>(r => r.FireAsync(name, CancellationToken.None));
                }
                else
                {
                    recurring.RemoveIfExists(job.ScheduleId);
                }
                if (schedule.Enabled && !string.IsNullOrWhiteSpace(schedule.MonthEndCron))
                    recurring.AddOrUpdate<JobRunner>(job.MonthEndId, r => r.FireAsync(name, CancellationToken.None), schedule.MonthEndCron, zone);
                else
                    recurring.RemoveIfExists(job.MonthEndId);
            }
            recurring.AddOrUpdate<JobRunner>(ShareRunsId, r => r.ShareOpenRunsAsync(CancellationToken.None), Cron.Minutely(), zone);
            jobs.Enqueue<JobRunner>(r => r.ShareOpenRunsAsync(CancellationToken.None));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
