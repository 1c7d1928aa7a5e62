using System.Text;
using ArLedger.Bank;

namespace ArLedger.Core.Tests.Bank;

/// <summary>
/// MT940 statements written here in the layouts of the banks' files that public projects test with: wolph/mt940
/// (mt940_tests/cmxl/mt940.sta: three statements, a :28: without C, movements without a booking date, funds codes
/// after the mark, "RC" reversals; mt940_tests/betterplace/sepa_mt9401.sta: German SEPA :86: subfields broken over
/// lines anywhere, negative balances; mt940_tests/ASNB/mt940.txt: statements wrapped in SWIFT blocks, plain :86: text
/// over several lines, supplementary details under :61:).
/// </summary>
public sealed class Mt940ReaderTests
{
    const string Statements = """
        :20:STMT-2401
        :25:30003/00012345678
        :28C:00017/001
        :60F:C240112EUR1000,00
        :61:2401130113CR1320,10NTRFNONREF//BK-77001
        :86:166?00VIREMENT SEPA RECU?20EREF+E2E-0018937?21SVWZ+F230866 F2307
        65 F238765?30CMCIFRPP?31FR7630006000011234567890189?32DURANCIA MONTG
        ?33ENEVRE
        :61:240115D47,29NDDTMANDATE-42//BK-77002
        :86:105?00PRELEVEMENT SEPA?20EREF+NOTPROVIDED?21SVWZ+EDF FACTURE 88?32
        EDF
        :61:240115D47,29NDDTMANDATE-42//BK-77003
        :86:105?00PRELEVEMENT SEPA?20SVWZ+EDF FACTURE 88?32EDF
        :62F:C240115EUR2225,52
        -
        :20:STMT-2402
        :25:30003/00098765432
        :28:3/1
        :60F:D240112EUR150,00
        :61:240114RCR20,00NRTINONREF
        :86:RETOUR PRELEVEMENT
        :62M:D240114EUR170,00
        -
        """;

    static IReadOnlyList<FileStatement> Read(string text) => Mt940Reader.Read(text);

    [Fact]
    public void Reads_balances_signed_amounts_dates_and_the_german_subfields_of_several_statements()
    {
        var statements = Read(Statements);

        Assert.Equal(2, statements.Count);
        var first = statements[0];
        Assert.Equal(new AccountIdentity(Other: "30003/00012345678"), first.Account);
        Assert.Equal(("EUR", "STMT-2401/00017/001"), (first.Currency, first.StatementId));
        Assert.Equal((new DateOnly(2024, 1, 12), new DateOnly(2024, 1, 15)), (first.From, first.To));
        Assert.Equal((1000.00m, 2225.52m), (first.Opening, first.Closing));
        Assert.Equal(3, first.Lines.Count);
        Assert.Equal((1320.10m, 94.58m, 0m), (first.Credits, first.Debits, first.Difference));

        var credit = first.Lines[0];
        Assert.Equal((new DateOnly(2024, 1, 13), new DateOnly(2024, 1, 13), 1320.10m), (credit.BookingDate, credit.ValueDate, credit.Amount));
        Assert.Equal("VIREMENT SEPA RECU", credit.Label);
        // The SVWZ+ text is read across the line break that falls inside "F230765".
        Assert.Equal(["F230866 F230765 F238765"], credit.Remittance);
        Assert.Equal(("DURANCIA MONTGENEVRE", "FR7630006000011234567890189", "E2E-0018937"), (credit.CounterpartyName, credit.CounterpartyIban, credit.EndToEndId));
        Assert.Equal(("NTRF", "BK-77001", false), (credit.OperationCode, credit.BankReference, credit.IsReversal));
        Assert.Equal("line 5", credit.Where);

        var debit = first.Lines[1];
        Assert.Equal((-47.29m, new DateOnly(2024, 1, 15)), (debit.Amount, debit.BookingDate));
        Assert.Equal(["MANDATE-42", "EDF FACTURE 88"], debit.Remittance);
        Assert.Null(debit.EndToEndId);
        Assert.Equal("EDF", debit.CounterpartyName);

        var second = statements[1];
        Assert.Equal(("STMT-2402/3/1", -150.00m, -170.00m, 0m), (second.StatementId, second.Opening, second.Closing, second.Difference));
        var reversal = Assert.Single(second.Lines);
        Assert.Equal((-20.00m, true, "NRTI"), (reversal.Amount, reversal.IsReversal, reversal.OperationCode));
        Assert.Equal(["RETOUR PRELEVEMENT"], reversal.Remittance);
    }

    [Fact]
    public void Swift_blocks_an_iban_account_plain_text_over_lines_and_supplementary_details_are_read()
    {
        const string text = "{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:\r\n"
            + ":20:0000000000\r\n:25:NL91ABNA0417164300\r\n:28C:1/1\r\n:60F:C200101EUR444,29\r\n"
            + ":61:2001010101D65,00NOVBNL47INGB9999999999\r\nhr gjlm paulissen\r\n:86:NL47INGB9999999999 hr gjlm paulissen\r\n\r\nBetaling F2024-118\r\n\r\n"
            + ":61:2001020102RD12,5NTRFNONREF\r\n:86:/EREF/E2E-9//NAME/ACME BV/REMI/F2024-120 F2024-121/IBAN/NL91ABNA0417164300/RTRN/MD06/\r\n"
            + ":62F:C200102EUR391,79\r\n-}{5:}\r\n"
            + "{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:\r\n"
            + ":20:0000000000\r\n:25:NL91ABNA0417164300\r\n:28C:2/1\r\n:60F:C200102EUR391,79\r\n:62F:C200103EUR391,79\r\n-}{5:}\r\n";

        var statements = BankFiles.Read(Encoding.UTF8.GetBytes(text));

        Assert.Equal(2, statements.Count);
        Assert.Equal(new AccountIdentity(Iban: "NL91ABNA0417164300"), statements[0].Account);
        Assert.Equal((0m, "0000000000/2/1"), (statements[1].Lines.Sum(l => l.Amount), statements[1].StatementId));
        var (paid, returned) = (statements[0].Lines[0], statements[0].Lines[1]);
        Assert.Equal((-65.00m, "hr gjlm paulissen"), (paid.Amount, paid.Label));
        Assert.Equal(["NL47INGB9999999999", "NL47INGB9999999999 hr gjlm paulissen Betaling F2024-118"], paid.Remittance);
        Assert.Equal((12.50m, true), (returned.Amount, returned.IsReversal));
        Assert.Equal(("E2E-9", "ACME BV", "NL91ABNA0417164300", "MD06"), (returned.EndToEndId, returned.CounterpartyName, returned.CounterpartyIban, returned.ReturnReason));
        Assert.Equal(["F2024-120 F2024-121"], returned.Remittance);
        Assert.Equal(0m, statements[0].Difference);
    }

    [Fact]
    public void A_movement_booked_in_january_with_a_december_value_date_takes_the_next_year()
    {
        var statements = Read(":20:X\n:25:DE89370400440532013000\n:60F:C231229EUR0,\n:61:2312310102C10,NTRFNONREF\n:62F:C240102EUR10,\n");

        var line = Assert.Single(statements[0].Lines);
        Assert.Equal((new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 2)), (line.ValueDate, line.BookingDate));
        Assert.Equal(new AccountIdentity(Iban: "DE89370400440532013000"), statements[0].Account);
    }

    [Fact]
    public void A_statement_that_does_not_balance_is_read_with_its_difference()
    {
        var statements = Read(Statements.Replace(":62F:C240115EUR2225,52", ":62F:C240115EUR974,50", StringComparison.Ordinal));

        Assert.Equal(1251.02m, statements[0].Difference);
    }

    [Theory]
    [InlineData(":61:2401130113CR1320,10NTRF", ":61:2401130113XR1320,10NTRF", "line 5", ":61: mark")]
    [InlineData(":61:240115D47,29NDDTMANDATE-42//BK-77002", ":61:240115D47.29NDDTMANDATE-42//BK-77002", "line 9", ":61: amount")]
    [InlineData(":60F:C240112EUR1000,00", ":60F:C241312EUR1000,00", "line 4", ":60F: date")]
    [InlineData(":62F:C240115EUR2225,52", ":62F:C240115USD2225,52", "line 14", ":62F: currency")]
    [InlineData(":28:3/1", ":99:3/1", "line 18", ":99:")]
    public void A_bad_field_is_named_with_its_line(string from, string to, string where, string field)
    {
        var e = Assert.Throws<BankFileException>(() => Read(Statements.Replace(from, to, StringComparison.Ordinal)));

        Assert.Equal((where, field), (e.Where, e.Field));
    }

    [Fact]
    public void A_file_cut_before_the_closing_balance_is_refused()
    {
        var cut = Statements[..Statements.IndexOf(":62M:", StringComparison.Ordinal)];

        var e = Assert.Throws<BankFileException>(() => Read(cut));

        Assert.Equal(":62F:", e.Field);
    }

    [Fact]
    public void The_format_is_told_from_the_content()
    {
        Assert.Equal(BankFileFormat.Mt940, BankFiles.FormatOf(Encoding.UTF8.GetBytes(Statements)));
        Assert.Null(BankFiles.Recognise(Encoding.UTF8.GetBytes("Date;Libellé;Montant\n13/01/2024;VIR;12,00\n")));
    }
}
