using System.Diagnostics;

namespace ArLedger.Testing;

/// <summary>Reads PDFs back the way a person would: their text (pdftotext) and a picture of a page (pdftoppm), from poppler-utils.</summary>
public static class PdfTools
{
    /// <summary>Keeps <paramref name="pdf"/> as pdf/<paramref name="name"/>.pdf in the artifacts with a picture of its first page, and returns its text.</summary>
    public static async Task<string> KeepAndReadAsync(byte[] pdf, string name, int dpi = 60, bool layout = false)
    {
        var path = Path.Combine(Artifacts.Directory("pdf"), name + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        await PageToPngAsync(path, 1, dpi);
        return await TextAsync(path, layout: layout);
    }

    /// <summary>The text of the PDF, or of one page; <paramref name="layout"/> keeps the columns of a table on one line.</summary>
    public static async Task<string> TextAsync(string pdfPath, int? page = null, bool layout = false)
    {
        var range = page is { } p ? $"-f {p} -l {p} " : "";
        var mode = layout ? "-layout " : "";
        return await RunAsync("pdftotext", $"-enc UTF-8 {mode}{range}\"{pdfPath}\" -");
    }

    public static async Task<int> PageCountAsync(string pdfPath)
    {
        var info = await RunAsync("pdfinfo", $"\"{pdfPath}\"");
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
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
