using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SupplyChain.Import.Readers;

/// <summary>
/// OpenDocument spreadsheets (the UK Sanctions List is published as one). No served .NET library reads ODS, and the
/// format is a zip holding content.xml, so this streams that XML: rows and cells with their repeat counts, each
/// cell's text paragraphs joined and trimmed (the UK file pretty-prints whitespace around every value).
/// </summary>
public static class OdsRows
{
    const string Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    const string Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    // Blank cells and rows are often "repeated" to the sheet's edge (16,384 columns); only filled ones are expanded.
    const int MaxRepeat = 1000;

    public static IEnumerable<SourceRow> Read(string path, Manifest manifest, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { errors.Add(new ImportError(name, null, null, $"not an ODS spreadsheet (not a zip): {e.Message}")); yield break; }
        using (zip)
        {
            var entry = zip.GetEntry("content.xml");
            if (entry is null) { errors.Add(new ImportError(name, null, null, "not an ODS spreadsheet: it has no content.xml")); yield break; }
            if (entry.Length > manifest.Limits.MaxFileBytes) { errors.Add(new ImportError(name, null, null, $"content.xml unzips to {entry.Length} bytes; the limit is {manifest.Limits.MaxFileBytes}")); yield break; }
            using var stream = entry.Open();
            using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false });
            var wanted = manifest.Sheet?.Name;
            var headerRow = manifest.Sheet?.HeaderRow ?? 1;
            var sheetFound = false;
            IReadOnlyDictionary<string, int>? header = null;
            var rowNo = 0;
            string? sheet = null;
            var produced = 0;
            while (Next(xml, errors, name))
            {
                if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != Table) continue;
                if (xml.LocalName == "table")
                {
                    if (sheetFound) break; // only one sheet is read
                    sheet = xml.GetAttribute("name", Table);
                    if (wanted is not null && !string.Equals(sheet, wanted, StringComparison.OrdinalIgnoreCase)) { xml.Skip(); continue; }
                    sheetFound = true;
                    continue;
                }
                if (xml.LocalName != "table-row" || !sheetFound) continue;
                var repeatRows = Repeat(xml, "number-rows-repeated");
                var cells = ReadRow(xml, manifest, errors, name, rowNo + 1);
                var blank = cells.All(c => c is null);
                for (var k = 0; k < (blank ? 1 : Math.Min(repeatRows, MaxRepeat)); k++)
                {
                    rowNo++;
                    if (rowNo == headerRow) { header = SourceRow.BuildHeader(cells.Select((c, i) => c ?? $"column {i + 1}")); continue; }
                    if (rowNo < headerRow || blank) continue;
                    if (header is null) continue;
                    if (++produced > manifest.Limits.MaxRows) { errors.Add(new ImportError(name, rowNo, null, $"more than {manifest.Limits.MaxRows} rows")); yield break; }
                    yield return new SourceRow(path, rowNo, $"sheet '{sheet}', row {rowNo}", header, cells.ToArray());
                }
                if (blank) rowNo += repeatRows - 1;
            }
            if (!sheetFound) errors.Add(new ImportError(name, null, null, wanted is null ? "the spreadsheet has no sheet" : $"no sheet named '{wanted}'"));
            else if (header is null) errors.Add(new ImportError(name, headerRow, null, "the sheet has no header row there"));
        }
    }

    static bool Next(XmlReader xml, List<ImportError> errors, string name)
    {
        try { return xml.Read(); }
        catch (XmlException e) { errors.Add(new ImportError(name, e.LineNumber, e.LinePosition, $"content.xml is not well-formed: {e.Message}")); return false; }
    }

    static int Repeat(XmlReader xml, string attribute) =>
        int.TryParse(xml.GetAttribute(attribute, Table), out var n) && n > 0 ? n : 1;

    /// <summary>The row's cells left to right; the reader is left on the row's end.</summary>
    static List<string?> ReadRow(XmlReader xml, Manifest manifest, List<ImportError> errors, string name, int rowNo)
    {
        var cells = new List<string?>();
        if (xml.IsEmptyElement) return cells;
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != Table || xml.LocalName is not ("table-cell" or "covered-table-cell")) continue;
            var repeat = Repeat(xml, "number-columns-repeated");
            var text = CellText(xml);
            if (text is { Length: > 0 } && text.Length > manifest.Limits.MaxFieldChars)
                errors.Add(new ImportError(name, rowNo, cells.Count + 1, $"cell is {text.Length} characters; the limit is {manifest.Limits.MaxFieldChars}"));
            for (var k = 0; k < (text is null ? Math.Min(repeat, 1) : Math.Min(repeat, MaxRepeat)); k++) cells.Add(text);
        }
        while (cells.Count > 0 && cells[^1] is null) cells.RemoveAt(cells.Count - 1);
        return cells;
    }

    /// <summary>The cell's paragraphs joined by a space, trimmed; null when empty. Leaves the reader on the cell's end.</summary>
    static string? CellText(XmlReader xml)
    {
        if (xml.IsEmptyElement) return null;
        var depth = xml.Depth;
        var sb = new StringBuilder();
        var paragraphs = 0;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == Text && xml.LocalName == "p" && paragraphs++ > 0) sb.Append(' ');
            else if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == Text && xml.LocalName == "s") sb.Append(' ');
            else if (xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace && xml.Depth > depth + 1) sb.Append(xml.Value);
        }
        var value = string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return value.Length == 0 ? null : value;
    }
}
