using ArLedger.Imports;
using ArLedger.Testing;
using Microsoft.EntityFrameworkCore;
using static ArLedger.Core.Tests.Imports.ImportScenario;

namespace ArLedger.Core.Tests.Imports;

/// <summary>All or nothing, once only: the rules of a CSV import.</summary>
public sealed class ImportTests : IClassFixture<TestDatabase>
{
    readonly Book book;
    readonly ImportScenario imports;

    public ImportTests(TestDatabase db)
    {
        book = new Book(db);
        imports = new ImportScenario(db, book);
    }

    /// <summary>A prefix of its own for each test, as the tests of a class share one database.</summary>
    static string Unique() => "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    static string Customers(string p, int count) =>
        "external_id,account_number,name,city\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"{p}-X{i},{p}{i},Client {p} {i},Lyon\n"));

    [Fact]
    public async Task A_file_with_one_bad_row_imports_no_row_and_the_error_names_the_row_and_the_column()
    {
        var p = Unique();
        await book.CustomerAsync(p);
        // Row 1 is the header; rows 2 to 13 are good; row 14 has an amount no one can read.
        var rows = Enumerable.Range(2, 12).Select(r => $"{p}-R{r};{p};10/02/2026;100,00").Append($"{p}-R14;{p};10/02/2026;12,3,4");
        var file = Utf8("external_id;compte_client;date_reglement;montant\n" + string.Join("\n", rows));

        var preview = await InCultureAsync("fr-FR", () => imports.PreviewAsync(ImportKind.Payments, file));
        var confirmed = await imports.ConfirmAsync(preview.Id);

        var error = Assert.Single(Report(preview).Errors);
        Assert.Equal(new ImportError(14, "montant", "12,3,4", ImportProblem.NotAnAmount), error);
        Assert.Equal((13, 12, 1), (preview.RowCount, preview.CreateCount, preview.ErrorCount));
        Assert.False(confirmed.Succeeded);
        Assert.Equal(0, await imports.CountAsync(ctx => ctx.Payments.Where(x => x.ExternalId!.StartsWith(p))));
        Assert.Equal(ImportStatus.Previewed, (await Batch(preview.Id)).Status);
    }

    [Fact]
    public async Task A_clerk_cannot_import_a_credit_limit_and_the_row_says_so_at_its_column()
    {
        var p = Unique();
        var file = Utf8($"external_id,account_number,name,city,credit_limit\n{p}-X1,{p}1,Client {p},Lyon,2500000\n");

        var preview = await imports.PreviewAsync(ImportKind.Customers, file);
        var confirmed = await imports.ConfirmAsync(preview.Id);

        var error = Assert.Single(Report(preview).Errors);
        Assert.Equal((2, "credit_limit", ImportProblem.Refused, ArLedger.Customers.CreditLimits.ManagerOnly), (error.Row, error.Column, error.Problem, error.Detail));
        Assert.False(confirmed.Succeeded);
        Assert.Equal(0, await imports.CountAsync(ctx => ctx.Customers.Where(c => c.AccountNumber.StartsWith(p))));
    }

    [Fact]
    public async Task A_row_the_book_refuses_after_good_rows_leaves_the_good_rows_out_too()
    {
        var p = Unique();
        // Row 4 opens an account number that row 2 already took.
        var file = Utf8(Customers(p, 2) + $"{p}-X3,{p}1,Someone else,Paris\n");

        var preview = await imports.PreviewAsync(ImportKind.Customers, file);
        var confirmed = await imports.ConfirmAsync(preview.Id);

        Assert.Equal(new ImportError(4, "account_number", $"{p}1", ImportProblem.AccountNumberTaken), Assert.Single(Report(preview).Errors));
        Assert.False(confirmed.Succeeded);
        Assert.Equal(0, await imports.CountAsync(ctx => ctx.Customers.Where(c => c.AccountNumber.StartsWith(p))));
        Assert.Equal(0, await imports.CountAsync(ctx => ctx.ExternalRequests.Where(r => r.ExternalId.StartsWith(p))));
        Assert.Equal(1, (await Batch(preview.Id)).ErrorCount);
    }

    [Fact]
    public async Task A_preview_leaves_the_book_as_it_was()
    {
        var p = Unique();
        var audits = await imports.CountAsync(ctx => ctx.AuditEvents);

        var preview = await imports.PreviewAsync(ImportKind.Customers, Utf8(Customers(p, 3)));

        Assert.Equal((3, 3, 0), (preview.RowCount, preview.CreateCount, preview.ErrorCount));
        Assert.Equal([$"{p}1", $"{p}2", $"{p}3"], Report(preview).Rows.Select(r => r.Key));
        Assert.Equal(0, await imports.CountAsync(ctx => ctx.Customers.Where(c => c.AccountNumber.StartsWith(p))));
        Assert.Equal(audits, await imports.CountAsync(ctx => ctx.AuditEvents));
    }

    [Fact]
    public async Task The_same_file_imported_twice_adds_nothing_and_its_second_preview_shows_every_row_as_already_imported()
    {
        var p = Unique();
        var customers = Utf8(Customers(p, 3));
        var invoices = Utf8("external_id,invoice_number,customer_account,invoice_date,net_amount,vat_amount\n" +
            $"{p}-I1,{p}-FA1,{p}1,2026-01-15,100.00,20.00\n{p}-I2,{p}-FA2,{p}2,2026-01-16,50,10\n");
        await imports.ImportAsync(ImportKind.Customers, customers);
        await imports.ImportAsync(ImportKind.Invoices, invoices);
        var entries = await imports.CountAsync(ctx => ctx.LedgerEntries);

        var customersAgain = await imports.PreviewAsync(ImportKind.Customers, customers);
        var invoicesAgain = await imports.PreviewAsync(ImportKind.Invoices, invoices);
        var confirmed = await imports.ConfirmAsync(invoicesAgain.Id);

        Assert.Equal((0, 3, 0), (customersAgain.CreateCount, customersAgain.SkipCount, customersAgain.ErrorCount));
        Assert.Equal((0, 2, 0), (invoicesAgain.CreateCount, invoicesAgain.SkipCount, invoicesAgain.ErrorCount));
        Assert.All(Report(customersAgain).Rows.Concat(Report(invoicesAgain).Rows), r => Assert.Equal(ImportRowStatus.Skip, r.Status));
        Assert.True(confirmed.Succeeded);
        Assert.Equal(3, await imports.CountAsync(ctx => ctx.Customers.Where(c => c.AccountNumber.StartsWith(p))));
        Assert.Equal(2, await imports.CountAsync(ctx => ctx.Invoices.Where(i => i.Number.StartsWith(p))));
        Assert.Equal(entries, await imports.CountAsync(ctx => ctx.LedgerEntries));
    }

    [Fact]
    public async Task Confirming_a_batch_twice_imports_it_once()
    {
        var p = Unique();
        var preview = await imports.PreviewAsync(ImportKind.Customers, Utf8(Customers(p, 2)));

        var first = await imports.ConfirmAsync(preview.Id);
        var second = await imports.ConfirmAsync(preview.Id);

        Assert.True(first.Succeeded && !first.Replayed);
        Assert.True(second.Succeeded && second.Replayed);
        Assert.Equal(ImportStatus.Imported, second.Value!.Status);
        Assert.Equal(2, await imports.CountAsync(ctx => ctx.Customers.Where(c => c.AccountNumber.StartsWith(p))));
        Assert.Equal(1, await imports.CountAsync(ctx => ctx.AuditEvents.Where(e => e.Action == "import.imported" && e.EntityId == preview.Id.ToString())));
    }

    [Fact]
    public async Task A_row_whose_external_id_was_imported_with_other_content_is_an_error_naming_the_row()
    {
        var p = Unique();
        await imports.ImportAsync(ImportKind.Customers, Utf8(Customers(p, 2)));

        var changed = await imports.PreviewAsync(ImportKind.Customers, Utf8(Customers(p, 2).Replace($"Client {p} 2", "Renamed", StringComparison.Ordinal)));

        Assert.Equal(new ImportError(3, "external_id", $"{p}-X2", ImportProblem.ExternalIdConflict), Assert.Single(Report(changed).Errors));
        Assert.Equal((0, 1), (changed.CreateCount, changed.SkipCount));
    }

    [Fact]
    public async Task A_UTF8_comma_file_and_a_Windows_1252_semicolon_file_with_decimal_commas_and_French_dates_import_the_same_data()
    {
        var p = Unique();
        // The files carry a credit limit, which a manager imports.
        book.IsManager = true;
        var englishCustomers = $"external_id,account_number,name,city,credit_limit\n{p}-X1,{p}1,\"Café Crème & Fils, SARL\",Orléans,12500.50\n";
        var englishInvoices = "external_id,invoice_number,customer_account,invoice_date,due_date,net_amount,vat_amount,description\n" +
            $"{p}-I1,{p}-FA1,{p}1,2026-01-15,2026-02-28,1234.56,246.91,Pâtisseries\n";
        var frenchCustomers = $"external_id;compte;nom;ville;encours_autorise\r\n{p}-X1;{p}1;Café Crème & Fils, SARL;Orléans;12 500,50\r\n";
        var frenchInvoices = "external_id;numero_facture;compte_client;date_facture;date_echeance;montant_ht;montant_tva;libelle\r\n" +
            $"{p}-I1;{p}-FA1;{p}1;15/01/2026;28/02/2026;1\u00A0234,56;246,91;Pâtisseries\r\n";

        await imports.ImportAsync(ImportKind.Customers, Utf8(englishCustomers));
        await imports.ImportAsync(ImportKind.Invoices, Utf8(englishInvoices));
        var customersAgain = await imports.PreviewAsync(ImportKind.Customers, Windows1252.GetBytes(frenchCustomers));
        var invoicesAgain = await imports.PreviewAsync(ImportKind.Invoices, Windows1252.GetBytes(frenchInvoices));

        // The French file reads to the very commands the English one made: every row is recognised as already imported.
        Assert.Equal(("Windows-1252", ';'), (Report(customersAgain).Encoding, Report(customersAgain).Delimiter));
        Assert.Equal((0, 1, 0), (customersAgain.CreateCount, customersAgain.SkipCount, customersAgain.ErrorCount));
        Assert.Equal((0, 1, 0), (invoicesAgain.CreateCount, invoicesAgain.SkipCount, invoicesAgain.ErrorCount));
        var (customer, invoice) = await book.RunAsync(async (ctx, _) => (
            await ctx.Customers.SingleAsync(c => c.AccountNumber == p + "1"),
            await ctx.Invoices.SingleAsync(i => i.Number == p + "-FA1")));
        Assert.Equal(("Café Crème & Fils, SARL", "Orléans", 12500.50m), (customer.Name, customer.BillingAddress.City, customer.CreditLimit));
        Assert.Equal((new DateOnly(2026, 1, 15), new DateOnly(2026, 2, 28), 1234.56m, 246.91m, 1481.47m, "Pâtisseries"),
            (invoice.DocumentDate, invoice.DueDate, invoice.NetAmount, invoice.VatAmount, invoice.Amount, invoice.Description));
    }

    [Fact]
    public async Task Quoted_fields_with_delimiters_quotes_and_line_breaks_import_as_written_and_rows_keep_their_spreadsheet_numbers()
    {
        var p = Unique();
        var file = "external_id;compte;nom;adresse;ville\r\n" +
            $"{p}-X1;{p}1;\"Dupont; Fils \"\"et\"\" Cie\";\"Bâtiment B\r\n3 allée des Tilleuls\";Nantes\r\n" +
            $"{p}-X2;{p}2;;;Nantes\r\n";

        var preview = await imports.PreviewAsync(ImportKind.Customers, Utf8WithBom(file));

        // The line break inside the quotes does not count as a row: the second customer is row 3, as in Excel.
        Assert.Equal(new ImportError(3, "nom", null, ImportProblem.Required), Assert.Single(Report(preview).Errors));
        await imports.ImportAsync(ImportKind.Customers, Utf8WithBom(file.Replace($"{p}-X2;{p}2;;", $"{p}-X2;{p}2;Martin;", StringComparison.Ordinal)));
        var customer = await book.RunAsync((ctx, _) => ctx.Customers.SingleAsync(c => c.AccountNumber == p + "1"));
        Assert.Equal(("Dupont; Fils \"et\" Cie", "Bâtiment B\r\n3 allée des Tilleuls"), (customer.Name, customer.BillingAddress.Line1));
    }

    [Fact]
    public async Task Invoices_and_payments_find_the_customers_and_invoices_of_files_imported_before_them()
    {
        var p = Unique();
        await imports.ImportAsync(ImportKind.Customers, Utf8(Customers(p, 2)));
        await imports.ImportAsync(ImportKind.Invoices, Utf8("external_id;numero_facture;compte_client;date_facture;montant_ht;montant_tva\n" +
            $"{p}-I1;{p}-FA1;{p}1;05/01/2026;1000,00;200,00\n{p}-I2;{p}-FA2;{p}2;06/01/2026;500,00;100,00\n"));

        var payments = await imports.ImportAsync(ImportKind.Payments, Utf8(
            "external_id;compte_client;date_reglement;montant;mode_reglement;numero_facture;montant_lettre\n" +
            $"{p}-P1;{p}1;10/02/2026;1200,00;virement;{p}-FA1;\n" +
            $"{p}-P2;{p}2;11/02/2026;700,00;chèque;{p}-FA2;250,00\n" +
            $"{p}-P3;{p}2;12/02/2026;80,00;;;\n"));

        Assert.Equal((3, 0), (payments.CreateCount, payments.SkipCount));
        var open = await book.RunAsync((ctx, _) => ctx.Documents.Where(d => d.Number.StartsWith(p) || d.ExternalId!.StartsWith(p))
            .OrderBy(d => d.ExternalId).Select(d => new { d.ExternalId, Open = d.Amount - d.AllocatedAmount }).ToListAsync());
        Assert.Equal([$"{p}-I1: 0.00", $"{p}-I2: 350.00", $"{p}-P1: 0.00", $"{p}-P2: 450.00", $"{p}-P3: 80.00"],
            open.Select(d => FormattableString.Invariant($"{d.ExternalId}: {d.Open}")));
        var method = await book.RunAsync((ctx, _) => ctx.Payments.Where(x => x.ExternalId == p + "-P2").Select(x => x.Method).SingleAsync());
        Assert.Equal(Payments.PaymentMethod.Cheque, method);
        Assert.Empty(await imports.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Unknown_customers_unknown_invoices_and_amounts_over_what_is_open_are_reported_at_their_column()
    {
        var p = Unique();
        await book.CustomerAsync(p);
        await book.InvoiceAsync(p, 100m, number: p + "-FA1");

        var invoices = await imports.PreviewAsync(ImportKind.Invoices, Utf8("external_id;numero_facture;compte_client;date_facture;montant_ht;montant_tva\n" +
            $"{p}-I9;{p}-FA9;NOBODY;05/01/2026;10;2\n"));
        var payments = await imports.PreviewAsync(ImportKind.Payments, Utf8("external_id;compte_client;date_reglement;montant;numero_facture\n" +
            $"{p}-P1;{p};10/02/2026;150,00;{p}-FA1\n{p}-P2;{p};10/02/2026;10,00;{p}-FA404\n"));

        Assert.Equal(new ImportError(2, "compte_client", "NOBODY", ImportProblem.UnknownCustomer), Assert.Single(Report(invoices).Errors));
        Assert.Equal(
            [new ImportError(2, "numero_facture", $"{p}-FA1", ImportProblem.OverOpenAmount, "100.00"),
             new ImportError(3, "numero_facture", $"{p}-FA404", ImportProblem.UnknownInvoice)],
            Report(payments).Errors);
    }

    [Fact]
    public async Task Rules_of_the_use_case_are_reported_at_their_column_in_the_clerks_language()
    {
        var p = Unique();
        var file = Utf8($"external_id;compte;nom;email_releves\n{p}-X1;{p}1;Martin;pas-une-adresse\n");

        var french = await InCultureAsync("fr-FR", () => imports.PreviewAsync(ImportKind.Customers, file));
        var english = await InCultureAsync("en-GB", () => imports.PreviewAsync(ImportKind.Customers, file));

        var fr = Assert.Single(Report(french).Errors);
        var en = Assert.Single(Report(english).Errors);
        Assert.Equal((2, "email_releves", "pas-une-adresse", ImportProblem.Invalid), (fr.Row, fr.Column, fr.Value, fr.Problem));
        Assert.Equal("'email_releves' n'est pas une adresse email valide.", fr.Detail);
        Assert.Equal("'email_releves' is not a valid email address.", en.Detail);
    }

    [Fact]
    public async Task Unknown_duplicate_and_missing_columns_are_reported_on_the_header_row_and_no_row_is_read()
    {
        var preview = await InCultureAsync("fr-FR", () => imports.PreviewAsync(ImportKind.Invoices,
            Utf8("external_id;numero_facture;compte_client;date_facture;montant_ht;montnt_tva;Compte Client\nA;B;C;01/01/2026;1;1;C\n")));

        Assert.Equal(
            [(1, "montnt_tva", ImportProblem.UnknownColumn), (1, "Compte Client", ImportProblem.DuplicateColumn), (1, "montant_tva", ImportProblem.MissingColumn)],
            Report(preview).Errors.Select(e => (e.Row, e.Column, e.Problem)));
        Assert.Equal(0, preview.RowCount);
    }

    [Fact]
    public async Task A_file_that_is_not_CSV_or_has_no_data_row_is_reported_as_such()
    {
        var workbook = await imports.PreviewAsync(ImportKind.Customers, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]);
        var headerOnly = await imports.PreviewAsync(ImportKind.Customers, Utf8("external_id,account_number,name\n\n,,\n"));

        Assert.Equal(ImportProblem.NotText, Assert.Single(Report(workbook).Errors).Problem);
        Assert.Equal(ImportProblem.Empty, Assert.Single(Report(headerOnly).Errors).Problem);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_anything_is_kept()
    {
        var outcome = await imports.WithImporterAsync(i => i.PreviewAsync(ImportKind.Customers, "big.csv", new byte[Importer.MaxBytes + 1]));

        Assert.Equal(ProblemKind.Invalid, outcome.Problem?.Kind);
    }

    Task<ImportBatch> Batch(long id) => book.RunAsync((ctx, _) => ctx.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id));
}
