using System.Globalization;
using System.Security;
using System.Text;

namespace ArLedger.Bank;

/// <summary>A movement to write into a bank file: money in positive, with what the payer wrote and who they are.</summary>
public sealed record WrittenMovement(decimal Amount, string Label, string? Payer = null, string? PayerIban = null, string? Text = null,
    string? EndToEndId = null, string? ReturnReason = null, bool DirectDebit = false);

/// <summary>
/// Writes bank statement files as the banks do, for the demo book and the benches: a CFONB 120 statement of one day
/// and a camt.053.001.02 message. What <see cref="CfonbReader"/> and <see cref="CamtReader"/> read back is what was written.
/// </summary>
public static class BankFileWriter
{
    /// <summary>A CFONB 120 statement of the account (French RIB parts) for one day: 01, each 04 with its 05 details, 07.</summary>
    public static byte[] Cfonb120(string bankCode, string branchCode, string accountNumber, DateOnly day, decimal opening,
        IReadOnlyList<WrittenMovement> movements)
    {
        var records = new StringBuilder();
        void Record(string code, string operation, string? interbank, DateOnly date, string? reject, DateOnly? value, string label,
            decimal? amount, string reference, string? qualifier = null, string? detail = null)
        {
            var r = new string(' ', 120).ToCharArray();
            void Put(int at, string text) => text.AsSpan(0, Math.Min(text.Length, 120 - at)).CopyTo(r.AsSpan(at));
            Put(0, code);
            Put(2, bankCode);
            Put(7, operation);
            Put(11, branchCode);
            Put(16, "EUR2");
            Put(21, accountNumber);
            if (interbank is not null)
                Put(32, interbank);
            Put(34, date.ToString("ddMMyy", CultureInfo.InvariantCulture));
            if (reject is not null)
                Put(40, reject);
            if (value is { } v)
                Put(42, v.ToString("ddMMyy", CultureInfo.InvariantCulture));
            if (qualifier is not null)
            {
                Put(45, qualifier);
                Put(48, detail!.Length > 70 ? detail[..70] : detail);
            }
            else
            {
                Put(48, label.Length > 31 ? label[..31] : label);
                Put(81, "0000000");
                Put(90, Amount(amount ?? 0m));
                Put(104, reference.Length > 16 ? reference[..16] : reference);
            }
            records.Append(r).Append("\r\n");
        }

        Record("01", "    ", null, day, null, null, "", opening, "");
        foreach (var m in movements)
        {
            var interbank = m.Amount > 0 ? m.DirectDebit ? "01" : "05" : m.ReturnReason is not null ? "12" : "11";
            Record("04", "0000", interbank, day, m.ReturnReason is null ? null : "12", day, m.Label, m.Amount, m.EndToEndId ?? "");
            if (m.Text is not null)
                Record("05", "0000", interbank, day, null, null, "", null, "", "LIB", m.Text);
            if (m.Payer is not null)
                Record("05", "0000", interbank, day, null, null, "", null, "", m.Amount > 0 ? "NPY" : "NBE", m.Payer);
            if (m.PayerIban is not null)
                Record("05", "0000", interbank, day, null, null, "", null, "", m.Amount > 0 ? "IPY" : "IBE", m.PayerIban);
            if (m.EndToEndId is not null)
                Record("05", "0000", interbank, day, null, null, "", null, "", "RCN", m.EndToEndId);
        }
        Record("07", "    ", null, day, null, null, "", opening + movements.Sum(m => m.Amount), "");
        return Encoding.Latin1.GetBytes(records.ToString());
    }

    /// <summary>A CFONB amount of 14 characters in cents: 13 digits and a last character carrying the last digit and the sign.</summary>
    static string Amount(decimal amount)
    {
        var cents = decimal.ToInt64(Math.Abs(amount) * 100);
        var digits = cents.ToString("D14", CultureInfo.InvariantCulture);
        var last = digits[^1] - '0';
        var signed = amount < 0 ? (last == 0 ? '}' : (char)('J' + last - 1)) : (last == 0 ? '{' : (char)('A' + last - 1));
        return digits[..^1] + signed;
    }

    /// <summary>A camt.053.001.02 message of one statement of the account (by IBAN) for one day.</summary>
    public static byte[] Camt053(string iban, DateOnly day, decimal opening, IReadOnlyList<WrittenMovement> movements, string statementId)
    {
        static string D(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        static string X(string s) => SecurityElement.Escape(s);
        var closing = opening + movements.Sum(m => m.Amount);
        var entries = new StringBuilder();
        foreach (var m in movements)
        {
            var party = m.Amount > 0 ? "Dbtr" : "Cdtr";
            var family = m.DirectDebit ? "RDDT/ESDD" : m.Amount > 0 ? "RCDT/ESCT" : m.ReturnReason is not null ? "RDDT/UPDD" : "ICDT/ESCT";
            entries.Append(CultureInfo.InvariantCulture, $"""
                      <Ntry><Amt Ccy="EUR">{D(Math.Abs(m.Amount))}</Amt><CdtDbtInd>{(m.Amount > 0 ? "CRDT" : "DBIT")}</CdtDbtInd><Sts>BOOK</Sts>
                        <BookgDt><Dt>{day:yyyy-MM-dd}</Dt></BookgDt><ValDt><Dt>{day:yyyy-MM-dd}</Dt></ValDt>
                        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{family[..4]}</Cd><SubFmlyCd>{family[5..]}</SubFmlyCd></Fmly></Domn></BkTxCd>
                        <NtryDtls><TxDtls><Refs><EndToEndId>{X(m.EndToEndId ?? "NOTPROVIDED")}</EndToEndId></Refs>
                          <RltdPties><{party}><Nm>{X(m.Payer ?? "")}</Nm></{party}>{(m.PayerIban is null ? "" : $"<{party}Acct><Id><IBAN>{m.PayerIban}</IBAN></Id></{party}Acct>")}</RltdPties>
                          {(m.Text is null ? "" : $"<RmtInf><Ustrd>{X(m.Text)}</Ustrd></RmtInf>")}
                          {(m.ReturnReason is null ? "" : $"<RtrInf><Rsn><Cd>{m.ReturnReason}</Cd></Rsn></RtrInf>")}
                        </TxDtls></NtryDtls>
                        <AddtlNtryInf>{X(m.Label)}</AddtlNtryInf>
                      </Ntry>

                """);
        }
        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt><GrpHdr><MsgId>{X(statementId)}</MsgId><CreDtTm>{day:yyyy-MM-dd}T20:00:00</CreDtTm></GrpHdr>
                <Stmt><Id>{X(statementId)}</Id>
                  <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
                  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{D(Math.Abs(opening))}</Amt><CdtDbtInd>{(opening >= 0 ? "CRDT" : "DBIT")}</CdtDbtInd><Dt><Dt>{day:yyyy-MM-dd}</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{D(Math.Abs(closing))}</Amt><CdtDbtInd>{(closing >= 0 ? "CRDT" : "DBIT")}</CdtDbtInd><Dt><Dt>{day:yyyy-MM-dd}</Dt></Dt></Bal>
            {entries}    </Stmt>
              </BkToCstmrStmt>
            </Document>
            """);
    }
}
