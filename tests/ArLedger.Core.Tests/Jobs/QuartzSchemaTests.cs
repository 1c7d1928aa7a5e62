using ArLedger.Persistence;

namespace ArLedger.Core.Tests.Jobs;

/// <summary>Migration 0005 is Quartz's own schema; after a Quartz upgrade that changes it, this says a new migration is due.</summary>
public sealed class QuartzSchemaTests
{
    [Fact]
    public void Migration_0005_is_the_schema_the_referenced_Quartz_ships()
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream("Quartz.Impl.AdoJobStore.Schema.create_postgres.sql");
        Assert.NotNull(stream);
        var shipped = new StreamReader(stream).ReadToEnd().Replace("{0}", "qrtz_", StringComparison.Ordinal)
            .Replace("{1}", "qrtz_", StringComparison.Ordinal).ReplaceLineEndings("\n");

        var migration = MigrationRunner.Embedded().Single(m => m.Name == "0005_quartz.sql").Sql.ReplaceLineEndings("\n");

        Assert.EndsWith(shipped, migration, StringComparison.Ordinal);
    }
}
