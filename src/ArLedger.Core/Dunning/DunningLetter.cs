using System.Globalization;

namespace ArLedger.Dunning;

/// <summary>The addressee of a letter, in the customer's language and currency.</summary>
public sealed record LetterCustomer(long Id, string AccountNumber, string Name, IReadOnlyList<string> Address, string Language, string Currency);

/// <summary>An invoice as a letter prints it.</summary>
public sealed record LetterLine(string Number, DateOnly InvoiceDate, DateOnly DueDate, int DaysOverdue, decimal InvoiceAmount,
    decimal AmountDue, decimal Interest, decimal Compensation, decimal Disputed);

/// <summary>
/// What one dunning letter says, built from a proposal: to whom, at which level, which invoices and every amount
/// claimed. The layout, the email and the preview all read it, so they agree to the cent.
/// </summary>
public sealed record DunningLetter(
    LetterCustomer Customer,
    int LevelNo,
    string LevelName,
    DateOnly AsOf,
    DateOnly LetterDate,
    DateOnly? Deadline,
    IReadOnlyList<LetterLine> Lines,
    decimal FixedFee,
    decimal PreviousCharges,
    bool ClaimsInterest,
    bool ClaimsCompensation,
    IReadOnlyList<string> MissingRates)
{
    public decimal Principal => Lines.Sum(l => l.AmountDue);
    public decimal Interest => Lines.Sum(l => l.Interest);
    public decimal Compensation => Lines.Sum(l => l.Compensation);
    /// <summary>What the letter asks for: the invoices, the charges it claims now and those claimed before and unpaid.</summary>
    public decimal TotalDue => Principal + Interest + Compensation + FixedFee + PreviousCharges;

    /// <summary>The archive's business key: as-of date and level, e.g. "2026-03-16/2".</summary>
    public string PeriodKey => PeriodKeyOf(AsOf, LevelNo);

    public static string PeriodKeyOf(DateOnly asOf, int levelNo) =>
        string.Create(CultureInfo.InvariantCulture, $"{asOf:yyyy-MM-dd}/{levelNo}");

    public string FileName => string.Create(CultureInfo.InvariantCulture,
        $"{(Customer.Language == "en" ? "reminder" : "relance")}-{LevelNo}-{Customer.AccountNumber}-{AsOf:yyyy-MM-dd}.pdf").Replace(' ', '-');

    /// <summary>The email's correlation key: one message per customer, as-of date and level.</summary>
    public string CorrelationKey => string.Create(CultureInfo.InvariantCulture, $"dunning:{AsOf:yyyy-MM-dd}:{LevelNo}:{Customer.AccountNumber}");
}
