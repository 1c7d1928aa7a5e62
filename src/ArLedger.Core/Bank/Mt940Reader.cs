using System.Globalization;
using System.Text;

namespace ArLedger.Bank;

/// <summary>
/// Reads a SWIFT MT940 customer statement: :20: reference, :25: account, :28C: statement number, :60F:/:60M: opening
/// balance, :61: movements each followed by an optional :86: over several lines, :62F:/:62M: closing balance.
/// Several statements follow each other, bare or wrapped in SWIFT blocks ({1:…}{2:…}{4: … -}). The :86: text is read
/// as the German SEPA subfields (?20-?29 and ?60-?63 remittance, ?31 IBAN, ?32-?33 name, EREF+ and SVWZ+ in them) or the
/// Dutch slash codes (/EREF/ /NAME/ /IBAN/ /REMI/ /RTRN/) where it is written so, and as plain text otherwise.
/// </summary>
public static class Mt940Reader
{
    /// <summary>True when the text starts like an MT940 file: a :20: tag, bare or after the SWIFT header blocks.</summary>
    public static bool Looks(string text)
    {
        var start = text.TrimStart();
        if (start.StartsWith("{1:", StringComparison.Ordinal))
            return start.Contains(":20:", StringComparison.Ordinal);
        return start.StartsWith(":20:", StringComparison.Ordinal);
    }

    public static IReadOnlyList<FileStatement> Read(string text)
    {
        var statements = new List<FileStatement>();
        Open? open = null;
        foreach (var (tag, value, where) in Fields(text))
        {
            switch (tag)
            {
                case "20":
                    if (open is not null)
                        throw new BankFileException(where, ":20:", "a new statement starts before the previous one's closing balance (:62F:).");
                    open = new Open(value.Trim());
                    break;
                case "21":
                    break;
                case "25":
                    Within(open, where, tag).Account = AccountOf(value.Trim(), where);
                    break;
                case "28" or "28C":
                    Within(open, where, tag).Number = value.Trim();
                    break;
                case "60F" or "60M":
                    var opening = Balance(value, where, tag);
                    var statement = Within(open, where, tag);
                    (statement.OpeningDate, statement.Currency, statement.Opening) = (opening.Date, opening.Currency, opening.Amount);
                    break;
                case "61":
                    var s = Within(open, where, tag);
                    if (s.Opening is null)
                        throw new BankFileException(where, ":61:", "a movement comes before the opening balance (:60F:).");
                    s.Lines.Add(Movement(value, where, s.OpeningDate));
                    break;
                case "86":
                    var lines = Within(open, where, tag).Lines;
                    if (lines.Count > 0 && lines[^1].Information is null)
                        lines[^1].Information = value;
                    break;
                case "62F" or "62M":
                    var closing = Balance(value, where, tag);
                    var done = Within(open, where, tag);
                    statements.Add(done.ToStatement(closing, where));
                    open = null;
                    break;
                case "64" or "65" or "13D" or "34F" or "90D" or "90C":
                    break;
                default:
                    throw new BankFileException(where, $":{tag}:", $"':{tag}:' is not an MT940 field.");
            }
        }
        if (open is not null)
            throw new BankFileException("end of file", ":62F:", "the file ends before the statement's closing balance (:62F:).");
        if (statements.Count == 0)
            throw new BankFileException("line 1", ":20:", "the file holds no statement.");
        return statements;
    }

    /// <summary>The fields of the file with their tag and the line they start on; a field runs until the next tag.</summary>
    static IEnumerable<(string Tag, string Value, string Where)> Fields(string text)
    {
        string? tag = null;
        var value = new StringBuilder();
        var at = 0;
        var n = 0;
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            n++;
            var line = raw;
            // SWIFT envelope: {1:…}{2:…}{3:…}{4: before the text, -}{5:…} after it.
            while (line.StartsWith('{') && line.IndexOf('}') is var close and > 0 && !line.StartsWith("{4:", StringComparison.Ordinal))
                line = line[(close + 1)..];
            if (line.StartsWith("{4:", StringComparison.Ordinal))
                line = line[3..];
            if (line.TrimEnd() is "-" || line.StartsWith("-}", StringComparison.Ordinal))
                line = "";
            if (line.Length > 1 && line[0] == ':' && line.IndexOf(':', 1) is var end and > 1 and <= 4 && line[1..end].All(char.IsAsciiLetterOrDigit))
            {
                if (tag is not null)
                    yield return (tag, value.ToString(), $"line {at}");
                tag = line[1..end];
                value.Clear().Append(line[(end + 1)..]);
                at = n;
            }
            else if (tag is not null)
            {
                value.Append('\n').Append(line);
            }
            else if (line.Trim().Length > 0)
            {
                throw new BankFileException($"line {n}", "tag", "the text does not start with an MT940 field such as :20:.");
            }
        }
        if (tag is not null)
            yield return (tag, value.ToString(), $"line {at}");
    }

    static Open Within(Open? open, string where, string tag) =>
        open ?? throw new BankFileException(where, $":{tag}:", $"the field :{tag}: comes before the statement's reference (:20:).");

    /// <summary>:25: is an IBAN (sometimes after a BIC and a slash), or the bank's own "bank code/account" identifier.</summary>
    static AccountIdentity AccountOf(string value, string where)
    {
        if (value.Length == 0)
            throw new BankFileException(where, ":25:", "the account is missing.");
        var last = value.Split('/')[^1];
        foreach (var candidate in new[] { value, last })
        {
            var iban = AccountIdentity.NormalIban(candidate);
            if (AccountIdentity.IsValidIban(iban))
                return new AccountIdentity(Iban: iban);
        }
        return new AccountIdentity(Other: value);
    }

    /// <summary>A balance: C or D, YYMMDD, currency, amount with a decimal comma ("C200101EUR444,29").</summary>
    static (DateOnly Date, string Currency, decimal Amount) Balance(string value, string where, string tag)
    {
        var v = value.Trim();
        if (v.Length < 11 || v[0] is not ('C' or 'D'))
            throw new BankFileException(where, $":{tag}:", $"'{v}' is not a balance (C or D, date YYMMDD, currency, amount).");
        var date = Date(v.Substring(1, 6), where, $":{tag}: date");
        var currency = v.Substring(7, 3);
        if (!currency.All(char.IsAsciiLetterUpper))
            throw new BankFileException(where, $":{tag}: currency", $"'{currency}' is not a currency code.");
        var amount = Amount(v[10..], where, $":{tag}: amount");
        return (date, currency, v[0] == 'D' ? -amount : amount);
    }

    /// <summary>
    /// A :61: movement: value date YYMMDD, optional booking date MMDD, mark C, D, RC or RD (reversals), optional funds
    /// code, amount, transaction type (N/F/S and three characters), the account owner's reference, optional // and the
    /// bank's reference, optional supplementary details on the next line.
    /// </summary>
    static Draft Movement(string value, string where, DateOnly? openingDate)
    {
        var firstBreak = value.IndexOf('\n');
        var v = (firstBreak < 0 ? value : value[..firstBreak]).Trim();
        var supplementary = firstBreak < 0 ? null : BankText.Clean(value[(firstBreak + 1)..]);
        if (v.Length < 6)
            throw new BankFileException(where, ":61:", $"'{v}' is not a movement.");
        var valueDate = Date(v[..6], where, ":61: value date");
        var i = 6;
        var booking = valueDate;
        if (v.Length >= i + 4 && v.Substring(i, 4).All(char.IsAsciiDigit))
        {
            booking = BookingDate(valueDate, v.Substring(i, 4), where);
            i += 4;
        }
        var (sign, reversal) = v.AsSpan(i) switch
        {
            var s when s.StartsWith("RC") => (-1, true),
            var s when s.StartsWith("RD") => (1, true),
            var s when s.StartsWith("C") => (1, false),
            var s when s.StartsWith("D") => (-1, false),
            _ => throw new BankFileException(where, ":61: mark", $"'{v[i..]}' does not start with C, D, RC or RD."),
        };
        i += reversal ? 2 : 1;
        if (i < v.Length && char.IsAsciiLetter(v[i]))
            i++; // funds code: the third letter of the currency
        var amountStart = i;
        while (i < v.Length && (char.IsAsciiDigit(v[i]) || v[i] == ','))
            i++;
        var amount = Amount(v[amountStart..i], where, ":61: amount");
        if (v.Length < i + 4 || v[i] is not ('N' or 'F' or 'S'))
            throw new BankFileException(where, ":61: transaction type", $"'{v[i..]}' does not start with a transaction type such as NTRF.");
        var type = v.Substring(i, 4);
        var rest = v[(i + 4)..];
        var split = rest.IndexOf("//", StringComparison.Ordinal);
        var ownerReference = Blank(split < 0 ? rest : rest[..split]);
        var bankReference = split < 0 ? null : Blank(rest[(split + 2)..]);
        return new Draft(where, booking, valueDate, sign * amount, reversal, type, ownerReference is "NONREF" ? null : ownerReference, bankReference,
            supplementary);
    }

    /// <summary>The booking date MMDD takes the value date's year, or the next or previous one across a new year.</summary>
    static DateOnly BookingDate(DateOnly valueDate, string mmdd, string where)
    {
        var month = int.Parse(mmdd[..2], CultureInfo.InvariantCulture);
        var day = int.Parse(mmdd[2..], CultureInfo.InvariantCulture);
        var year = valueDate.Year + (valueDate.Month == 12 && month == 1 ? 1 : valueDate.Month == 1 && month == 12 ? -1 : 0);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : throw new BankFileException(where, ":61: booking date", $"'{mmdd}' is not a date written MMDD.");
    }

    static DateOnly Date(string yymmdd, string where, string field) =>
        DateOnly.TryParseExact(yymmdd, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BankFileException(where, field, $"'{yymmdd}' is not a date written YYMMDD.");

    /// <summary>An MT940 amount: digits and a decimal comma, at most 15 characters ("800," "1234,5").</summary>
    static decimal Amount(string text, string where, string field)
    {
        var t = text.Trim();
        if (t.Length is 0 or > 15 || t.Count(c => c == ',') != 1 || !t.All(c => char.IsAsciiDigit(c) || c == ',') || t[0] == ',')
            throw new BankFileException(where, field, $"'{t}' is not an MT940 amount (digits with a decimal comma).");
        return decimal.Parse(t.Replace(',', '.').TrimEnd('.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    sealed class Draft(string where, DateOnly booked, DateOnly value, decimal amount, bool reversal, string type, string? ownerReference,
        string? bankReference, string? supplementary)
    {
        public string? Information { get; set; }

        public FileLine ToLine()
        {
            var info = Information86.Parse(Information);
            var remittance = new List<string>();
            if (ownerReference is not null)
                remittance.Add(ownerReference);
            remittance.AddRange(info.Remittance);
            var label = info.PostingText ?? supplementary ?? (info.Remittance.Count > 0 ? info.Remittance[0] : type);
            return new FileLine(where, booked, value, amount, label.Length > 140 ? label[..140] : label)
            {
                Remittance = remittance,
                BankReference = bankReference is "NONREF" ? null : bankReference,
                EndToEndId = info.EndToEndId,
                CounterpartyName = info.Name,
                CounterpartyIban = info.Iban,
                OperationCode = type,
                ReturnReason = info.ReturnReason,
                IsReversal = reversal,
                Details = info.Details,
            };
        }
    }

    /// <summary>What a :86: field says, in whichever of the usual layouts it is written.</summary>
    sealed record Information86(string? PostingText, IReadOnlyList<string> Remittance, string? EndToEndId, string? Name, string? Iban,
        string? ReturnReason, IReadOnlyList<LineDetail> Details)
    {
        static readonly Information86 Empty = new(null, [], null, null, null, null, []);

        public static Information86 Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
                return Empty;
            var flat = text.Replace("\n", "", StringComparison.Ordinal).Trim();
            if (flat.Length > 4 && flat[..3].All(char.IsAsciiDigit) && flat[3] == '?')
                return German(flat);
            if (flat.StartsWith('/') && flat.Contains("/REMI/", StringComparison.Ordinal) | flat.Contains("/EREF/", StringComparison.Ordinal)
                | flat.Contains("/NAME/", StringComparison.Ordinal))
                return Slashed(flat);
            var plain = BankText.Clean(text)!;
            return Empty with { Remittance = [plain], Details = [new LineDetail("86", plain)] };
        }

        /// <summary>German structured :86:: a three-digit business code, then ?NN subfields (a line break may fall anywhere).</summary>
        static Information86 German(string flat)
        {
            var fields = new List<LineDetail>();
            foreach (var part in flat[3..].Split('?', StringSplitOptions.RemoveEmptyEntries))
                if (part.Length >= 2 && part[..2].All(char.IsAsciiDigit))
                    fields.Add(new LineDetail(part[..2], part[2..]));
            string Joined(Func<int, bool> which) =>
                string.Concat(fields.Where(f => which(int.Parse(f.Qualifier, CultureInfo.InvariantCulture))).Select(f => f.Text));
            var purpose = Joined(q => q is >= 20 and <= 29 or >= 60 and <= 63);
            var (eref, svwz) = (Sepa(purpose, "EREF+"), Sepa(purpose, "SVWZ+"));
            var remittance = svwz ?? BankText.Clean(purpose);
            var iban = BankText.Clean(Joined(q => q == 31));
            return new Information86(BankText.Clean(Joined(q => q == 0)), remittance is null ? [] : [remittance],
                eref is null or "NOTPROVIDED" ? null : eref, BankText.Clean(Joined(q => q is 32 or 33)),
                iban is not null && AccountIdentity.IsValidIban(AccountIdentity.NormalIban(iban)) ? AccountIdentity.NormalIban(iban) : null,
                null, fields);
        }

        /// <summary>The text after a SEPA keyword ("EREF+") up to the next keyword ("SVWZ+", "KREF+", ...).</summary>
        static string? Sepa(string purpose, string keyword)
        {
            var at = purpose.IndexOf(keyword, StringComparison.Ordinal);
            if (at < 0)
                return null;
            var rest = purpose[(at + keyword.Length)..];
            var next = System.Text.RegularExpressions.Regex.Match(rest, "[A-Z]{4}\\+");
            return BankText.Clean(next.Success ? rest[..next.Index] : rest);
        }

        /// <summary>Dutch and SEPA slash codes: /EREF/…/NAME/…/IBAN/…/REMI/…/RTRN/….</summary>
        static Information86 Slashed(string flat)
        {
            var codes = new[] { "EREF", "NAME", "IBAN", "BIC", "REMI", "RTRN", "MARF", "CSID", "ORDP", "BENM", "TRTP", "PREF", "ID", "CNTP", "ULTD", "ULTC", "PURP", "ADDR" };
            var details = new List<LineDetail>();
            var parts = flat.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                if (!codes.Contains(parts[i]))
                    continue;
                var value = new List<string>();
                var j = i + 1;
                while (j < parts.Length && !codes.Contains(parts[j]))
                    value.Add(parts[j++]);
                details.Add(new LineDetail(parts[i], string.Join('/', value).Trim().Trim('/')));
                i = j - 1;
            }
            string? Code(string code) => details.FirstOrDefault(d => d.Qualifier == code)?.Text is { Length: > 0 } t ? t : null;
            var remittance = Code("REMI");
            var iban = Code("IBAN") ?? Code("CNTP")?.Split('/')[0];
            return new Information86(Code("TRTP"), remittance is null ? [] : [remittance], Code("EREF") is { } e and not "NOTPROVIDED" ? e : null,
                Code("NAME"), iban is not null && AccountIdentity.IsValidIban(AccountIdentity.NormalIban(iban)) ? AccountIdentity.NormalIban(iban) : null,
                Code("RTRN")?.Split('/')[0], details);
        }
    }

    sealed class Open(string reference)
    {
        public AccountIdentity? Account { get; set; }
        public string? Number { get; set; }
        public DateOnly? OpeningDate { get; set; }
        public string? Currency { get; set; }
        public decimal? Opening { get; set; }
        public List<Draft> Lines { get; } = [];

        public FileStatement ToStatement((DateOnly Date, string Currency, decimal Amount) closing, string where)
        {
            if (Account is null)
                throw new BankFileException(where, ":25:", "the statement names no account (:25:).");
            if (Opening is null)
                throw new BankFileException(where, ":60F:", "the statement has no opening balance (:60F:).");
            if (closing.Currency != Currency)
                throw new BankFileException(where, ":62F: currency", $"the closing balance is in {closing.Currency}, the opening in {Currency}.");
            var from = OpeningDate!.Value;
            return new FileStatement(Account, Currency!, from, closing.Date < from ? from : closing.Date, Opening.Value, closing.Amount,
                Lines.Select(l => l.ToLine()).ToList(), Number is null ? reference : $"{reference}/{Number}");
        }
    }
}
