using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ArLedger.Persistence;

/// <summary>
/// snake_case names for tables, columns, keys and indexes, matching the SQL migrations.
/// (EFCore.NamingConventions does not load on EF Core 10 in the registry we can use.)
/// </summary>
static class SnakeCaseNames
{
    public static void Apply(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            if (entity.BaseType is null)
                entity.SetTableName(Plural(ToSnake(entity.ClrType.Name)));
        }

        foreach (var entity in b.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            foreach (var p in entity.GetDeclaredProperties())
            {
                if (p.FindAnnotation(RelationalAnnotationNames.ColumnName) is null)
                    p.SetColumnName(ToSnake(p.Name));
            }
            foreach (var key in entity.GetDeclaredKeys())
                key.SetName(key.IsPrimaryKey() ? $"pk_{table}" : $"ak_{table}_{Columns(key.Properties)}");
            foreach (var fk in entity.GetDeclaredForeignKeys())
                fk.SetConstraintName($"fk_{table}_{Columns(fk.Properties)}");
            foreach (var ix in entity.GetDeclaredIndexes())
                ix.SetDatabaseName($"ix_{table}_{Columns(ix.Properties)}");
        }
    }

    static string Columns(IEnumerable<IMutableProperty> properties) =>
        string.Join("_", properties.Select(p => p.FindAnnotation(RelationalAnnotationNames.ColumnName)?.Value as string ?? ToSnake(p.Name)));

    static string Plural(string name) => name switch
    {
        _ when name.EndsWith('s') => name,
        _ when name.EndsWith("ch", StringComparison.Ordinal) || name.EndsWith("sh", StringComparison.Ordinal) || name.EndsWith('x') => name + "es",
        _ when name.EndsWith('y') && !"aeiou".Contains(name[^2], StringComparison.Ordinal) => name[..^1] + "ies",
        _ => name + "s",
    };

    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
