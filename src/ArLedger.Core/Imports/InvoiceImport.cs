using ArLedger.Invoices;

namespace ArLedger.Imports;

/// <summary>
/// An invoices file: one row per invoice with its totals (net and VAT), as billing systems export them, through
/// <see cref="PostInvoiceHandler"/>. The invoice number is required: invoices are numbered where they are issued.
/// </summary>
public sealed class InvoiceImport(PostInvoiceHandler handler) : ImportFormat
{
    public static readonly ImportColumn ExternalId = new("external_id", "external_id", true, nameof(PostInvoice.ExternalId), "id_externe");
    public static readonly ImportColumn Number = new("invoice_number", "numero_facture", true, nameof(PostInvoice.Number), "numero", "facture");
    public static readonly ImportColumn Customer = new("customer_account", "compte_client", true, nameof(PostInvoice.CustomerAccountNumber), "compte", "account_number");
    public static readonly ImportColumn InvoiceDate = new("invoice_date", "date_facture", true, nameof(PostInvoice.InvoiceDate), "date");
    public static readonly ImportColumn DueDate = new("due_date", "date_echeance", false, nameof(PostInvoice.DueDate), "echeance", "date_d_echeance");
    public static readonly ImportColumn NetAmount = new("net_amount", "montant_ht", true, nameof(PostInvoice.NetAmount), "total_ht");
    public static readonly ImportColumn VatAmount = new("vat_amount", "montant_tva", true, nameof(PostInvoice.VatAmount), "tva", "total_tva");
    public static readonly ImportColumn Reference = new("reference", "reference", false, nameof(PostInvoice.Reference));
    public static readonly ImportColumn Description = new("description", "libelle", false, nameof(PostInvoice.Description));

    public static readonly IReadOnlyList<ImportColumn> ColumnList =
        [ExternalId, Number, Customer, InvoiceDate, DueDate, NetAmount, VatAmount, Reference, Description];

    public override ImportKind Kind => ImportKind.Invoices;
    public override IReadOnlyList<ImportColumn> Columns => ColumnList;

    public static IReadOnlyList<string> ExampleRow(bool french) => french
        ? ["ERP-FA-2026-0001", "FA-2026-0001", "C1001", "15/01/2026", "", "1000,00", "200,00", "BC 4512", "Livraison de janvier"]
        : ["ERP-FA-2026-0001", "FA-2026-0001", "C1001", "2026-01-15", "", "1000.00", "200.00", "PO 4512", "January delivery"];

    public override async Task<RowResult> ImportAsync(RowReader row, CancellationToken ct)
    {
        var externalId = row.Text(ExternalId);
        var number = row.Text(Number);
        var customer = row.Text(Customer);
        var invoiceDate = row.Date(InvoiceDate);
        var dueDate = row.Date(DueDate);
        var net = row.Money(NetAmount);
        var vat = row.Money(VatAmount);
        if (row.Errors.Count > 0)
            return Failed(row, externalId, number);

        var command = new PostInvoice(customer!, invoiceDate!.Value, NetAmount: net, VatAmount: vat, Number: number, DueDate: dueDate,
            Reference: row.Text(Reference), Description: row.Text(Description), ExternalId: externalId);
        if (!Validate(handler.Validator, command, row))
            return Failed(row, externalId, number);

        var outcome = await handler.HandleAsync(command, ct);
        if (!outcome.Succeeded)
        {
            Report(row, outcome.Problem!, ExternalId, p => p.Kind switch
            {
                ProblemKind.NotFound => (Customer, ImportProblem.UnknownCustomer),
                ProblemKind.Refused when p.Errors?.ContainsKey(nameof(PostInvoice.Number)) == true => (Number, ImportProblem.InvoiceNumberTaken),
                _ => null,
            });
            return Failed(row, externalId, number);
        }
        var status = StatusOf(outcome);
        var invoice = outcome.Value!;
        return new RowResult(status, new ImportRowView(row.Row, status, externalId, invoice.Number, customer,
            invoice.DocumentDate, invoice.DueDate, invoice.Amount, invoice.Currency));
    }
}
