namespace ArLedger.Testing;

/// <summary>The checkout the tests run from, for tests that read its sources or documents.</summary>
public static class Repository
{
    /// <summary>The folder holding ArLedger.sln above the test binaries.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ArLedger.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
