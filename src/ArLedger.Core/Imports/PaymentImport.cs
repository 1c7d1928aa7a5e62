using System.Globalization;
using ArLedger.Payments;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Imports;

/// <summary>
/// A payments file: one row per payment received, through <see cref="RecordPaymentHandler"/>. A row may name an
/// invoice of the same customer to allocate the payment to: all of it, or the amount in allocated_amount, so the
/// rest stays unapplied cash. The amount is never worked out from today's open amount, so the same row always
/// makes the same command and a second import of the file is recognised as such.
/// </summary>
public sealed class PaymentImport(RecordPaymentHandler handler, ArLedgerDbContext db) : ImportFormat
{
    public static readonly ImportColumn ExternalId = new("external_id", "external_id", true, nameof(RecordPayment.ExternalId), "id_externe");
    public static readonly ImportColumn Customer = new("customer_account", "compte_client", true, nameof(RecordPayment.CustomerAccountNumber), "compte", "account_number");
    public static readonly ImportColumn ReceivedOn = new("received_on", "date_reglement", true, nameof(RecordPayment.ReceivedOn), "date", "date_encaissement");
    public static readonly ImportColumn ValueDate = new("value_date", "date_valeur", false, nameof(RecordPayment.ValueDate));
    public static readonly ImportColumn Amount = new("amount", "montant", true, nameof(RecordPayment.Amount));
    public static readonly ImportColumn Method = new("method", "mode_reglement", false, nameof(RecordPayment.Method), "mode");
    public static readonly ImportColumn Reference = new("reference", "reference", false, nameof(RecordPayment.Reference), "libelle");
    public static readonly ImportColumn Number = new("payment_number", "numero_reglement", false, nameof(RecordPayment.Number));
    public static readonly ImportColumn Invoice = new("invoice_number", "numero_facture", false, "Allocations.InvoiceNumber", "facture");
    public static readonly ImportColumn Allocated = new("allocated_amount", "montant_lettre", false, "Allocations.Amount", "montant_a_lettrer");

    public static readonly IReadOnlyList<ImportColumn> ColumnList =
        [ExternalId, Customer, ReceivedOn, ValueDate, Amount, Method, Reference, Number, Invoice, Allocated];

    static readonly Dictionary<string, string> Methods = new()
    {
        ["transfer"] = nameof(PaymentMethod.Transfer),
        ["virement"] = nameof(PaymentMethod.Transfer),
        ["vir"] = nameof(PaymentMethod.Transfer),
        ["direct_debit"] = nameof(PaymentMethod.DirectDebit),
        ["directdebit"] = nameof(PaymentMethod.DirectDebit),
        ["prelevement"] = nameof(PaymentMethod.DirectDebit),
        ["prlv"] = nameof(PaymentMethod.DirectDebit),
        ["cheque"] = nameof(PaymentMethod.Cheque),
        ["check"] = nameof(PaymentMethod.Cheque),
        ["chq"] = nameof(PaymentMethod.Cheque),
        ["card"] = nameof(PaymentMethod.Card),
        ["carte"] = nameof(PaymentMethod.Card),
        ["cb"] = nameof(PaymentMethod.Card),
        ["cash"] = nameof(PaymentMethod.Cash),
        ["especes"] = nameof(PaymentMethod.Cash),
        ["other"] = nameof(PaymentMethod.Other),
        ["autre"] = nameof(PaymentMethod.Other),
    };

    public override ImportKind Kind => ImportKind.Payments;
    public override IReadOnlyList<ImportColumn> Columns => ColumnList;

    public static IReadOnlyList<string> ExampleRow(bool french) => french
        ? ["BQ-2026-02-10-001", "C1001", "10/02/2026", "", "1200,00", "virement", "VIR SEPA BOULANGERIE MARTIN FA-2026-0001", "", "FA-2026-0001", ""]
        : ["BANK-2026-02-10-001", "C1001", "2026-02-10", "", "1200.00", "transfer", "SEPA TRANSFER BOULANGERIE MARTIN FA-2026-0001", "", "FA-2026-0001", ""];

    public override async Task<RowResult> ImportAsync(RowReader row, CancellationToken ct)
    {
        var externalId = row.Text(ExternalId);
        var customer = row.Text(Customer);
        var receivedOn = row.Date(ReceivedOn);
        var valueDate = row.Date(ValueDate);
        var amount = row.Money(Amount);
        var method = row.Choice(Method, Methods, row.French
            ? "virement, prélèvement, chèque, carte, espèces, autre" : "transfer, direct debit, cheque, card, cash, other");
        var invoice = row.Text(Invoice);
        var allocated = row.Money(Allocated);
        if (allocated is not null && invoice is null)
            row.Fail(Allocated, row.Raw(Allocated), ImportProblem.AllocationWithoutInvoice);
        if (allocated > amount)
            row.Fail(Allocated, row.Raw(Allocated), ImportProblem.AllocationOverPayment);
        if (row.Errors.Count > 0)
            return Failed(row, externalId, null);

        IReadOnlyList<AllocationInput>? allocations = invoice is null ? null : [new AllocationInput(invoice, allocated ?? amount!.Value)];
        var command = new RecordPayment(customer!, amount!.Value, receivedOn!.Value, valueDate,
            method is null ? PaymentMethod.Transfer : Enum.Parse<PaymentMethod>(method),
            row.Text(Reference), row.Text(Number), allocations, externalId);
        if (!Validate(handler.Validator, command, row))
            return Failed(row, externalId, null);

        var outcome = await handler.HandleAsync(command, ct);
        if (!outcome.Succeeded)
        {
            var problem = outcome.Problem!;
            // RecordPayment names the allocation row at fault: "Allocations[0].Amount" or "Allocations[0].InvoiceNumber".
            if (problem.Kind == ProblemKind.Refused && problem.Errors?.Keys.Any(k => k.EndsWith(".Amount", StringComparison.Ordinal)) == true)
                row.Fail(allocated is null ? Invoice : Allocated, allocated is null ? invoice : row.Raw(Allocated),
                    ImportProblem.OverOpenAmount, await OpenAmountAsync(customer!, invoice!, ct));
            else
                Report(row, problem, ExternalId, p => p.Kind switch
                {
                    ProblemKind.NotFound => (Customer, ImportProblem.UnknownCustomer),
                    ProblemKind.Refused when p.Errors?.Keys.Any(k => k.EndsWith(".InvoiceNumber", StringComparison.Ordinal)) == true
                        => (Invoice, ImportProblem.UnknownInvoice),
                    _ => null,
                });
            return Failed(row, externalId, null);
        }
        var status = StatusOf(outcome);
        var payment = outcome.Value!;
        // A number drawn from the sequence in a preview is given back when the preview rolls back: show only lasting ones.
        var number = command.Number ?? (outcome.Replayed ? payment.Number : null);
        return new RowResult(status, new ImportRowView(row.Row, status, externalId, number, customer,
            payment.DocumentDate, Amount: payment.Amount, Currency: payment.Currency, Detail: invoice));
    }

    /// <summary>The invoice's open amount, for the message: what the clerk may allocate at most.</summary>
    async Task<string?> OpenAmountAsync(string customer, string invoice, CancellationToken ct)
    {
        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.Number == invoice && db.Customers.Any(c => c.Id == i.CustomerId && c.AccountNumber == customer))
            .Select(i => (decimal?)(i.ReversedAt != null ? 0m : i.Amount - i.AllocatedAmount - i.WrittenOffAmount))
            .SingleOrDefaultAsync(ct);
        return open?.ToString(CultureInfo.InvariantCulture);
    }
}
