using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace SupplyChain.Import.Readers;

/// <summary>
/// PDFs as published, read through PdfPig from word positions (PDFs hold placed words, not tables or paragraphs).
/// Tables: the header line gives each column's left edge, every line below it is cut into those columns, and lines
/// that continue a wrapped name or address are joined to the row they belong to. Prose: lines grouped into
/// paragraphs by their vertical gaps. Running headers and footers (the same text on most pages) are dropped in both.
/// Every row's locator is "p. N".
/// </summary>
public static class PdfRows
{
    /// <summary>A line of words on one baseline, top of page first.</summary>
    sealed record Line(double Bottom, double Height, List<Word> Words)
    {
        public string Text => string.Join(' ', Words.Select(w => w.Text));
    }

    sealed record PageLines(int Number, List<Line> Lines);

    public static IEnumerable<SourceRow> ReadTable(string path, Manifest manifest, List<ImportError> errors)
    {
        var options = manifest.Pdf?.Table;
        var name = Path.GetFileName(path);
        if (options is null || options.Columns.Count == 0)
        {
            errors.Add(new ImportError(name, null, null, "a PDF table needs 'pdf.table.columns' (the column headings as printed)"));
            return [];
        }
        var pages = ReadPages(path, manifest, errors);
        if (pages is null) return [];
        var rows = new List<SourceRow>();
        // With endsWithCountry the reader also gives that country as a column of its own, "country".
        var header = SourceRow.BuildHeader(options.EndsWithCountry is null ? options.Columns : [.. options.Columns, "country"]);
        var cells = (string?[]?)null;
        var rowPage = 0;
        var tables = 0;
        void Flush()
        {
            if (cells is null) return;
            string?[] values = options.EndsWithCountry is null ? cells : [.. cells, TrailingCountry(cells, options)];
            rows.Add(new SourceRow(path, rows.Count + 1, $"p. {rowPage}", header, values) { Page = rowPage });
            cells = null;
        }
        foreach (var page in pages)
        {
            var start = page.Lines.FindIndex(l => HeaderEdges(l, options.Columns) is not null);
            if (start < 0) { Flush(); continue; }
            tables++;
            var edges = HeaderEdges(page.Lines[start], options.Columns)!;
            var body = TableBody(page.Lines, start + 1);
            for (var i = 0; i < body.Count; i++)
            {
                var lineCells = Cut(body[i], edges);
                var full = lineCells.All(c => c is not null);
                // A line starts a new row only when it fills every column and the row above is complete; otherwise it
                // carries on a wrapped name or address ("& Systemtechnik AG", "(Foxconn)"), even across a page break.
                if (cells is null || (full && RowComplete(cells, options)))
                {
                    Flush();
                    if (!full)
                    {
                        errors.Add(new ImportError(name, null, null, $"p. {page.Number}: table line '{body[i].Text}' fills only some columns and follows no row"));
                        continue;
                    }
                    cells = lineCells;
                    rowPage = page.Number;
                }
                else
                    for (var c = 0; c < cells.Length; c++)
                        if (lineCells[c] is { } more) cells[c] = cells[c] is null ? more : cells[c] + " " + more;
                if (rows.Count > manifest.Limits.MaxRows) { errors.Add(new ImportError(name, null, null, $"more than {manifest.Limits.MaxRows} rows")); return rows; }
            }
            // A table that stops well before the page's end (the text below it is not table) ends its last row here.
            if (body.Count < page.Lines.Count - start - 1) Flush();
        }
        Flush();
        if (tables == 0) errors.Add(new ImportError(name, null, null, $"no page has a table with the headings {string.Join(", ", options.Columns.Select(c => $"'{c}'"))}"));
        return rows;
    }

    public static IEnumerable<SourceRow> ReadParagraphs(string path, Manifest manifest, List<ImportError> errors)
    {
        var pages = ReadPages(path, manifest, errors);
        if (pages is null) yield break;
        var header = SourceRow.BuildHeader(["text"]);
        var n = 0;
        foreach (var page in pages)
        {
            var k = 0;
            foreach (var para in Paragraphs(page.Lines))
            {
                var text = string.Join(' ', para.Select(l => l.Text));
                // A word broken across lines with a hyphen is joined again ("pro- gramme" → "programme").
                text = System.Text.RegularExpressions.Regex.Replace(text, @"(\p{Ll})- (\p{Ll})", "$1$2");
                if (text.Length < 3) continue;
                n++; k++;
                yield return new SourceRow(path, n, $"p. {page.Number}, paragraph {k}", header, [text]) { Page = page.Number };
            }
        }
    }

    /// <summary>Every page's lines with running headers and footers removed; null (and an error) when the file is not a readable PDF.</summary>
    static List<PageLines>? ReadPages(string path, Manifest manifest, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        var size = new FileInfo(path).Length;
        if (size > manifest.Limits.MaxFileBytes)
        {
            errors.Add(new ImportError(name, null, null, $"the PDF is {size} bytes; the limit is {manifest.Limits.MaxFileBytes}"));
            return null;
        }
        var pages = new List<PageLines>();
        try
        {
            using var doc = PdfDocument.Open(path);
            foreach (var page in doc.GetPages())
                pages.Add(new PageLines(page.Number, Lines(page.GetWords())));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new ImportError(name, null, null, $"not a readable PDF: {e.Message}"));
            return null;
        }
        // A line at a page's top or bottom whose text (page numbers aside) stands there on most pages is a running
        // header or footer, not content. Only the margins count: "Guangdong, China" recurs mid-page as table text.
        if (pages.Count >= 2)
        {
            static IEnumerable<Line> Margins(PageLines p) => p.Lines.Take(2).Concat(p.Lines.TakeLast(2)).Distinct();
            var counts = pages.SelectMany(p => Margins(p).Select(l => RunningKey(l.Text)).Distinct()).CountBy(k => k).ToDictionary();
            var threshold = Math.Max(2, (pages.Count + 1) / 2);
            foreach (var p in pages)
            {
                var running = Margins(p).Where(l => counts[RunningKey(l.Text)] >= threshold && !IsAnyHeader(l, manifest)).ToHashSet();
                p.Lines.RemoveAll(running.Contains);
            }
        }
        return pages;
    }

    static bool IsAnyHeader(Line line, Manifest manifest) =>
        manifest.Pdf?.Table is { } t && HeaderEdges(line, t.Columns) is not null;

    static string RunningKey(string text) => new(text.Where(c => !char.IsDigit(c) && !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Words on one baseline (within a fraction of their height) form a line; lines run top to bottom.</summary>
    static List<Line> Lines(IEnumerable<Word> words)
    {
        var lines = new List<Line>();
        foreach (var w in words.Where(w => !string.IsNullOrWhiteSpace(w.Text)).OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left))
        {
            var h = Math.Max(w.BoundingBox.Height, 1);
            var line = lines.Count > 0 && Math.Abs(lines[^1].Bottom - w.BoundingBox.Bottom) <= h * 0.4 ? lines[^1] : null;
            if (line is null) lines.Add(new Line(w.BoundingBox.Bottom, h, [w]));
            else line.Words.Add(w);
        }
        foreach (var l in lines) l.Words.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
        return lines;
    }

    /// <summary>The left edge of each column when this line is the table's heading line (all headings, in order).</summary>
    static double[]? HeaderEdges(Line line, List<string> columns)
    {
        var edges = new double[columns.Count];
        var w = 0;
        for (var c = 0; c < columns.Count; c++)
        {
            var want = columns[c].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var found = false;
            for (; w + want.Length <= line.Words.Count; w++)
            {
                if (!want.Select((t, k) => string.Equals(line.Words[w + k].Text, t, StringComparison.OrdinalIgnoreCase)).All(x => x)) continue;
                edges[c] = line.Words[w].BoundingBox.Left;
                w += want.Length;
                found = true;
                break;
            }
            if (!found) return null;
        }
        return line.Words.Count == columns.Sum(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) ? edges : null;
    }

    /// <summary>The lines under the heading until the first gap much wider than the table's own line spacing.</summary>
    static List<Line> TableBody(List<Line> lines, int first)
    {
        var body = new List<Line>();
        var gaps = new List<double>();
        for (var i = first; i < lines.Count; i++)
        {
            if (body.Count > 0)
            {
                var gap = body[^1].Bottom - lines[i].Bottom;
                var usual = gaps.Count == 0 ? body[^1].Height * 2 : gaps.Order().ElementAt(gaps.Count / 2);
                if (gap > usual * 2.5) break;
                gaps.Add(gap);
            }
            body.Add(lines[i]);
        }
        return body;
    }

    /// <summary>Each word goes to the column whose left edge is the last one at or before the word's own left edge.</summary>
    static string?[] Cut(Line line, double[] edges)
    {
        var cells = new string?[edges.Length];
        foreach (var w in line.Words)
        {
            var c = edges.Length - 1;
            while (c > 0 && w.BoundingBox.Left < edges[c] - 2) c--;
            cells[c] = cells[c] is null ? w.Text : cells[c] + " " + w.Text;
        }
        return cells;
    }

    /// <summary>With 'endsWithCountry', a row whose address has not yet reached its country is still being wrapped.</summary>
    static bool RowComplete(string?[] cells, PdfTableOptions options) =>
        options.EndsWithCountry is null || TrailingCountry(cells, options) is not null;

    static string? TrailingCountry(string?[] cells, PdfTableOptions options)
    {
        var i = options.Columns.FindIndex(c => string.Equals(c, options.EndsWithCountry, StringComparison.OrdinalIgnoreCase));
        if (i < 0 || cells[i] is not { } text) return null;
        var last = text.TrimEnd(' ', '.').Split(',').Last().Trim();
        return Resolution.CountryCodes.Normalize(last) is null ? null : last;
    }

    /// <summary>Consecutive lines closer than 1.5 times the page's usual line spacing form one paragraph.</summary>
    static IEnumerable<List<Line>> Paragraphs(List<Line> lines)
    {
        if (lines.Count == 0) yield break;
        var gaps = lines.Zip(lines.Skip(1), (a, b) => a.Bottom - b.Bottom).Where(g => g > 0).Order().ToList();
        var usual = gaps.Count == 0 ? lines[0].Height * 1.2 : gaps[gaps.Count / 4]; // the tighter spacing is the one inside paragraphs
        var current = new List<Line> { lines[0] };
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i - 1].Bottom - lines[i].Bottom > usual * 1.5) { yield return current; current = []; }
            current.Add(lines[i]);
        }
        yield return current;
    }
}
