namespace ArLedger.Customers;

/// <summary>A customer account (compte client 411): who owes, on which terms, in which currency.</summary>
public class Customer
{
    public long Id { get; set; }
    public required string AccountNumber { get; set; }
    public required string Name { get; set; }
    public string? LegalId { get; set; }
    public string? VatNumber { get; set; }
    public Address BillingAddress { get; set; } = new();
    public string? StatementEmail { get; set; }
    public string? DunningEmail { get; set; }
    public string? Phone { get; set; }
    /// <summary>"fr" or "en": the language of letters and statements.</summary>
    public string Language { get; set; } = "fr";
    public long PaymentTermsId { get; set; }
    public PaymentTerms? PaymentTerms { get; set; }
    public decimal? CreditLimit { get; set; }
    public string Currency { get; set; } = "EUR";
    public long? CollectorId { get; set; }
    public bool OnHold { get; set; }
    public string? OnHoldReason { get; set; }
    public string? ExternalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A postal address, placed in the window of an envelope on letters.</summary>
public class Address
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string Country { get; set; } = "FR";
}
