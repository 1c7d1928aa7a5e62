using System.Globalization;

namespace ArLedger.Aging;

/// <summary>What the age of an open item counts from.</summary>
public enum AgingBasis
{
    /// <summary>Days past the due date; not yet due is "current".</summary>
    DueDate,
    /// <summary>Days since the invoice date.</summary>
    InvoiceDate,
}

/// <summary>
/// Aging buckets by their inclusive upper bounds in days, the last bucket open-ended: {0, 30, 60, 90} is
/// current (not due), 1-30, 31-60, 61-90 and over 90 days. Bounds are checked once, here.
/// </summary>
public sealed record AgingBuckets
{
    public static readonly AgingBuckets Standard = new([0, 30, 60, 90]);

    public AgingBuckets(IReadOnlyList<int> bounds)
    {
        if (bounds.Count is < 1 or > 10)
            throw new ArgumentException("Between 1 and 10 bucket bounds are needed.", nameof(bounds));
        for (var i = 0; i < bounds.Count; i++)
        {
            if (bounds[i] < 0 || (i > 0 && bounds[i] <= bounds[i - 1]))
                throw new ArgumentException("Bucket bounds must be ascending and not negative.", nameof(bounds));
        }
        Bounds = [.. bounds];
    }

    public int[] Bounds { get; }

    /// <summary>How many buckets, one more than the bounds.</summary>
    public int Count => Bounds.Length + 1;

    /// <summary>The bucket of an item so many days old (or overdue); 0 for not yet due.</summary>
    public int IndexOf(int days)
    {
        var i = 0;
        while (i < Bounds.Length && days > Bounds[i])
            i++;
        return i;
    }

    /// <summary>PostgreSQL's width_bucket(days, thresholds) gives <see cref="IndexOf"/> with these thresholds.</summary>
    public int[] Thresholds => [.. Bounds.Select(b => b + 1)];

    /// <summary>Parses "0,30,60,90"; a blank or malformed text gives the standard buckets.</summary>
    public static AgingBuckets Parse(string? text) => string.IsNullOrWhiteSpace(text) ? Standard : Read(text) ?? Standard;

    /// <summary>The buckets "0,30,60,90" says, or null when the text is not ascending whole days (1 to 10 of them).</summary>
    public static AgingBuckets? Read(string text)
    {
        var bounds = new List<int>();
        foreach (var p in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
                return null;
            bounds.Add(b);
        }
        try
        {
            return new AgingBuckets(bounds);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public override string ToString() => string.Join(",", Bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The days a bucket holds, both ends inclusive: no start for the first bucket, no end for the last.</summary>
    public (int? From, int? To) Range(int bucket) =>
        (bucket == 0 ? null : Bounds[bucket - 1] + 1, bucket < Bounds.Length ? Bounds[bucket] : null);
}
