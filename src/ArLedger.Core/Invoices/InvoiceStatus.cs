namespace ArLedger.Invoices;

/// <summary>Where an invoice stands in its life: what was paid, written off or cancelled of it.</summary>
public enum InvoiceStatus
{
    Open,
    PartiallyPaid,
    Paid,
    WrittenOff,
    Cancelled,
}

/// <summary>The statuses a clerk filters the invoice list by; overdue and disputed cut across the others.</summary>
public enum InvoiceFilter
{
    Open,
    PartiallyPaid,
    Paid,
    Overdue,
    Disputed,
    WrittenOff,
}

public static class InvoiceStatuses
{
    public static InvoiceStatus Of(decimal amount, decimal allocated, decimal writtenOff, bool reversed)
    {
        var open = amount - allocated - writtenOff;
        if (reversed)
            return InvoiceStatus.Cancelled;
        if (open <= 0)
            return writtenOff > 0 ? InvoiceStatus.WrittenOff : InvoiceStatus.Paid;
        return open < amount ? InvoiceStatus.PartiallyPaid : InvoiceStatus.Open;
    }

    public static InvoiceStatus Of(Invoice i) => Of(i.Amount, i.AllocatedAmount, i.WrittenOffAmount, i.IsReversed);

    /// <summary>Days past the due date of what is still open; zero when nothing is open or it is not yet due.</summary>
    public static int DaysOverdue(DateOnly dueDate, decimal open, DateOnly today) =>
        open > 0 && dueDate < today ? today.DayNumber - dueDate.DayNumber : 0;
}
