using System.Globalization;
using ArLedger.Imports;

namespace ArLedger.Bank;

/// <summary>
/// How one bank's online-banking CSV export is laid out, saved with the bank account: the columns (by their header)
/// holding the date, the value date, the amount (or separate debit and credit columns), the label, the reference and
/// the running balance, the date format and whether amounts use a decimal comma.
/// </summary>
public sealed record CsvMapping(string DateColumn, string LabelColumn, string? AmountColumn = null, string? DebitColumn = null,
    string? CreditColumn = null, string? ValueDateColumn = null, string? ReferenceColumn = null, string? BalanceColumn = null,
    string DateFormat = "dd/MM/yyyy", bool DecimalComma = true)
{
    /// <summary>What is wrong with the mapping itself, or null when it can read a file.</summary>
    public string? Fault()
    {
        if (string.IsNullOrWhiteSpace(DateColumn) || string.IsNullOrWhiteSpace(LabelColumn))
            return "Name the date and label columns.";
        if (string.IsNullOrWhiteSpace(AmountColumn) == (string.IsNullOrWhiteSpace(DebitColumn) && string.IsNullOrWhiteSpace(CreditColumn)))
            return "Name either the amount column or the debit and credit columns.";
        if (string.IsNullOrWhiteSpace(AmountColumn) && (string.IsNullOrWhiteSpace(DebitColumn) || string.IsNullOrWhiteSpace(CreditColumn)))
            return "Name both the debit and the credit columns.";
        if (string.IsNullOrWhiteSpace(DateFormat) || !DateFormat.Contains('d', StringComparison.Ordinal) || !DateFormat.Contains('M', StringComparison.Ordinal)
            || !DateFormat.Contains("yy", StringComparison.Ordinal) || !DateOnly.TryParseExact(new DateOnly(2026, 12, 31).ToString(DateFormat, CultureInfo.InvariantCulture),
                DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return $"'{DateFormat}' is not a date format such as dd/MM/yyyy.";
        return null;
    }
}

/// <summary>
/// Reads a CSV export of online banking with the account's <see cref="CsvMapping"/>. Such a file names no account and
/// usually no balances: with a balance column the opening is the first row's balance before its movement and the
/// closing the last row's; without one the statement opens at zero and closes at the sum of its movements.
/// </summary>
public static class CsvStatementReader
{
    public static FileStatement Read(string text, CsvMapping mapping, string currency)
    {
        if (mapping.Fault() is { } fault)
            throw new BankFileException("the account's CSV mapping", "mapping", fault);
        var table = CsvReader.Read(text);
        if (table.UnclosedQuoteRow is { } open)
            throw new BankFileException($"row {open}", "quote", "a quoted field is not closed.");
        var records = table.Records.Where(r => !r.IsBlank).ToList();
        if (records.Count == 0)
            throw new BankFileException("row 1", "header", "the file is empty.");
        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        int Column(string? name, bool required = true)
        {
            if (string.IsNullOrWhiteSpace(name))
                return -1;
            var at = header.FindIndex(h => string.Equals(h, name.Trim(), StringComparison.OrdinalIgnoreCase));
            return at >= 0 || !required ? at : throw new BankFileException("row 1", name, $"the header has no column '{name}' ({string.Join(", ", header)}).");
        }
        var (date, label, amount, debit, credit) = (Column(mapping.DateColumn), Column(mapping.LabelColumn), Column(mapping.AmountColumn),
            Column(mapping.DebitColumn), Column(mapping.CreditColumn));
        var (valueDate, reference, balance) = (Column(mapping.ValueDateColumn), Column(mapping.ReferenceColumn), Column(mapping.BalanceColumn));

        var lines = new List<FileLine>();
        decimal? firstBalance = null, lastBalance = null;
        foreach (var record in records.Skip(1))
        {
            var where = $"row {record.Row}";
            string Field(int at) => at >= 0 && at < record.Fields.Count ? record.Fields[at].Trim() : "";
            var booked = Date(Field(date), mapping, where, header[date]);
            var value = valueDate >= 0 && Field(valueDate).Length > 0 ? Date(Field(valueDate), mapping, where, header[valueDate]) : booked;
            decimal movement;
            if (amount >= 0)
            {
                movement = Amount(Field(amount), mapping, where, header[amount]) ?? throw new BankFileException(where, header[amount], "the amount is empty.");
            }
            else
            {
                var (d, c) = (Amount(Field(debit), mapping, where, header[debit]), Amount(Field(credit), mapping, where, header[credit]));
                if ((d is null or 0) == (c is null or 0))
                    throw new BankFileException(where, header[credit], "give the movement in the debit or the credit column, not both or neither.");
                movement = c is { } cr and not 0 ? Math.Abs(cr) : -Math.Abs(d!.Value);
            }
            var wording = BankText.Clean(Field(label)) ?? throw new BankFileException(where, header[label], "the label is empty.");
            var bankReference = reference >= 0 ? BankText.Clean(Field(reference)) : null;
            lines.Add(new FileLine(where, booked, value, movement, wording.Length > 140 ? wording[..140] : wording)
            {
                Remittance = bankReference is null ? [wording] : [wording, bankReference],
            });
            if (balance >= 0 && Amount(Field(balance), mapping, where, header[balance]) is { } running)
            {
                firstBalance ??= running - movement;
                lastBalance = running;
            }
        }
        if (lines.Count == 0)
            throw new BankFileException("row 2", header[date], "the file has a header and no movement.");
        var movements = lines.Sum(l => l.Amount);
        var opening = firstBalance ?? 0m;
        return new FileStatement(new AccountIdentity(), currency, lines.Min(l => l.BookingDate), lines.Max(l => l.BookingDate), opening,
            lastBalance ?? opening + movements, lines);
    }

    static DateOnly Date(string text, CsvMapping mapping, string where, string field) =>
        DateOnly.TryParseExact(text, mapping.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new BankFileException(where, field, $"'{text}' is not a date written {mapping.DateFormat}.");

    /// <summary>An amount as online banking writes it: "1 234,56", "-45,00", "1,234.56", "+12.5 €"; null when empty.</summary>
    static decimal? Amount(string text, CsvMapping mapping, string where, string field)
    {
        var t = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not ('\u00A0' or '\u202F' or '€' or '$' or '£')).ToArray());
        if (t.Length == 0)
            return null;
        var culture = mapping.DecimalComma ? CultureInfo.GetCultureInfo("fr-FR") : CultureInfo.InvariantCulture;
        var style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | (mapping.DecimalComma ? NumberStyles.None : NumberStyles.AllowThousands);
        // With a decimal comma a dot groups thousands ("1.234,56"); a dot alone ("12.50") is another layout, not a guess to make.
        if (mapping.DecimalComma && t.Contains(',', StringComparison.Ordinal))
            t = t.Replace(".", "", StringComparison.Ordinal);
        return decimal.TryParse(t, style, culture, out var amount) && decimal.Round(amount, 2) == amount
            ? amount
            : throw new BankFileException(where, field, $"'{text}' is not an amount{(mapping.DecimalComma ? " written with a decimal comma" : "")}.");
    }
}
