using ArLedger.Aging;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Aging;

/// <summary>How the aging report's columns read in the manager's language, on the page, in the chart and in the exports.</summary>
public static class AgingWording
{
    /// <summary>A heading per bucket: "Current" when the first holds what is not yet due, then "1-30 d" ... "> 90 d".</summary>
    public static IReadOnlyList<string> Labels(AgingBuckets buckets, AgingBasis basis, IStringLocalizer t) =>
        [.. Enumerable.Range(0, buckets.Count).Select(i => buckets.Range(i) switch
        {
            (null, 0) when basis == AgingBasis.DueDate => t["Current"].Value,
            (null, { } to) => t["{0}-{1} d", 0, to].Value,
            ({ } from, { } to) => t["{0}-{1} d", from, to].Value,
            ({ } from, null) => t["> {0} d", from - 1].Value,
            (null, null) => "",
        })];
}
