using Microsoft.Extensions.Configuration;

namespace ArLedger;

/// <summary>
/// The company's calendar: today's business date and the local time of an instant, in the company's time zone
/// (Company:TimeZone, Europe/Paris by default). Instants are stored in UTC; a business date is the Paris date, so
/// at 00:30 in Paris (23:30 UTC in winter) a clerk's "today" is already the new day. Everything that asks for
/// "today" or shows a time to a person comes here, so no page or job can fall back to the UTC date.
/// </summary>
public sealed class BusinessCalendar(TimeProvider clock, TimeZoneInfo zone, BusinessDateLimits? limits = null)
{
    public const string DefaultZone = "Europe/Paris";

    public BusinessCalendar(TimeProvider clock) : this(clock, FindZone(DefaultZone)) { }

    public BusinessDateLimits Limits { get; } = limits ?? new BusinessDateLimits();

    /// <summary>The business dates accepted today (a date of 2999 is a typo, and would overflow a due date).</summary>
    public DateWindow Window => Limits.Around(Today);

    public TimeZoneInfo Zone => zone;

    /// <summary>The clock underneath, for parts that only stamp instants.</summary>
    public TimeProvider Clock => clock;

    /// <summary>The current instant, for stamping rows; the same clock "today" is read from.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The company's business date now.</summary>
    public DateOnly Today => DateOf(clock.GetUtcNow());

    /// <summary>An instant as the company's wall clock shows it.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>The company's calendar day of an instant, to compare with business dates.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>
    /// Reads Company:TimeZone (an IANA name such as Europe/Paris); the older Jobs:TimeZone is still read when the
    /// new one is absent, so an existing deployment keeps its zone.
    /// </summary>
    public static BusinessCalendar From(IConfiguration? configuration, TimeProvider clock) =>
        new(clock, ZoneFrom(configuration), configuration?.GetSection("BusinessDates").Get<BusinessDateLimits>());

    public static TimeZoneInfo ZoneFrom(IConfiguration? configuration) =>
        FindZone(configuration?["Company:TimeZone"] ?? configuration?["Jobs:TimeZone"] ?? DefaultZone);

    static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new InvalidOperationException($"Company:TimeZone '{id}' is not a time zone this system knows (expected an IANA name such as Europe/Paris).", e);
        }
    }
}
