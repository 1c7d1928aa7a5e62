using ArLedger.Documents;
using ArLedger.Testing;

namespace ArLedger.Core.Tests.Documents;

public sealed class PdfLayoutTests
{
    [Fact]
    public async Task A_three_page_statement_keeps_its_French_text_repeats_the_table_header_and_numbers_its_pages()
    {
        var dir = Artifacts.Directory();
        var logo = Path.Combine(dir, "sample-logo.png");
        await File.WriteAllBytesAsync(logo, TinyPng.Logo());
        var pdf = SampleDocuments.Renderer().Render(SampleDocuments.Statement(rows: 90, logo));
        var path = Path.Combine(dir, "sample-statement.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        Assert.Equal(3, await PdfTools.PageCountAsync(path));
        var all = await PdfTools.TextAsync(path);
        foreach (var word in new[] { "relevé", "échéance", "créance", "reçu", "€", "œuvre", "« cœur »", "Établissements Dupré", "N° TVA FR40 552100554" })
            Assert.Contains(word, all, StringComparison.Ordinal);

        var page2 = await PdfTools.TextAsync(path, page: 2);
        Assert.Contains("Page 2 / 3", page2, StringComparison.Ordinal);
        Assert.Contains("Échéance", page2, StringComparison.Ordinal); // the repeated header row
        Assert.Contains("Libellé", page2, StringComparison.Ordinal);
        Assert.Contains("Relevé de compte — septembre 2026", page2, StringComparison.Ordinal); // continuation header
        Assert.Contains("Page 3 / 3", await PdfTools.TextAsync(path, page: 3), StringComparison.Ordinal);

        // Every row is printed once: none lost or doubled at a page break.
        for (var i = 1; i <= 90; i++)
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(all, $"FA-2026-{i:D5}"));

        var png = await PdfTools.PageToPngAsync(path, page: 1);
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void Amounts_are_printed_in_the_customers_language()
    {
        Assert.Equal("1\u202F234,50\u00A0€", Amounts.Format(1234.5m, "EUR", "fr"));
        Assert.Equal("-€1,234.50", Amounts.Format(-1234.5m, "EUR", "en"));
        Assert.Equal("CHF\u00A010.00", Amounts.Format(10m, "CHF", "en"));
    }

    [Fact]
    public void A_document_without_a_logo_file_still_renders()
    {
        var pdf = SampleDocuments.Renderer().Render(SampleDocuments.Statement(rows: 3, "/nonexistent/logo.png"));
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
    }

    [Fact]
    public async Task Documents_rendered_on_several_threads_at_once_are_all_whole()
    {
        var renderer = SampleDocuments.Renderer();
        var pdfs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => renderer.Render(SampleDocuments.Statement(rows: 60)))));

        var dir = Artifacts.Directory("parallel");
        for (var i = 0; i < pdfs.Length; i++)
        {
            var path = Path.Combine(dir, $"statement-{i}.pdf");
            await File.WriteAllBytesAsync(path, pdfs[i]);
            Assert.Equal(2, await PdfTools.PageCountAsync(path));
            Assert.Contains("FA-2026-00060", await PdfTools.TextAsync(path), StringComparison.Ordinal);
        }
    }
}
