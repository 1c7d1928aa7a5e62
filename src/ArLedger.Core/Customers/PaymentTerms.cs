namespace ArLedger.Customers;

/// <summary>How an end-of-month rule counts: French "45 jours fin de mois" is read both ways in practice.</summary>
public enum EndOfMonthRule
{
    /// <summary>Due N days after the invoice date ("30 jours net").</summary>
    None,
    /// <summary>Invoice date + N days, then to the end of that month.</summary>
    DaysThenEndOfMonth,
    /// <summary>End of the invoice month, then + N days.</summary>
    EndOfMonthThenDays,
}

/// <summary>Payment terms: when an invoice falls due, and an optional early-payment discount.</summary>
public class PaymentTerms
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Days { get; set; }
    public EndOfMonthRule EndOfMonth { get; set; }
    public int? DiscountDays { get; set; }
    public decimal? DiscountPercent { get; set; }

    public DateOnly DueDate(DateOnly invoiceDate) => EndOfMonth switch
    {
        EndOfMonthRule.None => invoiceDate.AddDays(Days),
        EndOfMonthRule.DaysThenEndOfMonth => EndOfMonthOf(invoiceDate.AddDays(Days)),
        EndOfMonthRule.EndOfMonthThenDays => EndOfMonthOf(invoiceDate).AddDays(Days),
    };

    public DateOnly? DiscountDeadline(DateOnly invoiceDate) =>
        DiscountDays is int d && DiscountPercent is > 0 ? invoiceDate.AddDays(d) : null;

    static DateOnly EndOfMonthOf(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));
}
