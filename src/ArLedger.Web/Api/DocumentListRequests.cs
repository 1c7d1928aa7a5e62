using System.ComponentModel;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;
using Microsoft.AspNetCore.Mvc;

namespace ArLedger.Web.Api;

/// <summary>What the document lists share: a customer and a date range, newest first.</summary>
public abstract class DocumentListRequest : CursorRequest
{
    [FromQuery(Name = "customer"), Description("A customer's account number: only their documents.")]
    public string? Customer { get; init; }

    [FromQuery(Name = "from"), Description("Documents dated on or after this day.")]
    public DateOnly? From { get; init; }

    [FromQuery(Name = "to"), Description("Documents dated on or before this day.")]
    public DateOnly? To { get; init; }

    protected int Size => PageSize ?? InvoiceSearch.DefaultPageSize;

    protected override bool IsCursor(string cursor) => InvoiceSearch.IsCursor(cursor);

    protected override void AddErrors(Dictionary<string, string[]> errors)
    {
        if (From is { } from && To is { } to && to < from)
            errors["to"] = ["On or after from."];
        if (StatusError() is { } status)
            errors["status"] = [status];
    }

    protected abstract string? StatusError();
}

/// <summary>The query of GET /api/v1/invoices: the invoice list page's filters, newest first.</summary>
public sealed class InvoiceListRequest : DocumentListRequest
{
    [FromQuery(Name = "status"), Description("Only invoices in this state; Overdue and Disputed cut across the others.")]
    public InvoiceFilter? Status { get; init; }

    [FromQuery(Name = "dueBefore"), Description("Only invoices due before this day.")]
    public DateOnly? DueBefore { get; init; }

    protected override string? StatusError() => NotOneOf(Status);

    public InvoiceQuery Query() => new(Status: Status, From: From, To: To, After: After, Before: Before, PageSize: Size,
        CustomerAccountNumber: Customer, DueBefore: DueBefore);
}

/// <summary>The query of GET /api/v1/payments and /api/v1/credit-notes, newest first.</summary>
public sealed class CreditListRequest : DocumentListRequest
{
    [FromQuery(Name = "status"), Description("Only documents in this state.")]
    public CreditStatus? Status { get; init; }

    protected override string? StatusError() => NotOneOf(Status);

    public CreditQuery Query(DocumentKind kind) => new(kind, Customer, Status, From, To, After, Before, Size);
}
