namespace ArLedger.Imports;

/// <summary>
/// A column of an import file: its English and French header (either is accepted, with or without accents, in
/// any case), whether a row must fill it, and the property of the use case's command it feeds, so a rule the
/// command breaks is reported at this column.
/// </summary>
public sealed record ImportColumn(string Name, string FrenchName, bool Required, string Property, params string[] Aliases)
{
    public IEnumerable<string> AcceptedNames => new[] { Name, FrenchName }.Concat(Aliases).Select(ImportValues.Normalize);

    public string NameIn(bool french) => french ? FrenchName : Name;
}

/// <summary>Where each column of a kind sits in a file's header, and the header as the file writes it.</summary>
public sealed class ImportHeader
{
    readonly Dictionary<ImportColumn, (int Index, string Written)> found = [];

    public IReadOnlyList<ImportError> Errors { get; }
    public int Width { get; }

    ImportHeader(IReadOnlyList<ImportError> errors, int width)
    {
        Errors = errors;
        Width = width;
    }

    public static ImportHeader Read(CsvRecord header, IReadOnlyList<ImportColumn> columns, bool french)
    {
        var errors = new List<ImportError>();
        var map = new ImportHeader(errors, header.Fields.Count);
        var byName = columns.SelectMany(c => c.AcceptedNames.Select(n => (Name: n, Column: c)))
            .DistinctBy(x => x.Name).ToDictionary(x => x.Name, x => x.Column);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var written = header.Fields[i].Trim();
            if (written.Length == 0)
                continue;
            if (!byName.TryGetValue(ImportValues.Normalize(written), out var column))
                errors.Add(new ImportError(header.Row, written, null, ImportProblem.UnknownColumn,
                    string.Join(", ", columns.Select(c => c.NameIn(french)))));
            else if (!map.found.TryAdd(column, (i, written)))
                errors.Add(new ImportError(header.Row, written, null, ImportProblem.DuplicateColumn));
        }
        foreach (var missing in columns.Where(c => c.Required && !map.found.ContainsKey(c)))
            errors.Add(new ImportError(header.Row, missing.NameIn(french), null, ImportProblem.MissingColumn));
        return map;
    }

    public bool Has(ImportColumn column) => found.ContainsKey(column);

    /// <summary>The header as the file writes it, so an error names the column the clerk sees.</summary>
    public string Written(ImportColumn column, bool french) => found.TryGetValue(column, out var f) ? f.Written : column.NameIn(french);

    public string Value(CsvRecord record, ImportColumn column) =>
        found.TryGetValue(column, out var f) && f.Index < record.Fields.Count ? record.Fields[f.Index].Trim() : "";
}
