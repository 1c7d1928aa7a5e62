using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Jobs;

/// <summary>
/// A schedule in words, in the reader's language: "every Monday at 06:00", "on the 1st of each month at 07:00".
/// It knows the shapes our schedules take (every minute, every day, a day of the week, a day of the month, the
/// last day of the month, at one time) and gives the cron text itself for any other.
/// </summary>
public static partial class ScheduleWords
{
    // minute hour day-of-month month day-of-week, with the month always "*".
    [GeneratedRegex(@"^(?<m>\d{1,2}) (?<h>\d{1,2}) (?<dom>\*|L|\d{1,2}) \* (?<dow>\*|[0-7]|[A-Za-z]{3})$")]
    private static partial Regex AtTime();

    [GeneratedRegex(@"^\*/(?<n>\d{1,2}) \* \* \* \*$")]
    private static partial Regex EveryMinutes();

    static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string Describe(string cron, IStringLocalizer t)
    {
        var text = string.Join(' ', cron.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text == "* * * * *")
            return t["every minute"];
        if (EveryMinutes().Match(text) is { Success: true } every)
            return t["every {0} minutes", int.Parse(every.Groups["n"].Value, CultureInfo.InvariantCulture)];
        var match = AtTime().Match(text);
        if (!match.Success || Time(match) is not { } time)
            return cron;
        var (dom, dow) = (match.Groups["dom"].Value, match.Groups["dow"].Value);
        if (dom == "*" && dow == "*")
            return t["every day at {0}", time];
        if (dom == "*" && Day(dow) is { } day)
            return t["every {0} at {1}", CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day), time];
        if (dow != "*")
            return cron;
        if (dom == "L")
            return t["on the last day of each month at {0}", time];
        var n = int.Parse(dom, CultureInfo.InvariantCulture);
        return n is >= 1 and <= 31 ? t["on the {0} of each month at {1}", Ordinal(n), time] : cron;
    }

    static string? Time(Match match)
    {
        var (m, h) = (int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture));
        return m < 60 && h < 24 ? new TimeOnly(h, m).ToString("HH:mm", CultureInfo.InvariantCulture) : null;
    }

    static DayOfWeek? Day(string dow)
    {
        if (int.TryParse(dow, CultureInfo.InvariantCulture, out var n))
            return (DayOfWeek)(n % 7);
        var i = Array.IndexOf(DayNames, dow.ToUpperInvariant());
        return i < 0 ? null : (DayOfWeek)i;
    }

    /// <summary>1st, 2nd, 3rd… in English; 1er, 2, 3… in French.</summary>
    static string Ordinal(int n)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr")
            return n == 1 ? "1er" : n.ToString(CultureInfo.InvariantCulture);
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }
}
