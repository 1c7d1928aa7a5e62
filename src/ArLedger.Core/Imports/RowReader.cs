namespace ArLedger.Imports;

/// <summary>
/// Reads the values of one data row through the file's header. A value that does not read adds an error naming
/// the row, the column and the value, and reads as null, so every error of the row is found in one pass.
/// </summary>
public sealed class RowReader(CsvRecord record, ImportHeader header, bool french)
{
    readonly List<ImportError> errors = [];

    public int Row => record.Row;
    /// <summary>Whether errors list choices in French.</summary>
    public bool French => french;
    public IReadOnlyList<ImportError> Errors => errors;

    public string ColumnName(ImportColumn column) => header.Written(column, french);

    public void Fail(ImportColumn? column, string? value, ImportProblem problem, string? detail = null) =>
        errors.Add(new ImportError(Row, column is null ? null : ColumnName(column), value, problem, detail));

    /// <summary>The trimmed text, or null when empty; an empty required value is an error.</summary>
    public string? Text(ImportColumn column)
    {
        var value = header.Value(record, column);
        if (value.Length > 0)
            return value;
        if (column.Required)
            Fail(column, null, ImportProblem.Required);
        return null;
    }

    public decimal? Money(ImportColumn column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (ImportValues.TryMoney(text, out var amount))
            return amount;
        Fail(column, text, ImportProblem.NotAnAmount);
        return null;
    }

    public DateOnly? Date(ImportColumn column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (ImportValues.TryDate(text, out var date))
            return date;
        Fail(column, text, ImportProblem.NotADate);
        return null;
    }

    /// <summary>One of a set of values, compared without case or accents; <paramref name="shown"/> lists them in errors.
    /// Null when empty or not one of them.</summary>
    public string? Choice(ImportColumn column, IReadOnlyDictionary<string, string> choices, string shown)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (choices.TryGetValue(ImportValues.Normalize(text), out var value))
            return value;
        Fail(column, text, ImportProblem.NotAChoice, shown);
        return null;
    }

    /// <summary>The value as written in the file, for messages.</summary>
    public string Raw(ImportColumn column) => header.Value(record, column);

    /// <summary>A row with more values than the header has columns was shifted somewhere: a delimiter inside an unquoted value.</summary>
    public void CheckWidth()
    {
        var extra = record.Fields.Skip(header.Width).Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (extra.Count > 0)
            Fail(null, string.Join(" | ", extra), ImportProblem.TooManyValues);
    }
}
