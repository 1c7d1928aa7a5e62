using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ArLedger.Core.Tests.Persistence;

/// <summary>The EF model and the schema the SQL files build must agree, or queries fail at run time.</summary>
public sealed class SchemaDriftTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_EF_model_and_the_migrated_schema_agree_on_tables_columns_types_and_nullability()
    {
        await using var ctx = db.CreateContext();
        var model = ctx.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model.GetRelationalModel();

        var expected = model.Tables
            .SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name} {Normalize(c.StoreType)} {(c.IsNullable ? "null" : "not null")}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var tables = model.Tables.Select(t => t.Name).ToArray();
        var actual = await ctx.Database.SqlQueryRaw<string>("""
            select table_name || '.' || column_name || ' ' ||
                   case when data_type = 'numeric' then 'numeric(' || numeric_precision || ',' || numeric_scale || ')'
                        when data_type = 'character varying' then 'character varying(' || character_maximum_length || ')'
                        when data_type = 'ARRAY' then substr(udt_name, 2) || '[]'
                        else data_type end
                   || ' ' || case when is_nullable = 'YES' then 'null' else 'not null' end as "Value"
            from information_schema.columns
            where table_schema = 'public' and table_name = any({0})
            """, [tables]).ToListAsync();
        actual.Sort(StringComparer.Ordinal);

        // Differences both ways, so a failure says exactly which column disagrees.
        Assert.Equal([], expected.Except(actual).ToList());
        Assert.Equal([], actual.Except(expected).ToList());
        var missingTables = tables.Except(actual.Select(a => a[..a.IndexOf('.', StringComparison.Ordinal)])).ToList();
        Assert.Empty(missingTables);
    }

    static string Normalize(string storeType) => storeType switch
    {
        "timestamp with time zone" => "timestamp with time zone",
        "integer" or "bigint" or "boolean" or "text" or "date" or "jsonb" => storeType,
        // information_schema names an array by its element's internal type and keeps no precision.
        "integer[]" => "int4[]",
        _ when storeType.StartsWith("numeric(", StringComparison.Ordinal) && storeType.EndsWith("[]", StringComparison.Ordinal) => "numeric[]",
        _ when storeType.StartsWith("numeric", StringComparison.Ordinal) => storeType.Replace(" ", "", StringComparison.Ordinal),
        _ => storeType,
    };
}
