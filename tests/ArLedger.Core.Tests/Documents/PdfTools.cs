using System.Diagnostics;

namespace ArLedger.Core.Tests.Documents;

/// <summary>Reads PDFs back the way a person would: their text (pdftotext) and a picture of a page (pdftoppm), from poppler-utils.</summary>
static class PdfTools
{
    /// <summary>ARLEDGER_ARTIFACTS, or the folder artifacts/ at the repository root; kept after the run for people to look at.</summary>
    public static string ArtifactsDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("ARLEDGER_ARTIFACTS");
        if (string.IsNullOrEmpty(dir))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ArLedger.sln")))
                root = root.Parent;
            dir = Path.Combine(root?.FullName ?? Path.GetTempPath(), "artifacts");
        }
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static async Task<string> TextAsync(string pdfPath, int? page = null)
    {
        var range = page is { } p ? $"-f {p} -l {p} " : "";
        return await RunAsync("pdftotext", $"-enc UTF-8 {range}\"{pdfPath}\" -");
    }

    public static async Task<int> PageCountAsync(string pdfPath)
    {
        var info = await RunAsync("pdfinfo", $"\"{pdfPath}\"");
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim());
    }

    /// <summary>Writes page <paramref name="page"/> as PNG next to the PDF and returns its path.</summary>
    public static async Task<string> PageToPngAsync(string pdfPath, int page = 1, int dpi = 60)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdfPath)!, Path.GetFileNameWithoutExtension(pdfPath) + $"-page{page}");
        await RunAsync("pdftoppm", $"-png -r {dpi} -f {page} -l {page} -singlefile \"{pdfPath}\" \"{prefix}\"");
        return prefix + ".png";
    }

    static async Task<string> RunAsync(string tool, string arguments)
    {
        var psi = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
