using System.Globalization;
using ArLedger.Customers;
using ArLedger.Persistence;
using ArLedger.Web.Auth;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Customers;

/// <summary>The fields of the customer form, as posted; amounts stay text until read in the user's culture.</summary>
public sealed class CustomerInput
{
    public string? AccountNumber { get; set; }
    public string? Name { get; set; }
    public string? LegalId { get; set; }
    public string? VatNumber { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string Country { get; set; } = "FR";
    public string? StatementEmail { get; set; }
    public string? DunningEmail { get; set; }
    public string? Phone { get; set; }
    public string Language { get; set; } = "fr";
    public string PaymentTerms { get; set; } = "NET30";
    public string? CreditLimit { get; set; }
    public string Currency { get; set; } = "EUR";
    public long? CollectorId { get; set; }
    public bool OnHold { get; set; }
    public string? OnHoldReason { get; set; }

    public AddressInput Address => new(Line1, Line2, PostalCode, City, string.IsNullOrWhiteSpace(Country) ? "FR" : Country.Trim().ToUpperInvariant());

    public static CustomerInput From(Customer c) => new()
    {
        AccountNumber = c.AccountNumber,
        Name = c.Name,
        LegalId = c.LegalId,
        VatNumber = c.VatNumber,
        Line1 = c.BillingAddress.Line1,
        Line2 = c.BillingAddress.Line2,
        PostalCode = c.BillingAddress.PostalCode,
        City = c.BillingAddress.City,
        Country = c.BillingAddress.Country,
        StatementEmail = c.StatementEmail,
        DunningEmail = c.DunningEmail,
        Phone = c.Phone,
        Language = c.Language,
        PaymentTerms = c.PaymentTerms?.Code ?? "NET30",
        CreditLimit = AmountInput.Format(c.CreditLimit),
        Currency = c.Currency,
        CollectorId = c.CollectorId,
        OnHold = c.OnHold,
        OnHoldReason = c.OnHoldReason,
    };
}

/// <summary>
/// What the create and edit pages share: the form's choices, reading the credit limit, and turning a use case's
/// problem into messages at the fields. Setting a credit limit is a manager's decision (Policies.CanManage).
/// </summary>
public abstract class CustomerFormPage(ArLedgerDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty]
    public CustomerInput Input { get; set; } = new();

    public IReadOnlyList<(string Code, string Name)> Terms { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Collectors { get; private set; } = [];
    public bool CanSetCreditLimit { get; private set; }
    public abstract bool IsNew { get; }

    protected IStringLocalizer<Texts> T => t;
    protected ArLedgerDbContext Db => db;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        Terms = (await db.PaymentTerms.AsNoTracking().OrderBy(x => x.Days).ThenBy(x => x.Code)
            .Select(x => new { x.Code, x.Name }).ToListAsync(ct)).Select(x => (x.Code, x.Name)).ToList();
        Collectors = await ArLedger.Customers.Collectors.ListAsync(db, Input.CollectorId, ct: ct);
        CanSetCreditLimit = (await authorization.AuthorizeAsync(User, Policies.CanManage)).Succeeded;
    }

    /// <summary>The credit limit typed, or an error at the field when it does not read as an amount.</summary>
    protected decimal? ReadCreditLimit()
    {
        if (string.IsNullOrWhiteSpace(Input.CreditLimit))
            return null;
        if (AmountInput.TryParse(Input.CreditLimit, CultureInfo.CurrentCulture, out var limit))
            return limit;
        ModelState.AddModelError("Input.CreditLimit", t["Type an amount such as 15,000.00."]);
        return null;
    }

    protected void RefuseCreditLimit() =>
        ModelState.AddModelError("Input.CreditLimit", t[ArLedger.Customers.CreditLimits.ManagerOnly]);

    /// <summary>Puts each error at its field (the command's property names match the form's), the rest above the form.</summary>
    protected void Show(Problem problem)
    {
        if (problem.Errors is null || problem.Errors.Count == 0)
        {
            ModelState.AddModelError("", t.Say(problem));
            return;
        }
        foreach (var (field, messages) in problem.Errors)
        {
            var key = field switch
            {
                nameof(CreateCustomer.BillingAddress) => "Input.Line1",
                _ when field.StartsWith("BillingAddress.", StringComparison.Ordinal) => "Input." + field["BillingAddress.".Length..],
                _ when typeof(CustomerInput).GetProperty(field) is not null => "Input." + field,
                _ => "",
            };
            foreach (var message in messages)
                ModelState.AddModelError(key, Translate(field, problem, message));
        }
    }

    string Translate(string field, Problem problem, string message) => (field, problem.Kind) switch
    {
        (nameof(CreateCustomer.AccountNumber), ProblemKind.Refused) => t["This account number is already used."],
        (nameof(CreateCustomer.PaymentTerms), ProblemKind.Invalid) when message.StartsWith("Unknown", StringComparison.Ordinal) => t["Choose payment terms from the list."],
        _ => t.Say(problem, message),
    };
}
