using System.Globalization;

namespace ArLedger.Web.Collections;

/// <summary>
/// Instants are stored in UTC; people read them in the company's time zone (Company:TimeZone). Views get it as
/// <c>@Moments</c> (see _ViewImports), so every page shows the same wall clock as the business calendar.
/// </summary>
public sealed class Moments(BusinessCalendar calendar)
{
    public string Show(DateTimeOffset instant) => calendar.ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);

    public string Show(DateTimeOffset? instant) => instant is { } i ? Show(i) : "";

    public string Day(DateTimeOffset instant) => calendar.ToLocal(instant).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The company's calendar day of an instant, to compare with business dates.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => calendar.DateOf(instant);
}
