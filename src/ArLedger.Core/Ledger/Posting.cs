using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Ledger;

/// <summary>The ledger entries each kind of document writes. Debit kinds debit the account, credit kinds credit it.</summary>
public static class Posting
{
    public static EntryKind EntryKindOf(DocumentKind kind) => kind switch
    {
        DocumentKind.Invoice => EntryKind.Invoice,
        DocumentKind.CreditNote => EntryKind.CreditNote,
        DocumentKind.Payment => EntryKind.Payment,
        DocumentKind.Fee => EntryKind.Fee,
        DocumentKind.Interest => EntryKind.Interest,
        DocumentKind.Refund => EntryKind.Refund,
    };

    /// <summary>The entry a newly posted document writes; the document must already have its id.</summary>
    public static LedgerEntry EntryFor(Document d, DateOnly entryDate, DateTimeOffset now, string actor, string description) => new()
    {
        CustomerId = d.CustomerId,
        EntryDate = entryDate,
        PostedAt = now,
        Kind = EntryKindOf(d.Kind),
        DocumentId = d.Id,
        Debit = d.IsDebit ? d.Amount : 0m,
        Credit = d.IsDebit ? 0m : d.Amount,
        Currency = d.Currency,
        Description = description,
        CreatedBy = actor,
    };

    /// <summary>The entry that cancels <paramref name="original"/>: same amount on the other side, naming it.</summary>
    public static LedgerEntry ReversalOf(LedgerEntry original, DateOnly entryDate, DateTimeOffset now, string actor, string description) => new()
    {
        CustomerId = original.CustomerId,
        EntryDate = entryDate,
        PostedAt = now,
        Kind = EntryKind.Reversal,
        DocumentId = original.DocumentId,
        WriteOffId = original.WriteOffId,
        ReversesEntryId = original.Id,
        Debit = original.Credit,
        Credit = original.Debit,
        Currency = original.Currency,
        Description = description,
        CreatedBy = actor,
    };

    /// <summary>The next number of a kind's sequence, e.g. FA-000123.</summary>
    public static async Task<string> NextNumberAsync(ArLedgerDbContext db, DocumentKind kind, CancellationToken ct) =>
        (await NextNumbersAsync(db, kind, 1, ct))[0];

    /// <summary>The next <paramref name="count"/> numbers of a kind's sequence, in order.</summary>
    public static async Task<IReadOnlyList<string>> NextNumbersAsync(ArLedgerDbContext db, DocumentKind kind, int count, CancellationToken ct)
    {
        var (sequence, prefix) = kind switch
        {
            DocumentKind.Invoice => ("invoice_numbers", "FA"),
            DocumentKind.CreditNote => ("credit_note_numbers", "AV"),
            DocumentKind.Payment => ("payment_numbers", "RG"),
            DocumentKind.Fee => ("fee_numbers", "FR"),
            DocumentKind.Interest => ("fee_numbers", "IR"),
            DocumentKind.Refund => ("refund_numbers", "RB"),
        };
        var taken = await db.Database.SqlQuery<long>($"select nextval({sequence}::regclass) as \"Value\" from generate_series(1, {count})").ToListAsync(ct);
        return taken.Order().Select(n => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{n:000000}")).ToList();
    }
}
