using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Search;

/// <summary>What a hit of the top-bar search is: a customer or a document of one kind.</summary>
public enum SearchHitKind
{
    Customer,
    Invoice,
    CreditNote,
    Payment,
}

/// <summary>One hit: what to show (<see cref="Title"/> and a line of detail) and the key of its page.</summary>
public sealed record SearchHit(SearchHitKind Kind, string Key, string Title, string? Detail, string Currency, decimal? Amount);

/// <summary>
/// The top-bar search: customers by name, account number, SIREN or email (the customer list's own search), invoices
/// and credit notes by number, payments by number or bank reference. A number typed whole finds its document first.
/// </summary>
public sealed class GlobalSearch(CustomerList customers, ArLedgerDbContext db)
{
    public const int MaxPerKind = 5;
    /// <summary>Shorter text would match half the book's numbers and references.</summary>
    const int MinimumPartLength = 3;

    public async Task<IReadOnlyList<SearchHit>> FindAsync(string? text, CancellationToken ct = default)
    {
        var term = text?.Trim() ?? "";
        if (term.Length == 0)
            return [];
        var hits = new List<SearchHit>();
        hits.AddRange(await DocumentsAsync(term, ct));
        var found = await customers.PageAsync(new CustomerFilter(Search: term), CustomerSort.Name, descending: false, pageSize: MaxPerKind, ct: ct);
        hits.AddRange(found.Rows.Select(c => new SearchHit(SearchHitKind.Customer, c.AccountNumber, c.Name,
            c.City is null ? c.AccountNumber : $"{c.AccountNumber} · {c.City}", c.Currency, c.Balance)));
        return hits;
    }

    async Task<List<SearchHit>> DocumentsAsync(string term, CancellationToken ct)
    {
        var kinds = new[] { DocumentKind.Invoice, DocumentKind.CreditNote, DocumentKind.Payment };
        var number = term.ToUpperInvariant();
        var documents = db.Documents.AsNoTracking().Where(d => kinds.Contains(d.Kind));
        // The exact number walks the (kind, number) index; a part of one is read only when no number is typed whole.
        var matches = await Hits(documents.Where(d => d.Number == number)).ToListAsync(ct);
        if (matches.Count == 0 && term.Length >= MinimumPartLength)
        {
            var pattern = "%" + CustomerList.EscapeLike(term) + "%";
            matches = await Hits(documents.Where(d => EF.Functions.ILike(d.Number, pattern)
                    || (d.Kind == DocumentKind.Payment && d.Reference != null && EF.Functions.ILike(d.Reference, pattern)))
                .OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.Id)
                .Take(MaxPerKind * 2)).ToListAsync(ct);
        }
        return matches.Select(d => new SearchHit(d.Kind switch
        {
            DocumentKind.Invoice => SearchHitKind.Invoice,
            DocumentKind.CreditNote => SearchHitKind.CreditNote,
            _ => SearchHitKind.Payment,
        }, d.Number, d.Number, d.Reference is null ? d.Customer : $"{d.Customer} · {d.Reference}", d.Currency, d.Amount)).ToList();
    }

    IQueryable<DocumentMatch> Hits(IQueryable<Document> documents) => documents
        .Join(db.Customers, d => d.CustomerId, c => c.Id, (d, c) => new DocumentMatch(d.Kind, d.Number, c.Name, d.Reference, d.Currency, d.Amount));

    sealed record DocumentMatch(DocumentKind Kind, string Number, string Customer, string? Reference, string Currency, decimal Amount);
}
