using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static ArLedger.Documents.PdfSharp.PageCursor;

namespace ArLedger.Documents.PdfSharp;

/// <summary>
/// Lays documents out on A4 with PDFsharp: the company header, the recipient placed for the window of a French
/// DL envelope (window on the right), the body, and on every page a footer with the legal mentions and
/// "Page n / total". Safe to share between threads: each call builds its own document.
/// </summary>
public sealed class PdfSharpRenderer : IPdfRenderer
{
    // A DL envelope with a right-hand window (45 x 100 mm, 20 mm from the right edge): once the sheet is folded in
    // three, the address must sit about 110 mm from the left and 45-50 mm from the top.
    static readonly double WindowLeft = Mm(110);
    static readonly double WindowTop = Mm(44);
    static readonly double WindowWidth = Mm(88);
    static readonly double WindowBottom = Mm(86);
    static readonly double DetailsTop = Mm(50);
    static readonly double FirstBodyTop = Mm(94);

    public PdfSharpRenderer() => PdfSharpSetup.EnsureInitialized();

    public byte[] Render(DocumentContent content)
    {
        var company = content.Company;
        using var pdf = new PdfDocument();
        pdf.Info.Title = content.Title;
        pdf.Info.Author = company.Name;
        pdf.Info.Creator = "ArLedger";
        var fonts = new DocumentFonts();

        using (var page = new PageCursor(pdf, fonts, g => ContinuationHeader(g, fonts, company, content.Title)))
        {
            page.FirstPage();
            CompanyHeader(page, company);
            Recipient(page, company, content.RecipientAddress);
            var detailsBottom = Details(page, content.Details);
            page.Y = Math.Max(FirstBodyTop, detailsBottom + Mm(6));
            var blocks = new BlockWriter(page);
            foreach (var block in content.Body)
                blocks.Write(block);
        }

        for (var i = 0; i < pdf.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            Footer(g, fonts, company, content.Language, i + 1, pdf.PageCount);
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    static void CompanyHeader(PageCursor page, CompanyProfile company)
    {
        var x = Left;
        if (company.Logo is { } logo)
        {
            using var image = XImage.FromStream(new MemoryStream(logo));
            // Fit in 35 x 20 mm, keeping the proportions.
            var scale = Math.Min(Mm(35) / image.PointWidth, Mm(20) / image.PointHeight);
            var (w, h) = (image.PointWidth * scale, image.PointHeight * scale);
            page.G.DrawImage(image, Left, Mm(12), w, h);
            x = Left + w + Mm(5);
        }
        var width = Mm(105) - x;
        var y = Mm(12);
        page.Text(company.Name, page.Fonts.CompanyName, x, y, width);
        y += page.Fonts.CompanyName.GetHeight() + Mm(0.5);
        var contact = string.Join("  ·  ", new[] { company.Phone, company.Email }.Where(s => !string.IsNullOrWhiteSpace(s)));
        foreach (var line in company.AddressLines.Append(contact).Where(l => l.Length > 0))
        {
            page.Text(line, page.Fonts.Small, x, y, width, brush: DocumentFonts.Grey);
            y += page.Fonts.Small.GetHeight();
        }
    }

    static void Recipient(PageCursor page, CompanyProfile company, IReadOnlyList<string> address)
    {
        // The sender's line above the address, as the post expects for a return to sender.
        var sender = string.Join(" · ", company.AddressLines.Prepend(company.Name).Where(s => s.Length > 0));
        page.Text(Fit(page, sender, page.Fonts.Tiny, WindowWidth), page.Fonts.Tiny, WindowLeft, WindowTop, WindowWidth, brush: DocumentFonts.Grey);
        var y = WindowTop + page.Fonts.Tiny.GetHeight() + Mm(2);
        foreach (var (line, i) in address.Select((l, i) => (l, i)))
        {
            var font = i == 0 ? page.Fonts.BodyBold : page.Fonts.Body;
            if (y + font.GetHeight() > WindowBottom)
                break; // beyond the window nobody at the post office would see it
            page.Text(Fit(page, line, font, WindowWidth), font, WindowLeft, y, WindowWidth);
            y += font.GetHeight();
        }
    }

    static double Details(PageCursor page, IReadOnlyList<DocumentDetail> details)
    {
        var y = DetailsTop;
        var labelWidth = Mm(32);
        var valueWidth = WindowLeft - Mm(5) - Left - labelWidth;
        foreach (var d in details)
        {
            page.Text(d.Label, page.Fonts.Small, Left, y, labelWidth, brush: DocumentFonts.Grey);
            foreach (var line in page.Wrap(d.Value, page.Fonts.SmallBold, valueWidth))
            {
                page.Text(line, page.Fonts.SmallBold, Left + labelWidth, y, valueWidth);
                y += page.Fonts.SmallBold.GetHeight();
            }
            y += Mm(0.5);
        }
        return y;
    }

    static void ContinuationHeader(XGraphics g, DocumentFonts fonts, CompanyProfile company, string title)
    {
        var y = Mm(12);
        g.DrawString(company.Name, fonts.SmallBold, XBrushes.Black, new XRect(Left, y, Width / 2, fonts.SmallBold.GetHeight()), XStringFormats.TopLeft);
        g.DrawString(title, fonts.Small, DocumentFonts.Grey, new XRect(Left + Width / 2, y, Width / 2, fonts.Small.GetHeight()), XStringFormats.TopRight);
        g.DrawLine(DocumentFonts.Rule, Left, Mm(18), Right, Mm(18));
    }

    static void Footer(XGraphics g, DocumentFonts fonts, CompanyProfile company, string language, int pageNumber, int pageCount)
    {
        var (vat, phone) = language == "en" ? ("VAT no.", "Tel.") : ("N° TVA", "Tél.");
        var parts = new[]
        {
            company.Name, company.LegalForm, Labelled("SIREN", company.Siren), Labelled("SIRET", company.Siret),
            Labelled(vat, company.VatNumber), Labelled("IBAN", company.Iban), Labelled("BIC", company.Bic),
            Labelled(phone, company.Phone), company.Email,
        };
        var top = Mm(277);
        g.DrawLine(DocumentFonts.Rule, Left, top, Right, top);
        var y = top + Mm(1.5);
        foreach (var line in MentionLines(g, fonts.Tiny, parts, Width - Mm(28)))
        {
            g.DrawString(line, fonts.Tiny, DocumentFonts.Grey, new XRect(Left, y, Width - Mm(28), fonts.Tiny.GetHeight()), XStringFormats.TopLeft);
            y += fonts.Tiny.GetHeight();
        }
        var number = $"Page {pageNumber.ToString(Amounts.Culture(language))} / {pageCount.ToString(Amounts.Culture(language))}";
        g.DrawString(number, fonts.Small, XBrushes.Black, new XRect(Right - Mm(25), top + Mm(1.5), Mm(25), fonts.Small.GetHeight()), XStringFormats.TopRight);
    }

    static string? Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label} {value}";

    /// <summary>The legal mentions, filled into as few lines as fit beside the page number, never splitting one.</summary>
    static List<string> MentionLines(XGraphics g, XFont font, IEnumerable<string?> parts, double width)
    {
        const string separator = "  ·  ";
        var lines = new List<string>();
        var current = "";
        foreach (var part in parts.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var candidate = current.Length == 0 ? part! : current + separator + part;
            if (current.Length > 0 && g.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                candidate = part!;
            }
            current = candidate;
        }
        if (current.Length > 0)
            lines.Add(current);
        return lines;
    }

    /// <summary>Shortens a line that would overflow a fixed box (the window), rather than wrapping it out of sight.</summary>
    static string Fit(PageCursor page, string text, XFont font, double width)
    {
        if (page.Measure(text, font) <= width)
            return text;
        var cut = text.Length;
        while (cut > 1 && page.Measure(text[..cut] + "…", font) > width)
            cut--;
        return text[..cut] + "…";
    }
}
