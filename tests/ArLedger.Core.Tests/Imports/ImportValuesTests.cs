using ArLedger.Imports;

namespace ArLedger.Core.Tests.Imports;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("1234.56", "1234.56")]
    [InlineData("1234,56", "1234.56")]
    [InlineData("1 234,56", "1234.56")]
    [InlineData("1\u00A0234,56", "1234.56")]
    [InlineData("1\u202F234,56", "1234.56")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("1 234,56 €", "1234.56")]
    [InlineData("-12,5", "-12.50")]
    [InlineData("1000", "1000.00")]
    public void Amounts_read_in_French_and_English_writing_to_the_same_value_with_cents(string text, string expected)
    {
        Assert.True(ImportValues.TryMoney(text, out var amount));
        Assert.Equal(expected, amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("12,3,4")]
    [InlineData("1.234.567")]
    [InlineData("12.345")]
    [InlineData("1,2345.6")]
    [InlineData("abc")]
    [InlineData("12 kg")]
    [InlineData("1,234")]
    public void Amounts_that_could_be_read_two_ways_or_have_more_than_cents_are_refused(string text) =>
        Assert.False(ImportValues.TryMoney(text, out _));

    [Theory]
    [InlineData("31/01/2026")]
    [InlineData("2026-01-31")]
    [InlineData("31.01.2026")]
    [InlineData("31/01/2026 00:00")]
    [InlineData("31/01/2026 00:00:00")]
    public void Dates_read_day_first_or_ISO(string text)
    {
        Assert.True(ImportValues.TryDate(text, out var date));
        Assert.Equal(new DateOnly(2026, 1, 31), date);
    }

    [Theory]
    [InlineData("01/31/2026")]
    [InlineData("31/01/26")]
    [InlineData("janvier 2026")]
    [InlineData("31/01/2026 14:30")]
    public void Dates_in_month_first_order_two_digit_years_or_words_are_refused(string text) =>
        Assert.False(ImportValues.TryDate(text, out _));

    [Theory]
    [InlineData("Montant HT", "montant_ht")]
    [InlineData(" Date d'échéance ", "date_d_echeance")]
    [InlineData("EXTERNAL_ID", "external_id")]
    public void Headers_compare_without_case_accents_or_spacing(string header, string expected) =>
        Assert.Equal(expected, ImportValues.Normalize(header));
}
