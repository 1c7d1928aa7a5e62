using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Imports;

/// <summary>A customers file: one row per account, through <see cref="CreateCustomerHandler"/>.</summary>
public sealed class CustomerImport(CreateCustomerHandler handler, ArLedgerDbContext db) : ImportFormat
{
    public static readonly ImportColumn ExternalId = new("external_id", "external_id", true, nameof(CreateCustomer.ExternalId), "id_externe");
    public static readonly ImportColumn AccountNumber = new("account_number", "compte", true, nameof(CreateCustomer.AccountNumber), "numero_compte", "compte_client");
    public static readonly ImportColumn Name = new("name", "nom", true, nameof(CreateCustomer.Name), "raison_sociale");
    public static readonly ImportColumn LegalId = new("legal_id", "siren", false, nameof(CreateCustomer.LegalId), "siret");
    public static readonly ImportColumn VatNumber = new("vat_number", "tva_intracom", false, nameof(CreateCustomer.VatNumber), "numero_tva");
    public static readonly ImportColumn Line1 = new("address_line1", "adresse", false, "BillingAddress.Line1", "adresse1", "address");
    public static readonly ImportColumn Line2 = new("address_line2", "complement_adresse", false, "BillingAddress.Line2", "adresse2");
    public static readonly ImportColumn PostalCode = new("postal_code", "code_postal", false, "BillingAddress.PostalCode", "cp");
    public static readonly ImportColumn City = new("city", "ville", false, "BillingAddress.City");
    public static readonly ImportColumn Country = new("country", "pays", false, "BillingAddress.Country");
    public static readonly ImportColumn StatementEmail = new("statement_email", "email_releves", false, nameof(CreateCustomer.StatementEmail), "email");
    public static readonly ImportColumn DunningEmail = new("dunning_email", "email_relances", false, nameof(CreateCustomer.DunningEmail));
    public static readonly ImportColumn Phone = new("phone", "telephone", false, nameof(CreateCustomer.Phone));
    public static readonly ImportColumn Language = new("language", "langue", false, nameof(CreateCustomer.Language));
    public static readonly ImportColumn PaymentTerms = new("payment_terms", "conditions_paiement", false, nameof(CreateCustomer.PaymentTerms));
    public static readonly ImportColumn CreditLimit = new("credit_limit", "encours_autorise", false, nameof(CreateCustomer.CreditLimit), "plafond_credit");
    public static readonly ImportColumn Currency = new("currency", "devise", false, nameof(CreateCustomer.Currency));
    /// <summary>The customer's collector, by the collector name the Users page gives (or the user name).</summary>
    public static readonly ImportColumn Collector = new("collector", "charge_de_recouvrement", false, nameof(CreateCustomer.CollectorId), "collecteur", "gestionnaire");

    public static readonly IReadOnlyList<ImportColumn> ColumnList =
        [ExternalId, AccountNumber, Name, LegalId, VatNumber, Line1, Line2, PostalCode, City, Country,
         StatementEmail, DunningEmail, Phone, Language, PaymentTerms, CreditLimit, Currency, Collector];

    static readonly Dictionary<string, string> Languages = new()
    {
        ["fr"] = "fr",
        ["francais"] = "fr",
        ["french"] = "fr",
        ["en"] = "en",
        ["anglais"] = "en",
        ["english"] = "en",
    };

    Dictionary<string, string>? terms;
    Dictionary<string, string>? collectors;

    public override ImportKind Kind => ImportKind.Customers;
    public override IReadOnlyList<ImportColumn> Columns => ColumnList;

    public static IReadOnlyList<string> ExampleRow(bool french) =>
        ["CRM-1001", "C1001", "Boulangerie Martin SARL", "552100554", "FR40552100554", "12 rue de la République", "",
         // No credit limit: a manager sets it, and the template is one any clerk can import as it is.
         "69002", "Lyon", "FR", "compta@boulangerie-martin.fr", "", "04 72 00 00 00", "fr", "NET30", "", "EUR", ""];

    public override async Task<RowResult> ImportAsync(RowReader row, CancellationToken ct)
    {
        // Codes and names both: a clerk may write "NET30" or "30 jours net".
        terms ??= (await db.PaymentTerms.AsNoTracking().Select(t => new { t.Code, t.Name }).ToListAsync(ct))
            .SelectMany(t => new[] { (Key: t.Code, t.Code), (Key: t.Name, t.Code) })
            .DistinctBy(t => ImportValues.Normalize(t.Key))
            .ToDictionary(t => ImportValues.Normalize(t.Key), t => t.Code);

        // Collectors by their collector name, and by user name for those without one.
        collectors ??= (await db.Users.AsNoTracking().Select(u => new { u.Id, u.CollectorName, u.UserName }).ToListAsync(ct))
            .SelectMany(u => new[] { (Key: u.CollectorName, u.Id), (Key: u.UserName, u.Id) })
            .Where(u => !string.IsNullOrWhiteSpace(u.Key))
            .DistinctBy(u => ImportValues.Normalize(u.Key!))
            .ToDictionary(u => ImportValues.Normalize(u.Key!), u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var externalId = row.Text(ExternalId);
        var account = row.Text(AccountNumber);
        var name = row.Text(Name);
        var language = row.Choice(Language, Languages, "fr, en") ?? "fr";
        var paymentTerms = row.Choice(PaymentTerms, terms, string.Join(", ", terms.Values.Distinct())) ?? "NET30";
        var creditLimit = row.Money(CreditLimit);
        var collector = row.Choice(Collector, collectors, string.Join(", ", collectors.Keys.Take(5))) is { } id
            ? long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)
            : (long?)null;
        var currency = row.Text(Currency)?.ToUpperInvariant() ?? "EUR";
        if (!Money.IsCurrencyCode(currency))
            row.Fail(Currency, row.Raw(Currency), ImportProblem.NotAChoice, "EUR, USD, GBP, CHF…");
        if (row.Errors.Count > 0)
            return Failed(row, externalId, account);

        var command = new CreateCustomer(account!, name!,
            LegalId: row.Text(LegalId),
            VatNumber: row.Text(VatNumber),
            BillingAddress: new AddressInput(row.Text(Line1), row.Text(Line2), row.Text(PostalCode), row.Text(City), row.Text(Country)?.ToUpperInvariant()),
            StatementEmail: row.Text(StatementEmail),
            DunningEmail: row.Text(DunningEmail),
            Phone: row.Text(Phone),
            Language: language,
            PaymentTerms: paymentTerms,
            CreditLimit: creditLimit,
            Currency: currency,
            CollectorId: collector,
            ExternalId: externalId);
        if (!Validate(new CreateCustomerValidator(), command, row))
            return Failed(row, externalId, account);

        var outcome = await handler.HandleAsync(command, ct);
        if (!outcome.Succeeded)
        {
            Report(row, outcome.Problem!, ExternalId, p => p.Kind == ProblemKind.Refused && p.Errors?.ContainsKey(nameof(CreateCustomer.AccountNumber)) == true
                ? (AccountNumber, ImportProblem.AccountNumberTaken) : null);
            return Failed(row, externalId, account);
        }
        var status = StatusOf(outcome);
        var c = outcome.Value!;
        return new RowResult(status, new ImportRowView(row.Row, status, externalId, c.AccountNumber, c.Name, Amount: c.CreditLimit, Currency: c.Currency));
    }
}
