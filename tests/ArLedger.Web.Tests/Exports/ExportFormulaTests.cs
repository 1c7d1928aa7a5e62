using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using ArLedger.Identity;
using ArLedger.Imports;
using ArLedger.Testing;

namespace ArLedger.Web.Tests.Exports;

/// <summary>
/// A customer name that a spreadsheet would run as a formula, entered through the customer form, comes out of every
/// export as text: CSV cells start with an apostrophe, XLSX cells are text cells holding the name as written.
/// </summary>
public sealed class ExportFormulaTests(ArLedgerAppFactory app) : IClassFixture<ArLedgerAppFactory>
{
    const string Formula = "=HYPERLINK(\"http://attacker.example/\",\"Cliquez ici\")";

    [Theory]
    [InlineData("/Customers?handler=Csv")]
    [InlineData("/Aging?handler=Csv")]
    public async Task A_csv_export_prefixes_a_cell_starting_with_a_formula_with_an_apostrophe(string export)
    {
        var (client, account) = await FormulaCustomerAsync();

        var bytes = await client.GetByteArrayAsync($"{export}&q={account}");

        var table = CsvReader.Read(CsvText.Decode(bytes).Text);
        var row = Assert.Single(table.Records, r => r.Fields[0] == account);
        Assert.Equal("'" + Formula, row.Fields[1]);
        // Amounts are numbers, not text: the invoice's 1 200,00 keeps its form in the French file.
        Assert.Contains("1200,00", row.Fields);
    }

    [Theory]
    [InlineData("/Customers?handler=Xlsx")]
    [InlineData("/Aging?handler=Xlsx")]
    public async Task An_xlsx_export_writes_a_cell_starting_with_a_formula_as_a_text_cell(string export)
    {
        var (client, account) = await FormulaCustomerAsync();

        var response = await client.GetAsync($"{export}&q={account}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var cells = Assert.Single(SheetRows(await response.Content.ReadAsByteArrayAsync()), r => CellText(r[0]) == account);
        Assert.Equal("inlineStr", (string?)cells[1].Attribute("t"));
        Assert.Empty(cells[1].Descendants(Main + "f"));
        Assert.Equal(Formula, CellText(cells[1]));
        Assert.Contains(cells, c => decimal.TryParse(c.Element(Main + "v")?.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v == 1_200m);
    }

    static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A new customer named <see cref="Formula"/> with one open invoice, and a manager's client to export it.</summary>
    async Task<(HttpClient Client, string Account)> FormulaCustomerAsync()
    {
        var account = $"F{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        var manager = await app.SignedInClientAsync(Roles.Manager);
        var created = await ArLedgerAppFactory.PostFormAsync(manager, "/Customers/Create", new()
        {
            ["Input.AccountNumber"] = account,
            ["Input.Name"] = Formula,
            ["Input.Language"] = "fr",
            ["Input.PaymentTerms"] = "NET30",
            ["Input.Currency"] = "EUR",
            ["Input.Country"] = "FR",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await new Book(app.Database, app.Clock).InvoiceAsync(account, 1_200m, app.Clock.Today.AddDays(-45));
        return (manager, account);
    }

    /// <summary>The rows of the workbook's one sheet, each as its cells, read from the sheet's XML inside the package.</summary>
    static List<List<XElement>> SheetRows(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var sheet = Assert.Single(zip.Entries, e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var stream = sheet.Open();
        return [.. XDocument.Load(stream).Descendants(Main + "row").Select(r => r.Elements(Main + "c").ToList())];
    }

    static string CellText(XElement cell) => string.Concat(cell.Descendants(Main + "t").Select(t => t.Value));
}
