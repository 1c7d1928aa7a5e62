using ArLedger.Bank;

namespace ArLedger.Core.Tests.Bank;

/// <summary>
/// Online-banking CSV exports in the two layouts French banks use: one signed amount column with a running balance,
/// and separate debit and credit columns (both with decimal commas, dd/MM/yyyy dates and a semicolon).
/// </summary>
public sealed class CsvStatementReaderTests
{
    static readonly CsvMapping Signed = new("Date opération", "Libellé", AmountColumn: "Montant", ValueDateColumn: "Date valeur",
        ReferenceColumn: "Référence", BalanceColumn: "Solde");

    static readonly CsvMapping DebitCredit = new("Date", "Libellé", DebitColumn: "Débit", CreditColumn: "Crédit");

    const string SignedFile = """
        Date opération;Date valeur;Libellé;Référence;Montant;Solde
        13/01/2024;14/01/2024;"VIR SEPA DURANCIA; MONTGENEVRE";F230866 F230765;1 320,10;2 320,10
        15/01/2024;15/01/2024;PRLV SEPA EDF;;-47,29;2 272,81

        15/01/2024;15/01/2024;PRLV SEPA EDF;;-47,29;2 225,52
        """;

    [Fact]
    public void A_signed_amount_column_with_a_running_balance_gives_the_opening_and_closing()
    {
        var statement = CsvStatementReader.Read(SignedFile, Signed, "EUR");

        Assert.Equal(("EUR", new DateOnly(2024, 1, 13), new DateOnly(2024, 1, 15)), (statement.Currency, statement.From, statement.To));
        Assert.Equal((1000.00m, 2225.52m, 0m), (statement.Opening, statement.Closing, statement.Difference));
        Assert.Equal(3, statement.Lines.Count);
        var credit = statement.Lines[0];
        Assert.Equal((1320.10m, new DateOnly(2024, 1, 13), new DateOnly(2024, 1, 14)), (credit.Amount, credit.BookingDate, credit.ValueDate));
        Assert.Equal("VIR SEPA DURANCIA; MONTGENEVRE", credit.Label);
        Assert.Equal(["VIR SEPA DURANCIA; MONTGENEVRE", "F230866 F230765"], credit.Remittance);
        Assert.Equal(("row 3", -47.29m), (statement.Lines[1].Where, statement.Lines[1].Amount));
        // The blank line is skipped, and the rows keep the numbers a spreadsheet shows.
        Assert.Equal("row 5", statement.Lines[2].Where);
        Assert.Equal(new AccountIdentity(), statement.Account);
    }

    [Fact]
    public void Debit_and_credit_columns_without_a_balance_open_at_zero_and_close_at_the_movements()
    {
        const string file = "Date,Libellé,Débit,Crédit\n02/03/2025,VIR CLIENT F-1001,,\"1.250,00\"\n03/03/2025,FRAIS TENUE DE COMPTE,\"12,50\",\n";

        var statement = CsvStatementReader.Read(file, DebitCredit, "EUR");

        Assert.Equal([1250.00m, -12.50m], statement.Lines.Select(l => l.Amount));
        Assert.Equal((0m, 1237.50m, 0m), (statement.Opening, statement.Closing, statement.Difference));
    }

    [Fact]
    public void A_point_decimal_layout_reads_thousands_separators()
    {
        var mapping = Signed with { DateFormat = "yyyy-MM-dd", DecimalComma = false, BalanceColumn = null, ValueDateColumn = null };

        var statement = CsvStatementReader.Read("Date opération,Libellé,Référence,Montant\n2025-03-02,VIR,,\"1,250.00\"\n", mapping, "EUR");

        Assert.Equal(1250.00m, Assert.Single(statement.Lines).Amount);
    }

    [Theory]
    [InlineData("1 320,10", "1 32O,10", "row 2", "Montant")]
    [InlineData("13/01/2024;14/01", "2024-01-13;14/01", "row 2", "Date opération")]
    [InlineData("-47,29;2 272,81", "-47.29;2 272,81", "row 3", "Montant")]
    [InlineData("PRLV SEPA EDF;;-47,29;2 272,81", ";;-47,29;2 272,81", "row 3", "Libellé")]
    [InlineData("Référence;Montant", "Référence;Amount", "row 1", "Montant")]
    public void A_bad_row_is_named_with_its_column(string from, string to, string where, string field)
    {
        var e = Assert.Throws<BankFileException>(() => CsvStatementReader.Read(SignedFile.Replace(from, to, StringComparison.Ordinal), Signed, "EUR"));

        Assert.Equal((where, field), (e.Where, e.Field));
    }

    [Fact]
    public void A_row_with_both_a_debit_and_a_credit_is_refused()
    {
        var e = Assert.Throws<BankFileException>(() => CsvStatementReader.Read("Date;Libellé;Débit;Crédit\n02/03/2025;X;1,00;2,00\n", DebitCredit, "EUR"));

        Assert.Equal(("row 2", "Crédit"), (e.Where, e.Field));
    }

    [Theory]
    [InlineData("", "Libellé", "Montant", null, null, "dd/MM/yyyy")]
    [InlineData("Date", "Libellé", null, null, null, "dd/MM/yyyy")]
    [InlineData("Date", "Libellé", "Montant", "Débit", null, "dd/MM/yyyy")]
    [InlineData("Date", "Libellé", null, "Débit", null, "dd/MM/yyyy")]
    [InlineData("Date", "Libellé", "Montant", null, null, "qq")]
    public void A_mapping_that_cannot_read_a_file_says_why(string date, string label, string? amount, string? debit, string? credit, string format)
    {
        Assert.NotNull(new CsvMapping(date, label, amount, debit, credit, DateFormat: format).Fault());
    }
}
