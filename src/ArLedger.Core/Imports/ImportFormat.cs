using FluentValidation;

namespace ArLedger.Imports;

/// <summary>What importing one row came to: created, skipped as already imported, or in error (the errors are on the row's reader).</summary>
public sealed record RowResult(ImportRowStatus Status, ImportRowView View);

/// <summary>
/// One kind of import file: its columns and how a row becomes the use case's
/// command and is carried out by the same handler the API and the pages use.
/// </summary>
public abstract class ImportFormat
{
    public abstract ImportKind Kind { get; }
    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>Reads, checks and imports one row, inside the import's transaction.</summary>
    public abstract Task<RowResult> ImportAsync(RowReader row, CancellationToken ct);

    public static IReadOnlyList<ImportColumn> ColumnsOf(ImportKind kind) => kind switch
    {
        ImportKind.Customers => CustomerImport.ColumnList,
        ImportKind.Invoices => InvoiceImport.ColumnList,
        ImportKind.Payments => PaymentImport.ColumnList,
    };

    /// <summary>
    /// Runs the command's own validator first, so each broken rule is reported at its column with the validator's
    /// message (in the clerk's language) naming the column as the file does rather than the command's property.
    /// </summary>
    protected bool Validate<T>(IValidator<T> validator, T command, RowReader row)
    {
        var result = validator.Validate(command);
        foreach (var failure in result.Errors)
        {
            var column = ColumnFor(failure.PropertyName);
            var message = failure.ErrorMessage;
            if (column is not null && failure.FormattedMessagePlaceholderValues?.GetValueOrDefault("PropertyName") is string { Length: > 0 } shownName)
                message = message.Replace(shownName, row.ColumnName(column), StringComparison.Ordinal);
            row.Fail(column, column is null ? null : row.Raw(column), ImportProblem.Invalid, message);
        }
        return result.IsValid;
    }

    /// <summary>The column feeding a command property; "Allocations[0].Amount" is the column of "Allocations.Amount".</summary>
    protected ImportColumn? ColumnFor(string property)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(property, @"\[\d+\]", "");
        return Columns.FirstOrDefault(c => c.Property == path);
    }

    protected static RowResult Failed(RowReader row, string? externalId, string? key) =>
        new(ImportRowStatus.Error, new ImportRowView(row.Row, ImportRowStatus.Error, externalId, key, null));

    protected static ImportRowStatus StatusOf<T>(Outcome<T> outcome) => outcome.Replayed ? ImportRowStatus.Skip : ImportRowStatus.Create;

    /// <summary>A problem from the use case at the column its field maps to; a conflict is always the external id's.</summary>
    protected void Report(RowReader row, Problem problem, ImportColumn externalId, Func<Problem, (ImportColumn?, ImportProblem)?>? known = null)
    {
        if (problem.Kind == ProblemKind.Conflict)
        {
            row.Fail(externalId, row.Raw(externalId), ImportProblem.ExternalIdConflict);
            return;
        }
        if (known?.Invoke(problem) is { } match)
        {
            var (column, code) = match;
            row.Fail(column, column is null ? null : row.Raw(column), code);
            return;
        }
        var field = problem.Errors?.Keys.Select(ColumnFor).FirstOrDefault(c => c is not null);
        row.Fail(field, field is null ? null : row.Raw(field), problem.Kind == ProblemKind.Invalid ? ImportProblem.Invalid : ImportProblem.Refused, problem.Message);
    }
}
