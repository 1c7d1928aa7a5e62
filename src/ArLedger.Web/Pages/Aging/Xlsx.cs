using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace ArLedger.Web.Pages.Aging;

/// <summary>
/// A one-sheet .xlsx (Office Open XML) of text and numbers, written directly: the few parts a spreadsheet needs,
/// zipped. No package for it restores cleanly here on Linux, and this is all an export needs.
/// </summary>
public static class Xlsx
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """);
            Part(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="{Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets>
                </workbook>
                """);
            Part(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                </Relationships>
                """);
            Part(zip, "xl/worksheets/sheet1.xml", Sheet(headers, rows));
        }
        return buffer.ToArray();
    }

    static string Sheet(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        Row(xml, headers);
        foreach (var row in rows)
            Row(xml, row);
        return xml.Append("</sheetData></worksheet>").ToString();
    }

    static void Row(StringBuilder xml, IEnumerable<object?> cells)
    {
        xml.Append("<row>");
        foreach (var cell in cells)
        {
            switch (cell)
            {
                case null:
                    xml.Append("<c/>");
                    break;
                case decimal or int or long or double:
                    xml.Append("<c><v>").Append(Convert.ToString(cell, CultureInfo.InvariantCulture)).Append("</v></c>");
                    break;
                default:
                    xml.Append("""<c t="inlineStr"><is><t>""").Append(Escape(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "")).Append("</t></is></c>");
                    break;
            }
        }
        xml.Append("</row>");
    }

    static string Escape(string text) => SecurityElement.Escape(text);

    static void Part(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content.Trim()));
    }
}
