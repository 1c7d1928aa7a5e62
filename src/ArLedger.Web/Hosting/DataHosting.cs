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
                Name = http?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous",
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

    public static void MapArLedgerHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }

    sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
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
