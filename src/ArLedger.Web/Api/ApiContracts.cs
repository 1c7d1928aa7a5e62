using System.ComponentModel;
using ArLedger.Customers;
using ArLedger.Disputes;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Payments;

namespace ArLedger.Web.Api;

// What the API returns. Requests are the use cases' own command records (PostInvoice, RecordPayment, ...).

public sealed record CustomerResponse(long Id, string AccountNumber, string Name, string? LegalId, string? VatNumber,
    AddressInput BillingAddress, string? StatementEmail, string? DunningEmail, string? Phone, string Language,
    string PaymentTerms, decimal? CreditLimit, string Currency, bool OnHold, string? OnHoldReason, string? ExternalId)
{
    public static CustomerResponse From(Customer c) => new(c.Id, c.AccountNumber, c.Name, c.LegalId, c.VatNumber,
        new AddressInput(c.BillingAddress.Line1, c.BillingAddress.Line2, c.BillingAddress.PostalCode, c.BillingAddress.City, c.BillingAddress.Country),
        c.StatementEmail, c.DunningEmail, c.Phone, c.Language, c.PaymentTerms?.Code ?? "", c.CreditLimit, c.Currency, c.OnHold, c.OnHoldReason, c.ExternalId);
}

public sealed record CustomerDetailResponse(CustomerResponse Customer, CustomerFigures Figures);

/// <summary>One page of the customer list, with the cursors of its neighbours.</summary>
public sealed record CustomerListResponse(
    IReadOnlyList<CustomerListItem> Items,
    [property: Description("Customers matching the search and filters, on every page.")] int TotalCount,
    [property: Description("Pass as after for the next page; null on the last page.")] string? Next,
    [property: Description("Pass as before for the page before; null on the first page.")] string? Previous,
    [property: Description("The next page's address: this query with after set to next.")] string? NextLink,
    [property: Description("The page before's address: this query with before set to previous.")] string? PreviousLink)
{
    public static CustomerListResponse From(CustomerListPage page, Func<string, ListCursor, string> link) => new(
        page.Rows.Select(CustomerListItem.From).ToList(), page.TotalCount, page.Next?.ToString(), page.Previous?.ToString(),
        page.Next is { } next ? link("after", next) : null, page.Previous is { } previous ? link("before", previous) : null);
}

/// <summary>A customer in the list, with what they owe today (the figures of the customer's own page).</summary>
public sealed record CustomerListItem(long Id, string AccountNumber, string Name, string? City, string Currency, bool OnHold,
    decimal? CreditLimit, decimal Balance, decimal Overdue, decimal Disputed, decimal UnappliedCash)
{
    public static CustomerListItem From(CustomerRow r) => new(r.Id, r.AccountNumber, r.Name, r.City, r.Currency, r.OnHold,
        r.CreditLimit, r.Balance, r.Overdue, r.Disputed, r.Unapplied);
}

public sealed record LineResponse(int LineNo, string Description, decimal Quantity, decimal UnitPrice, decimal VatRate, decimal NetAmount, decimal VatAmount)
{
    public static LineResponse From(DocumentLine l) => new(l.LineNo, l.Description, l.Quantity, l.UnitPrice, l.VatRate, l.NetAmount, l.VatAmount);
}

/// <summary>An invoice with what is still open on it, its status and the allocations (lettrage) that paid it.</summary>
public sealed record InvoiceResponse(long Id, string Number, long CustomerId, string CustomerAccountNumber, DateOnly InvoiceDate, DateOnly DueDate,
    string Currency, decimal NetAmount, decimal VatAmount, decimal Amount, decimal OpenAmount, InvoiceStatus Status, string? Reference,
    string? ExternalId, IReadOnlyList<LineResponse> Lines, IReadOnlyList<AllocationLine> Allocations)
{
    public static InvoiceResponse From(Invoice i, string account, IReadOnlyList<AllocationLine> allocations) => new(i.Id, i.Number, i.CustomerId,
        account, i.DocumentDate, i.DueDate, i.Currency, i.NetAmount, i.VatAmount, i.Amount, i.OpenAmount, InvoiceStatuses.Of(i), i.Reference,
        i.ExternalId, i.Lines.OrderBy(l => l.LineNo).Select(LineResponse.From).ToList(), allocations);
}

/// <summary>A credit note with what of it is still unapplied, its status and its allocations.</summary>
public sealed record CreditNoteResponse(long Id, string Number, long CustomerId, string CustomerAccountNumber, DateOnly CreditNoteDate,
    long? InvoiceId, string Currency, decimal NetAmount, decimal VatAmount, decimal Amount, decimal UnappliedAmount, CreditStatus Status,
    string? Reason, string? ExternalId, IReadOnlyList<LineResponse> Lines, IReadOnlyList<AllocationLine> Allocations)
{
    public static CreditNoteResponse From(CreditNote c, string account, IReadOnlyList<AllocationLine> allocations) => new(c.Id, c.Number,
        c.CustomerId, account, c.DocumentDate, c.InvoiceId, c.Currency, c.NetAmount, c.VatAmount, c.Amount, c.OpenAmount, CreditStatuses.Of(c),
        c.Description, c.ExternalId, c.Lines.OrderBy(l => l.LineNo).Select(LineResponse.From).ToList(), allocations);
}

/// <summary>A payment with what of it is still unapplied, its status and the allocations it made, each with its id.</summary>
public sealed record PaymentResponse(long Id, string Number, long CustomerId, string CustomerAccountNumber, DateOnly ReceivedOn,
    DateOnly ValueDate, PaymentMethod Method, string Currency, decimal Amount, decimal AllocatedAmount, decimal UnappliedAmount,
    CreditStatus Status, string? Reference, string? ExternalId, IReadOnlyList<AllocationLine> Allocations)
{
    public static PaymentResponse From(Payment p, string account, IReadOnlyList<AllocationLine> allocations) => new(p.Id, p.Number,
        p.CustomerId, account, p.DocumentDate, p.ValueDate, p.Method, p.Currency, p.Amount, p.AllocatedAmount, p.OpenAmount,
        CreditStatuses.Of(p), p.Reference, p.ExternalId, allocations);
}

/// <summary>An allocation (or the reversal of one, with a negative amount) and the two documents it joins.</summary>
public sealed record AllocationResponse(long Id, long DebitDocumentId, long CreditDocumentId, decimal Amount, DateOnly AllocationDate,
    long? ReversesAllocationId, string? Reason, string? ExternalId)
{
    public static AllocationResponse From(Allocation a) => new(a.Id, a.DebitDocumentId, a.CreditDocumentId, a.Amount, a.AllocationDate,
        a.ReversesAllocationId, a.Reason, a.ExternalId);
}

/// <summary>An allocation read back: its documents by kind and number, and the allocation that reversed it, if one did.</summary>
public sealed record AllocationDetailResponse(long Id, long DebitDocumentId, DocumentKind DebitKind, string DebitNumber, long CreditDocumentId,
    DocumentKind CreditKind, string CreditNumber, decimal Amount, DateOnly AllocationDate, long? ReversesAllocationId, long? ReversedByAllocationId,
    string? Reason, string? ExternalId, string CreatedBy, DateTimeOffset CreatedAt);

/// <param name="PendingCreditNoteProposalId">The credit note that would resolve it, waiting for a manager's decision.</param>
public sealed record DisputeResponse(long Id, long CustomerId, long InvoiceId, decimal Amount, DisputeReason Reason, DisputeStatus Status,
    string? Description, string? Resolution, long? CreditNoteId, long? PendingCreditNoteProposalId, string? ExternalId)
{
    public static DisputeResponse From(Dispute d) => new(d.Id, d.CustomerId, d.InvoiceId, d.Amount, d.Reason, d.Status,
        d.Description, d.Resolution, d.CreditNoteId, d.PendingCreditNoteProposalId, d.ExternalId);
}

/// <summary>An allocation named the way an API client knows its documents: by number.</summary>
public sealed record AllocateRequest(string InvoiceNumber, string? PaymentNumber, string? CreditNoteNumber, decimal Amount,
    DateOnly? Date = null, string? ExternalId = null);

public sealed record ReverseAllocationRequest(string Reason,
    [property: Description("The day the reversal counts from: on or after the allocation's date, today at the latest; today when not given.")]
    DateOnly? Date = null);

public sealed record ResolveDisputeRequest(DisputeDecision Decision, string Resolution, decimal? CreditAmount = null);

/// <summary>One page of a list of documents, newest first, with the cursors of its neighbours.</summary>
public sealed record ListPageResponse<T>(
    IReadOnlyList<T> Items,
    [property: Description("Matching items on every page, counted up to 1,000: countIsCapped says when there are more.")] int Count,
    bool CountIsCapped,
    [property: Description("Pass as after for the next page; null on the last page.")] string? Next,
    [property: Description("Pass as before for the page before; null on the first page.")] string? Previous,
    [property: Description("The next page's address: this query with after set to next.")] string? NextLink,
    [property: Description("The page before's address: this query with before set to previous.")] string? PreviousLink)
{
    public static ListPageResponse<T> From(IReadOnlyList<T> items, int count, bool capped, string? next, string? previous, HttpRequest request) =>
        new(items, Math.Min(count, InvoiceSearch.CountLimit), capped, next, previous,
            next is null ? null : Link(request, "after", next), previous is null ? null : Link(request, "before", previous));

    /// <summary>The request's own address with its cursor replaced.</summary>
    static string Link(HttpRequest request, string direction, string cursor)
    {
        var values = request.Query.Where(q => q.Key is not ("after" or "before"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(direction, cursor));
        return $"{request.PathBase}{request.Path}{QueryString.Create(values)}";
    }
}
