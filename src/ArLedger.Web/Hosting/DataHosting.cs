using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ArLedger.Web.Hosting;

/// <summary>Database registration, migration at start-up, and the health endpoints.</summary>
public static class DataHosting
{
    public static WebApplicationBuilder AddArLedgerData(this WebApplicationBuilder builder)
    {
        var cs = builder.Configuration.GetConnectionString("ArLedger")
            ?? throw new InvalidOperationException("ConnectionStrings:ArLedger is not set.");
        builder.Services.AddArLedgerData(cs);
        builder.Services.AddHttpContextAccessor();
        // The actor of a web request is the signed-in user or the API key.
        builder.Services.AddScoped(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>().HttpContext;
            return new Actor
            {
                // Outside a signed-in request (a job, the command line) the app acts itself, as Actor's default says.
                Name = http?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "system",
                RemoteAddress = http?.Connection.RemoteIpAddress?.ToString(),
                IsManager = http?.User is { } user && (user.IsInRole(Identity.Roles.Manager) || user.IsInRole(Identity.Roles.Admin)),
            };
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var cs = app.Configuration.GetConnectionString("ArLedger")!;
        await new MigrationRunner(cs, app.Logger).MigrateAsync();
    }

    /// <summary>The longest wait between two tries to reach the database at start-up.</summary>
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Migrates (and seeds the demo when configured) before the app serves anything. When PostgreSQL cannot be reached
    /// the app starts anyway and tries again in the background, waiting 1, 2, 4… seconds up to 30 between tries;
    /// meanwhile every request but /health/live answers 503, and /health/ready says why. A failure that is not about
    /// reaching the database (a migration file changed since it was applied) still stops the start.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (await TryPrepareAsync(app))
            return;
        var readiness = app.Services.GetRequiredService<DatabaseReadiness>();
        readiness.Waiting();
        var stopping = app.Lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            var wait = TimeSpan.FromSeconds(1);
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(wait, stopping);
                if (await TryPrepareAsync(app))
                {
                    readiness.Ready();
                    app.Logger.LogInformation("The database is reachable and migrated; the app is ready.");
                    return;
                }
                wait = wait * 2 > MaxBackoff ? MaxBackoff : wait * 2;
            }
        }, stopping);
    }

    static async Task<bool> TryPrepareAsync(WebApplication app)
    {
        try
        {
            await app.MigrateDatabaseAsync();
            await app.SeedDemoOnFirstRunAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            app.Logger.LogWarning("The database cannot be reached yet ({Reason}); trying again.", e.Message);
            return false;
        }
    }

    /// <summary>503 with Retry-After for everything but /health while the database is not ready.</summary>
    public static void UseDatabaseReadiness(this WebApplication app)
    {
        var readiness = app.Services.GetRequiredService<DatabaseReadiness>();
        app.Use((http, next) =>
        {
            if (readiness.IsReady || http.Request.Path.StartsWithSegments("/health"))
                return next(http);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            return Task.CompletedTask;
        });
    }

    public static void MapArLedgerHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }

    sealed class DatabaseHealthCheck(NpgsqlDataSource db, DatabaseReadiness readiness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (!readiness.IsReady)
                return HealthCheckResult.Unhealthy("waiting for the database to be reachable and migrated");
            try
            {
                await using var cmd = db.CreateCommand("select count(*) from schema_migrations");
                await cmd.ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("database unreachable", e);
            }
        }
    }
}
