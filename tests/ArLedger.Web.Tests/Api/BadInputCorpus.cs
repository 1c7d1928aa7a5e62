using ArLedger.Imports;

namespace ArLedger.Web.Tests.Api;

/// <summary>How a bad input reaches the app.</summary>
public enum BadInputChannel
{
    /// <summary>A JSON body to an /api/v1 endpoint, with an API key: a 4xx ProblemDetails whose errors name the field.</summary>
    Api,
    /// <summary>A page's form, signed in: the form shown again with the field marked invalid.</summary>
    Form,
    /// <summary>A CSV file on the import page: the preview names the row and the column.</summary>
    Csv,
}

/// <summary>
/// One bad input: where it goes, the valid request it spoils and how, and the field the answer must name. In bodies and
/// forms <c>{account}</c>, <c>{invoice}</c> and <c>{payment}</c> stand for a customer, an open invoice and a payment of
/// the test's book (in targets <c>{allocation}</c> for an allocation of part of that payment to that invoice), <c>{new}</c> for a fresh account number and <c>{today}</c> for today.
/// </summary>
public sealed record BadInput(string Name, BadInputChannel Channel, string Target, string Role, string Base, string Field,
    string? Value, ImportKind Kind = ImportKind.Customers)
{
    public override string ToString() => Name;
}

/// <summary>The corpus: at least 150 bad inputs, each once, named "channel target field: what".</summary>
public static class BadInputCorpus
{
    const string Customer = """{"accountNumber":"{new}","name":"Client corpus","currency":"EUR"}""";
    const string InvoiceTotals = """{"customerAccountNumber":"{account}","invoiceDate":"{today}","netAmount":100,"vatAmount":20}""";
    const string InvoiceLines = """{"customerAccountNumber":"{account}","invoiceDate":"{today}","lines":[{"description":"Farine","quantity":1,"unitPrice":10,"vatRate":20}]}""";
    const string Payment = """{"customerAccountNumber":"{account}","amount":10,"receivedOn":"{today}"}""";
    const string PaymentAllocated = """{"customerAccountNumber":"{account}","amount":10,"receivedOn":"{today}","allocations":[{"invoiceNumber":"{invoice}","amount":5}]}""";
    const string CreditNote = """{"customerAccountNumber":"{account}","creditNoteDate":"{today}","netAmount":10,"vatAmount":2}""";
    const string Allocation = """{"invoiceNumber":"{invoice}","paymentNumber":"{payment}","amount":1}""";
    const string Reversal = """{"reason":"wrong invoice"}""";
    const string Dispute = """{"invoiceNumber":"{invoice}","amount":1,"reason":"Price"}""";
    const string BankAccount = """{"name":"Compte {new}","currency":"EUR","iban":"FR7630006000011234567890189"}""";

    /// <summary>Removes the field instead of setting it.</summary>
    public const string Missing = "<missing>";

    const string Nul = "\"a\\u0000b\"";
    static string Long(int n) => "\"" + new string('x', n) + "\"";

    static IEnumerable<BadInput> Api(string target, string role, string body, string field, params (string What, string Value)[] values) =>
        values.Select(v => new BadInput($"api {target} {field}: {v.What}", BadInputChannel.Api, target, role, body, field, v.Value));

    static IEnumerable<BadInput> Form(string target, string role, string fields, string field, params (string What, string Value)[] values) =>
        values.Select(v => new BadInput($"form {target} {field}: {v.What}", BadInputChannel.Form, target, role, fields, field, v.Value));

    static IEnumerable<BadInput> Csv(ImportKind kind, string column, params (string What, string Value)[] values) =>
        values.Select(v => new BadInput($"csv {kind} {column}: {v.What}", BadInputChannel.Csv, "/Imports", "Clerk", "", column, v.Value, kind));

    static readonly (string, string) NulText = ("NUL character", Nul);
    static readonly (string, string) Absent = ("missing", Missing);
    static readonly (string, string) Empty = ("empty", "\"\"");
    static readonly (string, string) Number = ("a number for a text", "12");
    static readonly (string, string) Text = ("text for a number", "\"lots\"");
    static readonly (string, string) Overflow = ("overflows numeric(14,2)", "1e15");
    static readonly (string, string) ThirdDecimal = ("a third decimal", "0.001");
    static readonly (string, string) Zero = ("zero", "0");
    static readonly (string, string) Negative = ("negative", "-1");
    static readonly (string, string) FarFuture = ("9999-12-31", "\"9999-12-31\"");
    static readonly (string, string) NotADate = ("not a date", "\"yesterday\"");
    static readonly (string, string) UnknownCustomer = ("an unknown customer", "\"NOPE-404\"");
    static readonly (string, string) UnknownDocument = ("an unknown document", "\"NOPE-404\"");
    static readonly (string, string) UnknownField = ("a field the request does not take", "\"blue\"");

    public static readonly IReadOnlyList<BadInput> All =
    [
        // Customers (a manager's key: a clerk may not set a credit limit at all).
        .. Api("/api/v1/customers", "Manager", Customer, "accountNumber", Absent, Empty, ("blank", "\"   \""), ("21 characters", Long(21)),
            ("a space", "\"A B\""), ("an accent", "\"ÉCOLE\""), NulText, Number, ("an array", "[]"), ("null", "null")),
        .. Api("/api/v1/customers", "Manager", Customer, "name", Absent, Empty, ("201 characters", Long(201)), NulText, Number, ("an object", "{}"), ("null", "null")),
        .. Api("/api/v1/customers", "Manager", Customer, "currency", ("XXX", "\"XXX\""), ("two letters", "\"EU\""), ("four letters", "\"EURO\""), Empty, ("a number", "978")),
        .. Api("/api/v1/customers", "Manager", Customer, "language", ("de", "\"de\""), Empty, ("a number", "1")),
        .. Api("/api/v1/customers", "Manager", Customer, "paymentTerms", Empty, ("unknown terms", "\"NET999\""), NulText),
        .. Api("/api/v1/customers", "Manager", Customer, "creditLimit", Negative, ThirdDecimal, ("1e20", "1e20"), Text),
        .. Api("/api/v1/customers", "Manager", Customer, "statementEmail", ("no @", "\"x\""), ("@@", "\"@@\""), NulText, Number),
        .. Api("/api/v1/customers", "Manager", Customer, "dunningEmail", ("no domain", "\"x@\""), ("words", "\"not an email\"")),
        .. Api("/api/v1/customers", "Manager", Customer, "billingAddress", ("a text", "\"somewhere\"")),
        .. Api("/api/v1/customers", "Manager", Customer, "billingAddress.country", ("ZZ", "\"ZZ\""), ("three letters", "\"FRA\""), ("a digit", "\"1\"")),
        .. Api("/api/v1/customers", "Manager", Customer, "billingAddress.line1", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/customers", "Manager", Customer, "billingAddress.postalCode", NulText, ("100 characters", Long(100))),
        .. Api("/api/v1/customers", "Manager", Customer, "billingAddress.city", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/customers", "Manager", Customer, "phone", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/customers", "Manager", Customer, "vatNumber", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/customers", "Manager", Customer, "legalId", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/customers", "Manager", Customer, "externalId", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/customers", "Manager", Customer, "onHold", ("yes", "\"yes\"")),
        .. Api("/api/v1/customers", "Manager", Customer, "collectorId", Text, ("an unknown collector", "987654321")),
        .. Api("/api/v1/customers", "Manager", Customer, "onHoldReason", NulText),
        .. Api("/api/v1/customers", "Manager", Customer, "colour", UnknownField),
        .. Api("/api/v1/customers", "Manager", Customer, "billingAddress.floor", UnknownField),

        // Invoices, from totals and from lines.
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "customerAccountNumber", Absent, Empty, UnknownCustomer, NulText, Number),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "invoiceDate", Absent, FarFuture, ("1999-01-01", "\"1999-01-01\""), ("30 February", "\"2026-02-30\""),
            NotADate, ("a number", "20260301"), Empty, ("null", "null")),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "dueDate", ("before the invoice", "\"2000-01-01\""), FarFuture, NotADate),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "netAmount", Overflow, ThirdDecimal, Text, ("negative", "-100")),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "vatAmount", Overflow, ThirdDecimal, Text),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "number", ("41 characters", Long(41)), NulText),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "reference", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "description", NulText, ("10,000 characters", Long(10_000))),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "externalId", ("101 characters", Long(101)), NulText),
        .. Api("/api/v1/invoices", "Clerk", InvoiceLines, "lines", ("a text", "\"x\"")),
        .. Api("/api/v1/invoices", "Clerk", InvoiceLines, "lines[0].description", Empty, NulText, Absent, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/invoices", "Clerk", InvoiceLines, "lines[0].quantity", Zero, Negative, ("1e20", "1e20"), Text),
        .. Api("/api/v1/invoices", "Clerk", InvoiceLines, "lines[0].unitPrice", ("1e20", "1e20"), Text),
        .. Api("/api/v1/invoices", "Clerk", InvoiceLines, "lines[0].vatRate", Negative, ("101", "101"), Text),
        .. Api("/api/v1/invoices", "Clerk", InvoiceTotals, "currency", ("USD for a EUR customer", "\"USD\""), ("XXX", "\"XXX\""), Number),
        .. Api("/api/v1/invoices", "Clerk", InvoiceLines, "lines[0].discount", UnknownField),

        // Payments.
        .. Api("/api/v1/payments", "Clerk", Payment, "customerAccountNumber", Empty, UnknownCustomer, NulText),
        .. Api("/api/v1/payments", "Clerk", Payment, "amount", Zero, Negative, ThirdDecimal, Overflow, Text, Absent),
        .. Api("/api/v1/payments", "Clerk", Payment, "receivedOn", Absent, ("2999-01-01", "\"2999-01-01\""), ("1999-01-01", "\"1999-01-01\""),
            ("a month ahead", "\"{today+30}\""), NotADate, Empty),
        .. Api("/api/v1/payments", "Clerk", Payment, "valueDate", FarFuture, NotADate),
        .. Api("/api/v1/payments", "Clerk", Payment, "method", ("Gold", "\"Gold\""), Empty, ("99", "99")),
        .. Api("/api/v1/payments", "Clerk", Payment, "reference", NulText, ("1,000 characters", Long(1000))),
        .. Api("/api/v1/payments", "Clerk", Payment, "number", ("41 characters", Long(41))),
        .. Api("/api/v1/payments", "Clerk", Payment, "externalId", ("101 characters", Long(101))),
        .. Api("/api/v1/payments", "Clerk", Payment, "allocations", ("a text", "\"x\"")),
        .. Api("/api/v1/payments", "Clerk", PaymentAllocated, "allocations[0].invoiceNumber", ("an unknown invoice", "\"NOPE-404\""), Empty, NulText),
        .. Api("/api/v1/payments", "Clerk", PaymentAllocated, "allocations[0].amount", Negative, Zero, ThirdDecimal),
        .. Api("/api/v1/payments", "Clerk", PaymentAllocated, "allocations[0].kind", ("a payment", "\"Payment\""), ("unknown", "\"Gift\"")),
        .. Api("/api/v1/payments", "Clerk", Payment, "currency", ("USD for a EUR customer", "\"USD\""), ("two letters", "\"US\"")),
        .. Api("/api/v1/payments", "Clerk", Payment, "colour", UnknownField),
        .. Api("/api/v1/payments", "Clerk", PaymentAllocated, "allocations[0].colour", UnknownField),

        // Credit notes.
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "creditNoteDate", Absent, FarFuture, NotADate),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "customerAccountNumber", Empty, UnknownCustomer),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "invoiceNumber", UnknownDocument, NulText),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "netAmount", Text, Overflow, ("negative", "-10")),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "vatAmount", Overflow),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "number", ("41 characters", Long(41))),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "reason", NulText),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "externalId", ("101 characters", Long(101))),
        .. Api("/api/v1/credit-notes", "Clerk", CreditNote, "currency", ("USD for a EUR customer", "\"USD\"")),

        // Allocations.
        .. Api("/api/v1/allocations", "Clerk", Allocation, "amount", Zero, Negative, Overflow, Text),
        .. Api("/api/v1/allocations", "Clerk", Allocation, "invoiceNumber", Empty, UnknownDocument, NulText),
        .. Api("/api/v1/allocations", "Clerk", Allocation, "paymentNumber", UnknownDocument),
        .. Api("/api/v1/allocations", "Clerk", Allocation, "date", FarFuture, NotADate),
        .. Api("/api/v1/allocations", "Clerk", Allocation, "colour", UnknownField),
        .. Api("/api/v1/allocations/{allocation}/reverse", "Clerk", Reversal, "reason", Absent, Empty, ("blank", "\"  \"")),
        .. Api("/api/v1/allocations/{allocation}/reverse", "Clerk", Reversal, "date", ("before the allocation", "\"1999-01-01\""),
            ("after today", "\"{today+30}\""), NotADate),
        .. Api("/api/v1/allocations/{allocation}/reverse", "Clerk", Reversal, "colour", UnknownField),

        // Disputes.
        .. Api("/api/v1/disputes", "Clerk", Dispute, "amount", Zero, Negative, ("more than the invoice", "1000000000"), Text),
        .. Api("/api/v1/disputes", "Clerk", Dispute, "reason", ("Angry", "\"Angry\""), Empty),
        .. Api("/api/v1/disputes", "Clerk", Dispute, "invoiceNumber", Empty, UnknownDocument),
        .. Api("/api/v1/disputes", "Clerk", Dispute, "description", NulText),
        .. Api("/api/v1/disputes", "Clerk", Dispute, "ownerId", Text),
        .. Api("/api/v1/disputes", "Clerk", Dispute, "colour", UnknownField),

        // Bank accounts (administrators).
        .. Api("/api/v1/bank-accounts", "Admin", BankAccount, "name", Empty, NulText, Absent),
        .. Api("/api/v1/bank-accounts", "Admin", BankAccount, "currency", ("XXX", "\"XXX\""), Empty),
        .. Api("/api/v1/bank-accounts", "Admin", BankAccount, "iban", ("a bad check digit", "\"FR0030006000011234567890189\""), ("50 characters", Long(50))),
        .. Api("/api/v1/bank-accounts", "Admin", BankAccount, "bic", ("one letter", "\"X\"")),

        // Page forms (form fields, one per line, name=value).
        .. Form("/Customers/Create", "Clerk", CustomerForm, "Input.AccountNumber", ("empty", ""), ("a space", "A B"), ("21 characters", new string('A', 21))),
        .. Form("/Customers/Create", "Clerk", CustomerForm, "Input.Name", ("empty", ""), ("201 characters", new string('x', 201))),
        .. Form("/Customers/Create", "Clerk", CustomerForm, "Input.Currency", ("XXX", "XXX"), ("two letters", "EU")),
        .. Form("/Customers/Create", "Clerk", CustomerForm, "Input.Country", ("ZZ", "ZZ")),
        .. Form("/Customers/Create", "Clerk", CustomerForm, "Input.StatementEmail", ("no @", "x")),
        .. Form("/Customers/Create", "Clerk", CustomerForm, "Input.DunningEmail", ("@@", "@@")),
        .. Form("/Invoices/Create?customer={account}", "Clerk", InvoiceForm, "CustomerAccountNumber", ("empty", ""), ("an unknown customer", "NOPE-404")),
        .. Form("/Invoices/Create?customer={account}", "Clerk", InvoiceForm, "InvoiceDate", ("empty", ""), ("9999-12-31", "9999-12-31"), ("1999-01-01", "1999-01-01")),
        .. Form("/Invoices/Create?customer={account}", "Clerk", InvoiceForm, "Lines[0].Quantity", ("zero", "0"), ("text", "beaucoup")),
        .. Form("/Invoices/Create?customer={account}", "Clerk", InvoiceForm, "Lines[0].UnitPrice", ("text", "cher"), ("1e20", "100000000000000000000")),
        .. Form("/Payments/Record?customer={account}", "Clerk", PaymentForm, "Amount", ("zero", "0"), ("text", "dix"), ("overflow", "1000000000000000")),
        .. Form("/Payments/Record?customer={account}", "Clerk", PaymentForm, "ReceivedOn", ("2999-01-01", "2999-01-01"), ("empty", "")),
        .. Form("/Admin/Company", "Admin", CompanyForm, "Input.Name", ("empty", ""), ("201 characters", new string('x', 201))),
        .. Form("/Admin/Company", "Admin", CompanyForm, "Input.Siren", ("a wrong check digit", "552 100 555"), ("8 digits", "55210055"), ("letters", "ABCDEFGHI")),
        .. Form("/Admin/Company", "Admin", CompanyForm, "Input.Siret", ("a wrong check digit", "55210055400022"), ("another company's", "73282932000074")),
        .. Form("/Admin/Company", "Admin", CompanyForm, "Input.Iban", ("a wrong check digit", "FR7630006000011234567890188"), ("too short", "FR76")),
        .. Form("/Admin/Company", "Admin", CompanyForm, "Input.Bic", ("four letters", "AGRI"), ("9 characters", "AGRIFRPP1")),
        .. Form("/Admin/Company", "Admin", CompanyForm, "Input.VatNumber", ("a wrong French key", "FR12552100554"), ("no country", "552100554")),
        .. Form("/Admin/Company", "Admin", CompanyForm, "Input.SenderAddress", ("no @", "relances")),

        // CSV files (the French template with its example row, one column spoiled).
        .. Csv(ImportKind.Customers, "compte", ("empty", ""), ("a space", "A B"), ("21 characters", new string('A', 21))),
        .. Csv(ImportKind.Customers, "nom", ("empty", ""), ("201 characters", new string('x', 201))),
        .. Csv(ImportKind.Customers, "devise", ("XXX", "XXX")),
        .. Csv(ImportKind.Customers, "pays", ("ZZ", "ZZ")),
        .. Csv(ImportKind.Customers, "email_releves", ("no @", "x")),
        .. Csv(ImportKind.Invoices, "compte_client", ("an unknown customer", "NOPE-404")),
        .. Csv(ImportKind.Invoices, "date_facture", ("31/12/9999", "31/12/9999"), ("not a date", "hier"), ("30 February", "30/02/2026")),
        .. Csv(ImportKind.Invoices, "montant_ht", ("text", "cent"), ("overflow", "1000000000000000,00")),
        .. Csv(ImportKind.Invoices, "montant_tva", ("text", "vingt")),
        .. Csv(ImportKind.Payments, "montant", ("zero", "0"), ("text", "dix"), ("overflow", "1000000000000000,00")),
        .. Csv(ImportKind.Payments, "date_reglement", ("01/01/2999", "01/01/2999"), ("not a date", "hier")),
        .. Csv(ImportKind.Payments, "compte_client", ("an unknown customer", "NOPE-404")),
    ];

    const string CustomerForm = "Input.AccountNumber={new}\nInput.Name=Client corpus\nInput.Language=fr\nInput.PaymentTerms=NET30\nInput.Currency=EUR\nInput.Country=FR";
    const string InvoiceForm = "CustomerAccountNumber={account}\nInvoiceDate={today}\nLines[0].Description=Farine\nLines[0].Quantity=1\nLines[0].UnitPrice=10\nLines[0].VatRate=20";
    const string CompanyForm = "Input.Name=Société corpus\nInput.Siren=552100554\nInput.Siret=55210055400021\nInput.Iban=FR7630006000011234567890189\nInput.Bic=AGRIFRPP";
    const string PaymentForm = "customer={account}\nAmount=10\nReceivedOn={today}\nMethod=Transfer";
}
