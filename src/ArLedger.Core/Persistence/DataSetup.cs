using ArLedger.Audit;
using ArLedger.Bank;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArLedger.Persistence;

/// <summary>Registers the database: one NpgsqlDataSource, the DbContext over it, the clock, the company's calendar and the actor.</summary>
public static class DataSetup
{
    public static IServiceCollection AddArLedgerData(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContext<ArLedgerDbContext>(o => Configure(o, dataSource));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => BusinessCalendar.From(sp.GetService<IConfiguration>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<Actor>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddArLedgerFeatures();
        services.AddArLedgerBank();
        return services;
    }

    /// <summary>Npgsql over the data source, with the snake_case names the SQL migrations use for tables, columns and keys.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, NpgsqlDataSource dataSource) =>
        o.UseNpgsql(dataSource).UseSnakeCaseNamingConvention();

    /// <summary>A context outside dependency injection, for verbs, tests and benchmarks.</summary>
    public static ArLedgerDbContext CreateContext(NpgsqlDataSource dataSource)
    {
        var o = new DbContextOptionsBuilder<ArLedgerDbContext>();
        Configure(o, dataSource);
        return new ArLedgerDbContext(o.Options);
    }
}
