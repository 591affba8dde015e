using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SupplyChain.Import.Readers;

/// <summary>
/// NGO reports and government lists published as HTML. Tables: header detection, rowspan/colspan expanded into a
/// grid, and the heading each table sits under as its locator. Prose: each paragraph's text with its nearest heading
/// and anchor. Only text content is read, so scripts, styles and event attributes never reach stored text.
/// </summary>
public static class HtmlRows
{
    public static IEnumerable<SourceRow> ReadTables(string path, Manifest manifest, List<ImportError> errors)
    {
        var doc = Parse(path, manifest, errors);
        if (doc is null) yield break;
        var name = Path.GetFileName(path);
        var options = manifest.Html ?? new HtmlOptions();
        var tableNo = 0;
        var read = 0;
        foreach (var table in doc.QuerySelectorAll(options.TableSelector).OfType<IHtmlTableElement>())
        {
            tableNo++;
            var grid = Grid(table);
            if (grid.Count == 0) continue;
            var headerRows = HeaderRowCount(table, grid);
            var headerNames = Enumerable.Range(0, grid.Max(r => r.Length))
                .Select(c => string.Join(" ", grid.Take(Math.Max(headerRows, 1)).Select(r => c < r.Length ? r[c] : null).Where(v => !string.IsNullOrEmpty(v)).Distinct()))
                .Select((h, i) => h.Length == 0 ? $"column {i + 1}" : h).ToArray();
            var header = SourceRow.BuildHeader(headerNames);
            if (options.RequireColumns.Any(c => !header.ContainsKey(SourceRow.HeaderKey(c)))) continue;
            read++;
            var section = NearestHeading(table);
            var caption = table.Caption?.TextContent.Trim();
            for (var r = Math.Max(headerRows, 1); r < grid.Count; r++)
            {
                if (grid[r].All(string.IsNullOrWhiteSpace)) continue;
                var where = $"{(section is null ? "" : $"section '{section}', ")}table {tableNo}{(string.IsNullOrEmpty(caption) ? "" : $" ('{caption}')")}, row {r - Math.Max(headerRows, 1) + 1}";
                yield return new SourceRow(path, r + 1, where, header, grid[r]) { Section = section, Anchor = table.Id };
            }
        }
        if (read == 0) errors.Add(new ImportError(name, null, null, options.RequireColumns.Count > 0
            ? $"no table has the columns {string.Join(", ", options.RequireColumns)}" : "the page has no table"));
    }

    public static IEnumerable<SourceRow> ReadParagraphs(string path, Manifest manifest, List<ImportError> errors)
    {
        var doc = Parse(path, manifest, errors);
        if (doc is null) yield break;
        var selector = manifest.Html?.Prose?.ParagraphSelector ?? "p, li";
        var header = SourceRow.BuildHeader(["text"]);
        var n = 0;
        foreach (var p in doc.QuerySelectorAll(selector))
        {
            // A list item or cell that holds paragraphs is read through them, not twice.
            if (p.QuerySelector(selector) is not null) continue;
            var text = Collapse(p.TextContent);
            if (text.Length < 3) continue;
            n++;
            var section = NearestHeading(p);
            var anchor = p.Id ?? p.Ancestors().OfType<IElement>().Select(a => a.Id).FirstOrDefault(id => !string.IsNullOrEmpty(id));
            var where = $"{(section is null ? "" : $"section '{section}', ")}paragraph {n}{(anchor is null ? "" : $" (#{anchor})")}";
            yield return new SourceRow(path, n, where, header, [text]) { Section = section, Anchor = anchor };
        }
    }

    static IHtmlDocument? Parse(string path, Manifest manifest, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        var size = new FileInfo(path).Length;
        if (size > manifest.Limits.MaxHtmlBytes)
        {
            errors.Add(new ImportError(name, null, null, $"the page is {size} bytes; the limit is {manifest.Limits.MaxHtmlBytes}"));
            return null;
        }
        var bytes = ManifestFiles.ReadAllBytes(path, manifest.Limits.MaxHtmlBytes);
        if (!CsvRows.CheckUtf8(bytes, name, errors)) return null;
        var doc = new HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(bytes));
        foreach (var e in doc.QuerySelectorAll("script, style, noscript, template")) e.Remove();
        return doc;
    }

    /// <summary>The table as a rectangular grid of cell texts, a spanning cell repeated in every slot it covers.</summary>
    static List<string?[]> Grid(IHtmlTableElement table)
    {
        var rows = table.Rows.ToList();
        var grid = new List<List<string?>>();
        var pending = new Dictionary<(int Row, int Col), string?>();
        for (var r = 0; r < rows.Count; r++)
        {
            var line = new List<string?>();
            var c = 0;
            foreach (var cell in rows[r].Cells)
            {
                while (pending.Remove((r, c), out var spanned)) { line.Add(spanned); c++; }
                var text = Collapse(cell.TextContent);
                var colSpan = Math.Clamp(cell.ColumnSpan, 1, 100);
                var rowSpan = Math.Clamp(cell.RowSpan, 1, 1000);
                for (var k = 0; k < colSpan; k++)
                {
                    line.Add(text);
                    for (var down = 1; down < rowSpan; down++) pending[(r + down, c)] = text;
                    c++;
                }
            }
            while (pending.Remove((r, c), out var tail)) { line.Add(tail); c++; }
            grid.Add(line);
        }
        var width = grid.Count == 0 ? 0 : grid.Max(l => l.Count);
        return grid.Select(l => { while (l.Count < width) l.Add(null); return l.Select(v => string.IsNullOrWhiteSpace(v) ? null : v).ToArray(); }).ToList();
    }

    /// <summary>Header rows: those in thead, else leading rows made only of th cells, else the first row.</summary>
    static int HeaderRowCount(IHtmlTableElement table, List<string?[]> grid)
    {
        if (table.Head is { } head) return head.Rows.Length;
        var n = 0;
        foreach (var row in table.Rows)
        {
            if (row.Cells.Length > 0 && row.Cells.All(c => c.LocalName == "th")) n++;
            else break;
        }
        return n > 0 ? n : Math.Min(1, grid.Count);
    }

    static string? NearestHeading(IElement element)
    {
        for (IElement? e = element; e is not null; e = e.ParentElement)
        {
            for (var s = e.PreviousElementSibling; s is not null; s = s.PreviousElementSibling)
            {
                if (s.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6") return Collapse(s.TextContent);
                var inner = s.QuerySelectorAll("h1, h2, h3, h4, h5, h6").LastOrDefault();
                if (inner is not null) return Collapse(inner.TextContent);
            }
        }
        return null;
    }

    static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
