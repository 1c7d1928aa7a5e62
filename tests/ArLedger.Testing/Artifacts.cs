namespace ArLedger.Testing;

/// <summary>Where tests leave what a person looks at after a run (PDFs, pictures of pages, screenshots).</summary>
public static class Artifacts
{
    /// <summary>ARLEDGER_ARTIFACTS, or the folder artifacts/ at the repository root, or a folder in it; created if missing.</summary>
    public static string Directory(string? folder = null)
    {
        var dir = Environment.GetEnvironmentVariable("ARLEDGER_ARTIFACTS");
        if (string.IsNullOrEmpty(dir))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ArLedger.sln")))
                root = root.Parent;
            dir = Path.Combine(root?.FullName ?? Path.GetTempPath(), "artifacts");
        }
        if (folder is not null)
            dir = Path.Combine(dir, folder);
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}
