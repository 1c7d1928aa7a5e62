using System.Text.RegularExpressions;
using ArLedger.Testing;
using Microsoft.Extensions.Configuration;

namespace ArLedger.Core.Tests;

/// <summary>The company's business date and wall clock, and the rule that nothing else computes "today".</summary>
public sealed partial class BusinessCalendarTests
{
    static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void At_23_30_UTC_on_a_winter_day_the_business_date_is_the_next_Paris_day()
    {
        var calendar = BusinessCalendar.From(Settings(), new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2026, 12, 2), calendar.Today);
        Assert.Equal(new DateTime(2026, 12, 2, 0, 30, 0), calendar.ToLocal(calendar.Now).DateTime);
    }

    [Fact]
    public void In_summer_Paris_is_two_hours_ahead_so_22_30_UTC_is_already_tomorrow()
    {
        var calendar = new BusinessCalendar(new FakeTimeProvider(new DateTimeOffset(2026, 7, 14, 22, 30, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2026, 7, 15), calendar.Today);
    }

    [Fact]
    public void The_zone_comes_from_Company_TimeZone_and_the_older_Jobs_TimeZone_is_still_read()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 1), BusinessCalendar.From(Settings(("Company:TimeZone", "America/New_York")), clock).Today);
        Assert.Equal(new DateOnly(2026, 12, 1), BusinessCalendar.From(Settings(("Jobs:TimeZone", "UTC")), clock).Today);
        Assert.Equal("Europe/Paris", BusinessCalendar.From(Settings(("Company:TimeZone", "Europe/Paris"), ("Jobs:TimeZone", "UTC")), clock).Zone.Id);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_at_start_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BusinessCalendar.From(Settings(("Company:TimeZone", "Mars/Olympus")), new FakeTimeProvider(TestTime.Start)));

        Assert.Contains("Company:TimeZone 'Mars/Olympus'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A date taken from an instant (DateOnly.FromDateTime, ToLocalTime, a converted time zone) anywhere but the
    /// calendar would be the UTC date or the server's, not the company's: the source must not contain one.
    /// </summary>
    [Fact]
    public void Every_today_and_every_shown_time_in_src_goes_through_the_business_calendar()
    {
        var src = Path.Combine(Repository.Root(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "BusinessCalendar.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => DateFromInstant().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Read dates and local times through BusinessCalendar:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"DateOnly\.FromDateTime\(|\.ToLocalTime\(|TimeZoneInfo\.ConvertTime|GetLocalNow\(|DateTime\.(Now|Today|UtcNow)\b")]
    private static partial Regex DateFromInstant();
}
