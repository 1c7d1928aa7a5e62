using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ArLedger.Bank;

/// <summary>
/// Reads an ISO 20022 camt.053 BankToCustomerStatement (versions 001.02 to 001.13 share the elements read here):
/// every Stmt with its OPBD or PRCD opening and CLBD closing balance, and every booked entry; an entry batching several
/// transactions (TxDtls) gives one line each. Elements are matched by local name, so every version's namespace reads alike.
/// </summary>
public static class CamtReader
{
    /// <summary>True when the text is XML naming a camt.053 message.</summary>
    public static bool Looks(string text) =>
        text.TrimStart().StartsWith('<') && text.Contains("camt.053", StringComparison.Ordinal);

    public static IReadOnlyList<FileStatement> Read(byte[] bytes)
    {
        XDocument doc;
        try
        {
            // The XML declaration says the encoding; no DTD is ever read (no entity expansion, no external fetch).
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new BankFileException($"line {e.LineNumber}", "XML", e.Message);
        }
        var root = doc.Root!;
        if (!root.Name.NamespaceName.Contains("camt.053", StringComparison.Ordinal))
            throw new BankFileException("line 1", "Document", $"'{root.Name.NamespaceName}' is not a camt.053 message.");
        var statements = Children(root, "BkToCstmrStmt").SelectMany(s => Children(s, "Stmt")).Select(ReadStatement).ToList();
        if (statements.Count == 0)
            throw new BankFileException("line 1", "Stmt", "the message holds no statement.");
        return statements;
    }

    static FileStatement ReadStatement(XElement stmt)
    {
        var acct = One(stmt, "Acct");
        var currency = Text(acct, "Ccy") ?? One(stmt, "Bal").Element(Local(stmt, "Amt"))?.Attribute("Ccy")?.Value
            ?? throw Bad(acct, "Acct/Ccy", "the account has no currency.");
        var id = One(acct, "Id");
        var account = new AccountIdentity(Iban: Text(id, "IBAN"), Other: Path(id, "Othr", "Id"));
        var balances = Children(stmt, "Bal").Select(b => (Code: Path(b, "Tp", "CdOrPrtry", "Cd"), Amount: Signed(b), Date: Date(b, "Dt"))).ToList();
        var opening = balances.FirstOrDefault(b => b.Code == "OPBD") is { Code: not null } o ? o
            : balances.FirstOrDefault(b => b.Code == "PRCD") is { Code: not null } p ? p
            : throw Bad(stmt, "Bal", "the statement has no opening balance (OPBD or PRCD).");
        var closing = balances.FirstOrDefault(b => b.Code == "CLBD") is { Code: not null } c ? c
            : throw Bad(stmt, "Bal", "the statement has no closing balance (CLBD).");

        var lines = new List<FileLine>();
        foreach (var entry in Children(stmt, "Ntry"))
        {
            // Pending and information-only entries are not on the account yet.
            var status = Text(entry, "Sts") ?? Path(entry, "Sts", "Cd");
            if (status is not null && status != "BOOK")
                continue;
            lines.AddRange(Entry(entry, currency));
        }
        var range = stmt.Element(Local(stmt, "FrToDt"));
        var from = range is null ? opening.Date : DateOf(range, "FrDtTm");
        var to = range is null ? closing.Date : DateOf(range, "ToDtTm");
        return new FileStatement(account, currency, from, to < from ? from : to, opening.Amount, closing.Amount, lines, Text(stmt, "Id"));
    }

    static IEnumerable<FileLine> Entry(XElement entry, string currency)
    {
        var where = Where(entry);
        var sign = Sign(entry);
        var booked = Date(entry, "BookgDt");
        var value = entry.Element(Local(entry, "ValDt")) is null ? booked : Date(entry, "ValDt");
        var (amount, original) = InAccountCurrency(entry, currency);
        var reversal = string.Equals(Text(entry, "RvslInd"), "true", StringComparison.OrdinalIgnoreCase);
        var entryRef = Text(entry, "AcctSvcrRef") ?? Text(entry, "NtryRef");
        var code = BankCode(entry);
        var label = Text(entry, "AddtlNtryInf");
        var transactions = Children(entry, "NtryDtls").SelectMany(d => Children(d, "TxDtls")).ToList();

        // A batch is split only when each transaction says its own amount and they add up to the entry's.
        var split = transactions.Count > 1 && transactions.All(t => TxAmount(t, currency) is not null)
            && transactions.Sum(t => TxAmount(t, currency)!.Value) == amount;
        if (!split)
        {
            yield return Line(where, booked, value, sign * amount, label, transactions, entry, sign, reversal, entryRef, code, original);
            yield break;
        }
        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            var txSign = tx.Element(Local(tx, "CdtDbtInd")) is null ? sign : Sign(tx);
            var reference = Path(tx, "Refs", "AcctSvcrRef") ?? (entryRef is null ? null : $"{entryRef}/{i + 1}");
            yield return Line($"{where}, transaction {i + 1}", booked, value, txSign * TxAmount(tx, currency)!.Value, label, [tx], entry, txSign,
                reversal, reference, code, null);
        }
    }

    static FileLine Line(string where, DateOnly booked, DateOnly value, decimal amount, string? label, IReadOnlyList<XElement> transactions,
        XElement entry, int sign, bool reversal, string? reference, string? code, (decimal Amount, string Currency)? original)
    {
        var tx = transactions.Count == 1 ? transactions[0] : null;
        var remittance = transactions.SelectMany(Remittance).ToList();
        var party = sign > 0 ? "Dbtr" : "Cdtr";
        var name = tx is null ? null : PartyName(tx, party);
        var details = new List<LineDetail>();
        foreach (var t in transactions)
        {
            if (Path(t, "Refs", "EndToEndId") is { } e2e)
                details.Add(new LineDetail("EndToEndId", e2e));
            if (Path(t, "Refs", "MndtId") is { } mandate)
                details.Add(new LineDetail("MndtId", mandate));
            if (Text(t, "AddtlTxInf") is { } info)
                details.Add(new LineDetail("AddtlTxInf", info));
        }
        if (Text(entry, "NtryRef") is { } ntryRef)
            details.Add(new LineDetail("NtryRef", ntryRef));
        var txOriginal = tx is null ? null : Original(tx, Currency(entry));
        return new FileLine(where, booked, value, amount,
            BankText.Clean(label) ?? remittance.FirstOrDefault() ?? name ?? code ?? "")
        {
            Remittance = remittance,
            BankReference = reference,
            EndToEndId = tx is null ? null : Path(tx, "Refs", "EndToEndId") is { } id && id != "NOTPROVIDED" ? id : null,
            CounterpartyName = name,
            CounterpartyIban = tx is null ? null : Path(tx, "RltdPties", party + "Acct", "Id", "IBAN"),
            OperationCode = code,
            ReturnReason = transactions.Select(t => Path(t, "RtrInf", "Rsn", "Cd")).FirstOrDefault(r => r is not null),
            IsReversal = reversal,
            OriginalAmount = (original ?? txOriginal)?.Amount,
            OriginalCurrency = (original ?? txOriginal)?.Currency,
            Details = details,
        };
    }

    /// <summary>Unstructured lines, then structured creditor references and referred document numbers.</summary>
    static IEnumerable<string> Remittance(XElement tx)
    {
        foreach (var rmt in Children(tx, "RmtInf"))
        {
            foreach (var u in Children(rmt, "Ustrd"))
                if (BankText.Clean(u.Value) is { } text)
                    yield return text;
            foreach (var strd in Children(rmt, "Strd"))
            {
                if (Path(strd, "CdtrRefInf", "Ref") is { } reference)
                    yield return reference;
                foreach (var doc in Children(strd, "RfrdDocInf"))
                    if (Text(doc, "Nb") is { } nb)
                        yield return nb;
                if (Text(strd, "AddtlRmtInf") is { } more)
                    yield return more;
            }
        }
    }

    /// <summary>The debtor's or creditor's name: RltdPties/Dbtr/Nm up to 001.07, RltdPties/Dbtr/Pty/Nm from 001.08.</summary>
    static string? PartyName(XElement tx, string party) =>
        Path(tx, "RltdPties", party, "Nm") ?? Path(tx, "RltdPties", party, "Pty", "Nm");

    static decimal? TxAmount(XElement tx, string currency)
    {
        var amt = tx.Element(Local(tx, "Amt")) ?? tx.Element(Local(tx, "AmtDtls"))?.Element(Local(tx, "TxAmt"))?.Element(Local(tx, "Amt"));
        return amt is not null && amt.Attribute("Ccy")?.Value == currency ? Number(amt) : null;
    }

    /// <summary>
    /// The entry's amount in the account's currency; an entry booked in another currency carries the account's amount in
    /// its amount details (counter value), and its own amount is kept as the original.
    /// </summary>
    static (decimal Amount, (decimal, string)? Original) InAccountCurrency(XElement entry, string currency)
    {
        var amt = One(entry, "Amt");
        var ccy = amt.Attribute("Ccy")?.Value ?? throw Bad(amt, "Amt/@Ccy", "the amount has no currency.");
        if (ccy == currency)
            return (Number(amt), null);
        var counter = entry.Descendants().FirstOrDefault(e => e.Name.LocalName == "Amt" && e.Attribute("Ccy")?.Value == currency);
        return counter is null
            ? throw Bad(amt, "Amt", $"the entry is in {ccy} and says no amount in the account's currency {currency}.")
            : (Number(counter), (Number(amt), ccy));
    }

    /// <summary>The instructed amount when it is in a currency other than the booked one (a foreign payment converted by the bank).</summary>
    static (decimal, string)? Original(XElement tx, string booked)
    {
        var instructed = tx.Element(Local(tx, "AmtDtls"))?.Element(Local(tx, "InstdAmt"))?.Element(Local(tx, "Amt"));
        return instructed?.Attribute("Ccy")?.Value is { } ccy && ccy != booked ? (Number(instructed), ccy) : null;
    }

    static string Currency(XElement entry) => One(entry, "Amt").Attribute("Ccy")?.Value ?? "";

    static string? BankCode(XElement entry)
    {
        var code = entry.Element(Local(entry, "BkTxCd"));
        if (code is null)
            return null;
        var domain = Path(code, "Domn", "Cd");
        var family = Path(code, "Domn", "Fmly", "Cd");
        var sub = Path(code, "Domn", "Fmly", "SubFmlyCd");
        return domain is not null ? string.Join('/', new[] { domain, family, sub }.Where(p => p is not null)) : Path(code, "Prtry", "Cd");
    }

    static decimal Signed(XElement e)
    {
        var amount = Number(One(e, "Amt"));
        return Sign(e) * amount;
    }

    static int Sign(XElement e) => Text(e, "CdtDbtInd") switch
    {
        "CRDT" => 1,
        "DBIT" => -1,
        var other => throw Bad(e, "CdtDbtInd", $"'{other}' is neither CRDT nor DBIT."),
    };

    static decimal Number(XElement amt) =>
        decimal.TryParse(amt.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Bad(amt, "Amt", $"'{amt.Value}' is not an amount.");

    /// <summary>A date element holding Dt or DtTm; a DtTm's own date is the bank's date.</summary>
    static DateOnly Date(XElement parent, string name)
    {
        var e = One(parent, name);
        var text = Text(e, "Dt") ?? Text(e, "DtTm") ?? throw Bad(e, name, "the date is missing.");
        return ParseDate(e, name, text);
    }

    static DateOnly DateOf(XElement parent, string name) => ParseDate(parent, name, Text(parent, name) ?? throw Bad(parent, name, "the date is missing."));

    static DateOnly ParseDate(XElement e, string name, string text) =>
        text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Bad(e, name, $"'{text}' is not a date.");

    static XName Local(XElement e, string name) => e.Name.Namespace + name;

    static IEnumerable<XElement> Children(XElement e, string name) => e.Elements(Local(e, name));

    static XElement One(XElement e, string name) => e.Element(Local(e, name)) ?? throw Bad(e, name, $"{e.Name.LocalName} has no {name}.");

    static string? Text(XElement e, string name) => e.Element(Local(e, name)) is { } child && !child.HasElements ? BankText.Clean(child.Value) : null;

    static string? Path(XElement e, params string[] names)
    {
        var at = e;
        foreach (var name in names[..^1])
        {
            at = at.Element(Local(at, name));
            if (at is null)
                return null;
        }
        return Text(at, names[^1]);
    }

    static string Where(XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? $"line {((IXmlLineInfo)e).LineNumber}" : e.Name.LocalName;

    static BankFileException Bad(XElement e, string field, string message) => new(Where(e), field, message);
}
