using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Invoices;

/// <summary>The customer picker's answers (customers matching what is typed, a customer's terms and due date) and its check.</summary>
public static class CustomerChoice
{
    public const int Limit = 12;

    /// <summary>Up to <see cref="Limit"/> customers whose name or account number contains <paramref name="q"/>, as JSON.</summary>
    public static async Task<JsonResult> MatchingAsync(ArLedgerDbContext db, string? q, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
            return new JsonResult(Array.Empty<object>());
        var pattern = "%" + q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var found = await db.Customers.AsNoTracking()
            .Where(c => EF.Functions.ILike(c.AccountNumber, pattern) || EF.Functions.ILike(c.Name, pattern))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(Limit)
            .Select(c => new { account = c.AccountNumber, name = c.Name, city = c.BillingAddress.City })
            .ToListAsync(ct);
        return new JsonResult(found);
    }

    /// <summary>The customer's name, currency and terms, and the due date its terms give an invoice dated <paramref name="date"/>.</summary>
    public static async Task<IActionResult> TermsAsync(ArLedgerDbContext db, string? account, DateOnly date, CancellationToken ct)
    {
        var customer = await FindAsync(db, account, ct);
        if (customer is null)
            return new NotFoundResult();
        return new JsonResult(new
        {
            account = customer.AccountNumber,
            name = customer.Name,
            currency = customer.Currency,
            terms = customer.PaymentTerms!.Name,
            dueDate = customer.PaymentTerms.DueDate(date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public static Task<Customer?> FindAsync(ArLedgerDbContext db, string? account, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(account)
            ? Task.FromResult<Customer?>(null)
            : db.Customers.AsNoTracking().Include(c => c.PaymentTerms).SingleOrDefaultAsync(c => c.AccountNumber == account.Trim(), ct);

    /// <summary>The picker's error at <paramref name="key"/>: no customer chosen, or none with the account number typed.</summary>
    public static void Check(Customer? customer, string? account, string key, ModelStateDictionary state, IStringLocalizer<Texts> t)
    {
        if (string.IsNullOrWhiteSpace(account))
            state.AddModelError(key, t["Choose a customer."]);
        else if (customer is null)
            state.AddModelError(key, t["No customer has the account number {0}.", account]);
    }
}
