using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Bank;

/// <summary>Opens one of the company's bank accounts in ArLedger; any one of IBAN, RIB parts or bank identifier names it.</summary>
public sealed record CreateBankAccount(string Name, string Currency, string? Iban = null, string? Bic = null, string? BankCode = null,
    string? BranchCode = null, string? AccountNumber = null, string? OtherIdentifier = null);

public sealed class CreateBankAccountValidator : InputValidator<CreateBankAccount>
{
    public CreateBankAccountValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Currency).NotEmpty().Must(Money.IsCurrencyCode).WithMessage("The currency must be an ISO 4217 code such as EUR.");
        RuleFor(x => x.Iban).Must(i => AccountIdentity.IsValidIban(AccountIdentity.NormalIban(i!)))
            .When(x => !string.IsNullOrWhiteSpace(x.Iban)).WithMessage("This IBAN is not valid: check its length and its check digits.");
        RuleFor(x => x.Bic).Matches("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$").When(x => !string.IsNullOrWhiteSpace(x.Bic))
            .WithMessage("A BIC has 8 or 11 letters and digits.");
        RuleFor(x => x.BankCode).Matches("^[0-9]{5}$").When(x => !string.IsNullOrWhiteSpace(x.BankCode))
            .WithMessage("A bank code has 5 digits.");
        RuleFor(x => x.BranchCode).Matches("^[0-9]{5}$").When(x => !string.IsNullOrWhiteSpace(x.BranchCode))
            .WithMessage("A branch code has 5 digits.");
        RuleFor(x => x.AccountNumber).Matches("^[A-Za-z0-9]{11}$").When(x => !string.IsNullOrWhiteSpace(x.AccountNumber))
            .WithMessage("A French account number has 11 letters and digits.");
        RuleFor(x => x.OtherIdentifier).MaximumLength(35);
        RuleFor(x => x).Must(x => Has(x.Iban) || Has(x.AccountNumber) || Has(x.OtherIdentifier)).WithName("Iban")
            .WithMessage("Give the IBAN, the RIB (bank, branch, account number) or the identifier the bank writes in its files.");
        RuleFor(x => x).Must(x => Has(x.BankCode) == Has(x.BranchCode) && Has(x.BankCode) == Has(x.AccountNumber)).WithName("BankCode")
            .WithMessage("Give the bank code, the branch code and the account number together.");
    }

    static bool Has(string? s) => !string.IsNullOrWhiteSpace(s);
}

/// <summary>The company's bank accounts: opening one, listing them, and finding the one a bank file names.</summary>
public sealed class BankAccounts(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public Task<List<BankAccount>> ListAsync(CancellationToken ct = default) =>
        db.Set<BankAccount>().AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id).ToListAsync(ct);

    public async Task<Outcome<BankAccount>> CreateAsync(CreateBankAccount cmd, CancellationToken ct = default)
    {
        var validation = new CreateBankAccountValidator().Validate(cmd);
        if (!validation.IsValid)
            return Problem.FromValidation(validation);

        var iban = Blank(cmd.Iban) is { } i ? AccountIdentity.NormalIban(i) : null;
        var rib = iban is null ? null : AccountIdentity.RibOf(iban);
        var account = new BankAccount
        {
            Name = cmd.Name.Trim(),
            Currency = cmd.Currency,
            Iban = iban,
            Bic = Blank(cmd.Bic),
            // A French IBAN holds the RIB: CFONB files, which name the RIB, then find the account too.
            BankCode = Blank(cmd.BankCode) ?? rib?.Bank,
            BranchCode = Blank(cmd.BranchCode) ?? rib?.Branch,
            AccountNumber = Blank(cmd.AccountNumber)?.ToUpperInvariant() ?? rib?.Account,
            OtherIdentifier = Blank(cmd.OtherIdentifier),
            CreatedAt = calendar.Now,
            CreatedBy = actor.Name,
        };
        if (rib is not null && (account.BankCode, account.BranchCode, account.AccountNumber) != rib.Value)
            return Problem.Invalid(nameof(cmd.AccountNumber), "The RIB parts differ from those in the IBAN.");
        if (await FindAsync(new AccountIdentity(account.Iban, account.BankCode, account.BranchCode, account.AccountNumber, account.OtherIdentifier), ct)
            is { } existing)
            return Problem.Refused(nameof(cmd.Iban), $"The bank account {existing.Name} already has this IBAN, RIB or identifier.");

        db.Set<BankAccount>().Add(account);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, account.CreatedAt, "bank-account.created", nameof(BankAccount), account.Id,
            after: new { account.Name, account.Currency, account.Iban, account.BankCode, account.BranchCode, account.AccountNumber, account.OtherIdentifier });
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>Saves how this account's CSV exports are laid out; the mapping is checked before it is kept.</summary>
    public async Task<Outcome<BankAccount>> SetCsvMappingAsync(long accountId, CsvMapping mapping, CancellationToken ct = default)
    {
        if (mapping.Fault() is { } fault)
            return Problem.Invalid(mapping.AmountColumn is null && mapping.DebitColumn is null ? nameof(CsvMapping.AmountColumn) : nameof(CsvMapping.DateColumn), fault);
        var account = await db.Set<BankAccount>().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
            return Problem.NotFound($"No bank account with id {accountId}.");
        var before = CsvMappingOf(account);
        account.CsvMapping = JsonSerializer.Serialize(mapping, Json);
        AuditTrail.Record(db, actor, calendar.Now, "bank-account.csv-mapping", nameof(BankAccount), account.Id, before: before, after: mapping);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>The account's saved CSV mapping, or null when it has none.</summary>
    public static CsvMapping? CsvMappingOf(BankAccount account) =>
        account.CsvMapping is null ? null : JsonSerializer.Deserialize<CsvMapping>(account.CsvMapping, Json);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The account a file names: by IBAN, then RIB parts, then the bank's identifier (a French IBAN also gives its RIB).</summary>
    public async Task<BankAccount?> FindAsync(AccountIdentity who, CancellationToken ct = default)
    {
        var accounts = db.Set<BankAccount>().AsNoTracking();
        var iban = who.Iban is null ? null : AccountIdentity.NormalIban(who.Iban);
        if (iban is not null && await accounts.SingleOrDefaultAsync(a => a.Iban == iban, ct) is { } byIban)
            return byIban;
        var rib = who.AccountNumber is not null ? (who.BankCode ?? "", who.BranchCode ?? "", who.AccountNumber) : iban is null ? null : AccountIdentity.RibOf(iban);
        if (rib is { } r
            && await accounts.SingleOrDefaultAsync(a => a.BankCode == r.Bank && a.BranchCode == r.Branch && a.AccountNumber == r.Account, ct) is { } byRib)
            return byRib;
        var other = who.Other ?? iban;
        return other is null ? null : await accounts.SingleOrDefaultAsync(a => a.OtherIdentifier == other, ct);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
