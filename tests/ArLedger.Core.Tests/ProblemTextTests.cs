using System.Globalization;

namespace ArLedger.Core.Tests;

/// <summary>A problem written as an interpolated string keeps its text and values apart for the pages to translate,
/// and reads as before for the API.</summary>
public sealed class ProblemTextTests
{
    [Fact]
    public void An_interpolated_message_keeps_its_text_with_numbered_holes_and_its_values()
    {
        var open = 1_000m;
        var date = new DateOnly(2026, 1, 31);

        var problem = Problem.Refused("Amount", $"{1_234.5m} is over the open amount {open} of {"FA-000001"} on {date:yyyy-MM-dd}.");

        Assert.Equal("{0} is over the open amount {1} of {2} on {3:yyyy-MM-dd}.", problem.Text);
        Assert.Equal(new object?[] { 1_234.5m, open, "FA-000001", date }, problem.Values);
    }

    [Fact]
    public void The_message_reads_as_an_ordinary_interpolated_string_in_the_current_culture_and_sits_at_its_field()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var amount = 12.5m;
            var problem = Problem.Invalid("Amount", $"{amount} is too much.");

            Assert.Equal("12,5 is too much.", problem.Message);
            Assert.Equal(new[] { "12,5 is too much." }, problem.Errors!["Amount"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Braces_written_in_the_message_stay_braces_and_a_plain_message_is_its_own_text()
    {
        var level = 2;

        var withBraces = Problem.Refused($"Level {level} must show {{invoice_table}}.");
        var plain = Problem.Refused("Put {invoice_table} on a line of its own.");

        Assert.Equal("Level {0} must show {{invoice_table}}.", withBraces.Text);
        Assert.Equal("Level 2 must show {invoice_table}.", withBraces.Message);
        Assert.Equal("Put {invoice_table} on a line of its own.", plain.Text);
        Assert.Empty(plain.Values);
    }
}
