namespace ArLedger.Web.Collections;

/// <summary>What the _Pager partial needs: where the list stands and how to link to another page of it.</summary>
public sealed record PagerModel(int PageNumber, int PageSize, int TotalCount, int PageCount, Func<int, string?> Link)
{
    public static PagerModel For<T>(Page<T> page, Func<int, string?> link) =>
        new(page.PageNumber, page.PageSize, page.TotalCount, page.PageCount, link);

    /// <summary>The page numbers to offer: the first, the last, and two either side of the current one; 0 marks a gap.</summary>
    public IEnumerable<int> Pages
    {
        get
        {
            var previous = 0;
            for (var p = 1; p <= PageCount; p++)
            {
                if (p != 1 && p != PageCount && Math.Abs(p - PageNumber) > 2)
                    continue;
                if (previous != 0 && p - previous > 1)
                    yield return 0;
                yield return previous = p;
            }
        }
    }
}
