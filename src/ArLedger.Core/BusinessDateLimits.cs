namespace ArLedger;

/// <summary>
/// How far from today a business date may lie (BusinessDates section): 10 years back and 1 year ahead by default,
/// and a payment is received at most a few days ahead (a transfer announced by the bank before its value date).
/// </summary>
public sealed class BusinessDateLimits
{
    public int YearsBack { get; init; } = 10;
    public int YearsAhead { get; init; } = 1;
    public int PaymentDaysAhead { get; init; } = 5;

    public DateWindow Around(DateOnly today) =>
        new(today.AddYears(-YearsBack), today.AddYears(YearsAhead), today.AddDays(PaymentDaysAhead));
}

/// <summary>The business dates accepted today: documents between <see cref="Earliest"/> and <see cref="Latest"/>;
/// a payment received no later than <see cref="LatestReceipt"/>.</summary>
public readonly record struct DateWindow(DateOnly Earliest, DateOnly Latest, DateOnly LatestReceipt)
{
    /// <summary>Wide enough for every date, for code that checks none (a validator built outside a request).</summary>
    public static readonly DateWindow Any = new(DateOnly.MinValue, DateOnly.MaxValue, DateOnly.MaxValue);

    public bool Contains(DateOnly date) => date >= Earliest && date <= Latest;
}
