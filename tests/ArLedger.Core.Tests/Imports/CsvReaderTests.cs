using System.Text;
using ArLedger.Imports;

namespace ArLedger.Core.Tests.Imports;

public sealed class CsvReaderTests
{
    [Fact]
    public void Quoted_fields_keep_their_delimiters_doubled_quotes_and_line_breaks_and_rows_are_numbered_as_a_spreadsheet_does()
    {
        var table = CsvReader.Read("a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";\"two\r\nlines\"\r\nlast;row;here");

        Assert.Equal(';', table.Delimiter);
        Assert.Null(table.UnclosedQuoteRow);
        Assert.Equal([1, 2, 3], table.Records.Select(r => r.Row));
        Assert.Equal(["x;y", "say \"hi\"", "two\r\nlines"], table.Records[1].Fields);
        Assert.Equal(["last", "row", "here"], table.Records[2].Fields);
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3", ',')]
    [InlineData("a;b;c\n1,5;2;3", ';')]
    [InlineData("a\tb\n1\t2", '\t')]
    [InlineData("\"a;b\",c,d\n1,2,3", ',')]
    [InlineData("alone\n1", ',')]
    public void The_delimiter_is_the_one_the_header_line_uses_most_outside_quotes(string text, char expected) =>
        Assert.Equal(expected, CsvReader.Read(text).Delimiter);

    [Fact]
    public void An_Excel_sep_line_names_the_delimiter_and_is_not_a_row()
    {
        var table = CsvReader.Read("sep=;\r\nnom,ville;pays\r\nA,B;FR\r\n");

        Assert.Equal(';', table.Delimiter);
        Assert.Equal([new[] { "nom,ville", "pays" }, ["A,B", "FR"]], table.Records.Select(r => r.Fields.ToArray()));
        Assert.Equal([1, 2], table.Records.Select(r => r.Row));
    }

    [Fact]
    public void A_final_line_break_does_not_make_an_empty_record_and_LF_or_CR_alone_end_lines()
    {
        Assert.Equal(2, CsvReader.Read("a,b\n1,2\n").Records.Count);
        Assert.Equal(3, CsvReader.Read("a,b\r1,2\r3,4").Records.Count);
    }

    [Fact]
    public void A_quote_left_open_names_the_row_where_it_opened()
    {
        var table = CsvReader.Read("a,b\n1,2\n3,\"never closed\n4,5\n");

        Assert.Equal(3, table.UnclosedQuoteRow);
    }

    [Fact]
    public void A_stray_quote_inside_an_unquoted_value_is_kept_as_written()
    {
        var table = CsvReader.Read("a,b\n12\" pipe,2");

        Assert.Equal(["12\" pipe", "2"], table.Records[1].Fields);
    }

    [Fact]
    public void UTF8_with_or_without_a_byte_order_mark_and_Windows_1252_read_to_the_same_text()
    {
        const string text = "nom;ville\nCafé Crème;Orléans";
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

        var withBom = CsvText.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var withoutBom = CsvText.Decode(Encoding.UTF8.GetBytes(text));
        var windows = CsvText.Decode(cp1252.GetBytes(text));

        Assert.Equal((text, "UTF-8"), withBom);
        Assert.Equal((text, "UTF-8"), withoutBom);
        Assert.Equal((text, "Windows-1252"), windows);
    }
}
