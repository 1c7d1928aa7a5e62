using System.Text;
using ArLedger.Bank;

namespace ArLedger.Core.Tests.Bank;

/// <summary>
/// CFONB 120 statements written here in the layout of the banks' files that public projects test with:
/// OCA/l10n-france (account_statement_import_fr_cfonb/tests/samples/cfonb_classic.cfo and cfonb_no_carriage_return.cfo:
/// records back to back, several 05 details per movement, "F230866 F230765 F238765" in a LIB), pennylane-hq/cfonb
/// (spec/files/example.txt: blank lines between records, unknown qualifiers, a reference at positions 105-120) and
/// silarhi/cfonb-parser (tests/fixtures/complex-test.txt: several statements and accounts in one file).
/// </summary>
public sealed class CfonbReaderTests
{
    /// <summary>Two accounts; the first statement has a credit with five details and two identical direct debits.</summary>
    static readonly string[] Records =
    [
        "0130003    01234EUR2 00012345678  120124                                         0000000  0000000010000{                ",
        "0430003000501234EUR2 0001234567805130124  130124VIR SEPA DURANCIA MONTGENEVRE    0000000  0000000013201{FAC-REF-77      ",
        "0530003000501234EUR2 0001234567805130124     LIBF230866 F230765 F238765                                                 ",
        "0530003000501234EUR2 0001234567805130124     NPYDURANCIA MONTGENEVRE                                                    ",
        "0530003000501234EUR2 0001234567805130124     IPYFR7630006000011234567890189                                             ",
        "0530003000501234EUR2 0001234567805130124     RCNE2E-0018937                                                             ",
        "0530003000501234EUR2 0001234567805130124     XYZKEPT AS IT IS                                                           ",
        "0430003012001234EUR2 0001234567801130124  150124PRLV SEPA EDF                    0000000  0000000000472R                ",
        "0530003012001234EUR2 0001234567801130124     RUMMANDATE-42                                                              ",
        "0430003012001234EUR2 0001234567801130124  150124PRLV SEPA EDF                    0000000  0000000000472R                ",
        "0730003    01234EUR2 00012345678  130124                                         0000000  0000000022255B                ",
        "0130003    01234EUR2 00098765432  120124                                         0000000  0000000001500}                ",
        "0430003000501234EUR2 0009876543205140124  140124VIR SOCIÉTÉ GÉNÉRALE             0000000  0000000002000E                ",
        "0530003000501234EUR2 0009876543205140124     NPYSOCIÉTÉ GÉNÉRALE D'ÉLEVAGE                                              ",
        "0730003    01234EUR2 00098765432  140124                                         0000000  0000000000500E                ",
    ];

    static IReadOnlyList<FileStatement> Read(string text) => CfonbReader.Read(text);

    [Fact]
    public void Reads_balances_signed_amounts_dates_details_and_several_accounts()
    {
        var statements = Read(string.Join("\n", Records) + "\n");

        Assert.Equal(2, statements.Count);
        var first = statements[0];
        Assert.Equal(new AccountIdentity(BankCode: "30003", BranchCode: "01234", AccountNumber: "00012345678"), first.Account);
        Assert.Equal("EUR", first.Currency);
        Assert.Equal((new DateOnly(2024, 1, 12), new DateOnly(2024, 1, 13)), (first.From, first.To));
        Assert.Equal((1000.00m, 2225.52m), (first.Opening, first.Closing));
        Assert.Equal(3, first.Lines.Count);
        Assert.Equal((1320.10m, 94.58m, 0m), (first.Credits, first.Debits, first.Difference));

        var credit = first.Lines[0];
        Assert.Equal((new DateOnly(2024, 1, 13), new DateOnly(2024, 1, 13), 1320.10m), (credit.BookingDate, credit.ValueDate, credit.Amount));
        Assert.Equal("VIR SEPA DURANCIA MONTGENEVRE", credit.Label);
        Assert.Equal(["FAC-REF-77", "F230866 F230765 F238765", "E2E-0018937"], credit.Remittance);
        Assert.Equal(("DURANCIA MONTGENEVRE", "FR7630006000011234567890189", "E2E-0018937"), (credit.CounterpartyName, credit.CounterpartyIban, credit.EndToEndId));
        Assert.Equal("05", credit.OperationCode);
        Assert.Contains(new LineDetail("XYZ", "KEPT AS IT IS"), credit.Details);
        Assert.Equal(5, credit.Details.Count);

        var debit = first.Lines[1];
        Assert.Equal((new DateOnly(2024, 1, 13), new DateOnly(2024, 1, 15), -47.29m), (debit.BookingDate, debit.ValueDate, debit.Amount));
        Assert.Equal([new LineDetail("RUM", "MANDATE-42")], debit.Details);
        Assert.Equal(-47.29m, first.Lines[2].Amount);

        var second = statements[1];
        Assert.Equal("00098765432", second.Account.AccountNumber);
        Assert.Equal((-150.00m, 50.05m, 200.05m, 0m), (second.Opening, second.Closing, second.Lines.Single().Amount, second.Difference));
    }

    public static TheoryData<string, string> Layouts => new()
    {
        { "CRLF", string.Join("\r\n", Records) + "\r\n" },
        { "blank lines", "\n" + string.Join("\n\n", Records) + "\n\n\n" },
        { "no line breaks", string.Concat(Records) },
        { "trailing spaces trimmed", string.Join("\r\n", Records.Select(r => r.TrimEnd())) },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_layout_of_the_records_reads_the_same(string layout, string text)
    {
        var expected = Read(string.Join("\n", Records));
        var read = Read(text);

        Assert.True(read.Count == 2, layout);
        Assert.Equal(expected.SelectMany(s => s.Lines).Select(l => (l.Amount, l.Label, l.Details.Count)),
            read.SelectMany(s => s.Lines).Select(l => (l.Amount, l.Label, l.Details.Count)));
        Assert.Equal(expected.Select(s => (s.Opening, s.Closing)), read.Select(s => (s.Opening, s.Closing)));
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("ISO-8859-1")]
    public void Latin_1_and_UTF_8_files_read_the_same_accents(string encoding)
    {
        var bytes = Encoding.GetEncoding(encoding).GetBytes(string.Join("\r\n", Records));

        var statements = BankFiles.Read(bytes);

        var line = statements[1].Lines.Single();
        Assert.Equal("VIR SOCIÉTÉ GÉNÉRALE", line.Label);
        Assert.Equal("SOCIÉTÉ GÉNÉRALE D'ÉLEVAGE", line.CounterpartyName);
    }

    [Theory]
    [InlineData("0000000012345{", "2", 1234.50)]
    [InlineData("0000000012345A", "2", 1234.51)]
    [InlineData("0000000012345I", "2", 1234.59)]
    [InlineData("0000000012345}", "2", -1234.50)]
    [InlineData("0000000012345J", "2", -1234.51)]
    [InlineData("0000000012345R", "2", -1234.59)]
    [InlineData("0000000012345{", "0", 123450)]
    [InlineData("0000000012345C", "3", 123.453)]
    public void The_last_character_carries_the_sign_and_the_last_digit_and_the_decimals_field_places_the_point(string amount, string decimals, decimal expected)
    {
        var record = "0130003    01234EUR" + decimals + " 00012345678  120124" + new string(' ', 50) + amount + new string(' ', 16);

        Assert.Equal(expected, CfonbReader.Amount(record, "record 1"));
    }

    [Fact]
    public void A_statement_that_does_not_balance_is_read_with_its_difference()
    {
        var records = Records.ToArray();
        // The new balance says 2,225.52 + 1,251.02.
        records[10] = records[10].Replace("0000000022255B", "0000000034765D", StringComparison.Ordinal);

        var statement = Read(string.Join("\n", records))[0];

        Assert.Equal(3476.54m, statement.Closing);
        Assert.Equal(-1251.02m, statement.Difference);
    }

    [Theory]
    [InlineData(7, "0000000000472R", "00000000004X2R", "record 8", "amount")]
    [InlineData(7, "130124  150124", "130124  153224", "record 8", "value date")]
    [InlineData(3, "0530003", "0930003", "record 4", "record code")]
    [InlineData(14, "0730003    01234EUR2 00098765432", "0730003    01234EUR2 00098765499", "record 15", "account")]
    public void A_bad_record_is_named_with_its_field(int index, string from, string to, string where, string field)
    {
        var records = Records.ToArray();
        records[index] = records[index].Replace(from, to, StringComparison.Ordinal);

        var e = Assert.Throws<BankFileException>(() => Read(string.Join("\n", records)));

        Assert.Equal((where, field), (e.Where, e.Field));
    }

    [Fact]
    public void A_file_cut_before_the_new_balance_is_refused()
    {
        var e = Assert.Throws<BankFileException>(() => Read(string.Join("\n", Records[..^1])));

        Assert.Equal(("record 14", "record code"), (e.Where, e.Field));
    }
}
