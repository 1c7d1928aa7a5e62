using System.Globalization;

namespace ArLedger.Web.Collections;

/// <summary>Instants are stored in UTC; clerks read them in the company's time (Paris).</summary>
public static class Moments
{
    static readonly TimeZoneInfo CompanyTime = Find();

    public static string Show(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, CompanyTime).ToString("g", CultureInfo.CurrentCulture);

    public static string Show(DateTimeOffset? instant) => instant is { } i ? Show(i) : "";

    public static string Day(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, CompanyTime).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The company's calendar day of an instant, to compare with business dates.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, CompanyTime).DateTime);

    static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc; // an image without tzdata
        }
    }
}
