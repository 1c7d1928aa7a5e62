using System.Globalization;

namespace ArLedger.Bank;

/// <summary>
/// Reads a CFONB 120 statement file (relevé de compte 120 caractères): 01 old balance, 04 movement, 05 details of the
/// movement before it, 07 new balance; several statements and accounts may follow each other. Records are 120
/// characters, one a line (CRLF or LF, blank lines ignored) or back to back with no line break at all.
/// </summary>
public static class CfonbReader
{
    const int Length = 120;

    /// <summary>The 05 qualifiers whose text is remittance information a payer wrote (libellé, libellé client, référence client).</summary>
    static readonly string[] RemittanceQualifiers = ["LIB", "LCC", "RCN", "REF"];

    /// <summary>True when the text starts like a CFONB file: a 01 record of 120 characters.</summary>
    public static bool Looks(string text) =>
        text.Length >= 100 && text.StartsWith("01", StringComparison.Ordinal) && text.IndexOfAny(['<', ':']) is < 0 or >= 100;

    public static IReadOnlyList<FileStatement> Read(string text)
    {
        var statements = new List<FileStatement>();
        Open? open = null;
        var n = 0;
        foreach (var record in Records(text))
        {
            n++;
            var where = $"record {n}";
            var code = record[..2];
            switch (code)
            {
                case "01":
                    if (open is not null)
                        throw new BankFileException(where, "record code", "a new statement (01) starts before the previous one's new balance (07).");
                    open = new Open(Account(record), Currency(record, where), Date(record, 34, where, "date"), Amount(record, where));
                    break;
                case "04":
                    var statement = Within(open, where, code);
                    SameAccount(statement, record, where);
                    var booked = Date(record, 34, where, "booking date");
                    statement.Lines.Add(new Draft(where, booked, string.IsNullOrWhiteSpace(record[42..48]) ? booked : Date(record, 42, where, "value date"),
                        Amount(record, where), record[48..79].Trim(), Blank(record[32..34]), Blank(record[40..42]), Blank(record[104..120])));
                    break;
                case "05":
                    var movement = Within(open, where, code).Lines.LastOrDefault()
                        ?? throw new BankFileException(where, "record code", "a detail (05) comes before any movement (04).");
                    var qualifier = record[45..48].Trim();
                    var detail = record[48..118].TrimEnd();
                    if (qualifier.Length > 0 || detail.Trim().Length > 0)
                        movement.Details.Add(new LineDetail(qualifier, detail.Trim()));
                    break;
                case "07":
                    var closing = Within(open, where, code);
                    SameAccount(closing, record, where);
                    statements.Add(closing.ToStatement(Date(record, 34, where, "date"), Amount(record, where)));
                    open = null;
                    break;
                default:
                    throw new BankFileException(where, "record code", $"'{code}' is not a CFONB 120 record (01, 04, 05 or 07).");
            }
        }
        if (open is not null)
            throw new BankFileException($"record {n}", "record code", "the file ends before the statement's new balance (07).");
        if (statements.Count == 0)
            throw new BankFileException("record 1", "record code", "the file holds no statement.");
        return statements;
    }

    /// <summary>The records of the file, each padded to 120 characters (some banks trim the trailing spaces).</summary>
    static IEnumerable<string> Records(string text)
    {
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
                continue;
            // No line breaks: records back to back.
            for (var at = 0; at < line.Length; at += Length)
                yield return line.Substring(at, Math.Min(Length, line.Length - at)).PadRight(Length);
        }
    }

    static Open Within(Open? open, string where, string code) =>
        open ?? throw new BankFileException(where, "record code", $"a {code} record comes before the statement's old balance (01).");

    static AccountIdentity Account(string r) => new(BankCode: r[2..7], BranchCode: r[11..16], AccountNumber: r[21..32].Trim());

    static void SameAccount(Open open, string record, string where)
    {
        if (Account(record) != open.Account)
            throw new BankFileException(where, "account", $"the record is for account {Account(record)}, the statement for {open.Account}.");
    }

    static string Currency(string r, string where)
    {
        var currency = r[16..19];
        return currency.All(char.IsAsciiLetterUpper) ? currency : throw new BankFileException(where, "currency", $"'{currency}' is not a currency code.");
    }

    static DateOnly Date(string r, int at, string where, string field)
    {
        var text = r.Substring(at, 6);
        return DateOnly.TryParseExact(text, "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BankFileException(where, field, $"'{text}' is not a date written DDMMYY.");
    }

    /// <summary>
    /// The amount (positions 91-104) with the number of decimals (position 20): 13 digits, then a character that is
    /// both the last digit and the sign, '{' and A-I for +0 to +9, '}' and J-R for -0 to -9.
    /// </summary>
    internal static decimal Amount(string r, string where)
    {
        var text = r[90..104];
        var decimals = r[19];
        if (!char.IsAsciiDigit(decimals))
            throw new BankFileException(where, "number of decimals", $"'{decimals}' is not a digit.");
        var last = text[^1];
        var (digit, sign) = last switch
        {
            '{' => (0, 1),
            '}' => (0, -1),
            >= 'A' and <= 'I' => (last - 'A' + 1, 1),
            >= 'J' and <= 'R' => (last - 'J' + 1, -1),
            _ => (-1, 0),
        };
        var digits = text[..^1];
        if (digit < 0 || !digits.All(char.IsAsciiDigit))
            throw new BankFileException(where, "amount", $"'{text}' is not a CFONB amount (13 digits and a signed last digit).");
        var units = decimal.Parse(digits, CultureInfo.InvariantCulture) * 10 + digit;
        return sign * units / Pow10(decimals - '0');
    }

    static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++)
            p *= 10;
        return p;
    }

    static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    sealed record Draft(string Where, DateOnly Booked, DateOnly Value, decimal Amount, string Label, string? OperationCode, string? RejectCode,
        string? Reference)
    {
        public List<LineDetail> Details { get; } = [];

        public FileLine ToLine() => new(Where, Booked, Value, Amount, Label)
        {
            // The movement's own reference (positions 105-120) first, then what the payer wrote in the 05 records.
            Remittance = (Reference is null ? [] : new[] { Reference })
                .Concat(Details.Where(d => RemittanceQualifiers.Contains(d.Qualifier)).Select(d => d.Text)).ToList(),
            EndToEndId = Text("RCN"),
            CounterpartyName = Amount > 0 ? Text("NPY") : Text("NBE") ?? Text("NPY"),
            CounterpartyIban = Amount > 0 ? Text("IPY") : Text("IBE"),
            OperationCode = OperationCode,
            ReturnReason = RejectCode,
            Details = Details.ToList(),
        };

        string? Text(string qualifier) => Details.FirstOrDefault(d => d.Qualifier == qualifier)?.Text is { Length: > 0 } t ? t : null;
    }

    sealed record Open(AccountIdentity Account, string Currency, DateOnly From, decimal Opening)
    {
        public List<Draft> Lines { get; } = [];

        public FileStatement ToStatement(DateOnly to, decimal closing) =>
            new(Account, Currency, From, to < From ? From : to, Opening, closing, Lines.Select(l => l.ToLine()).ToList());
    }
}
