using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyChain.Import;

/// <summary>
/// What a published file is and how its rows map onto our model. Adding a report of a known layout needs only one
/// of these (documented by schema/manifest.schema.json). Values are <see cref="ValueExpr"/>s: a plain string names
/// a column; an object can give a constant, a template, a value map or a split.
/// </summary>
public sealed class Manifest
{
    /// <summary>csv, xlsx, xls, ods, html-tables, html-prose, list, json, xml, pdf.</summary>
    public string Format { get; set; } = "csv";
    /// <summary>Files relative to the manifest (a single '*' wildcard in the file name is allowed).</summary>
    public List<string> Files { get; set; } = [];
    /// <summary>The report or list this file is; rows may name their own sources instead.</summary>
    public SourceSpec? Source { get; set; }
    public CsvOptions? Csv { get; set; }
    public SheetOptions? Sheet { get; set; }
    public HtmlOptions? Html { get; set; }
    public JsonOptions? Json { get; set; }
    public ListOptions? List { get; set; }
    public PdfOptions? Pdf { get; set; }
    public XmlOptions? Xml { get; set; }
    /// <summary>The named entities each row mentions.</summary>
    public Dictionary<string, EntitySpec> Entities { get; set; } = [];
    public List<ClaimSpec> Claims { get; set; } = [];
    public List<ResponseSpec> Responses { get; set; } = [];
    /// <summary>Only rows whose columns match all these regular expressions are read (a programme out of a whole
    /// list): the published file stays as it is.</summary>
    public List<RowFilter> Where { get; set; } = [];
    /// <summary>Rows whose value in this column is empty are skipped (e.g. blank spacer rows).</summary>
    public string? SkipRowsWithout { get; set; }
    /// <summary>Caps that protect the importer: bigger input is refused before anything is written.</summary>
    public Limits Limits { get; set; } = new();

    /// <summary>Paragraph layouts propose claims about the names they find instead of mapping columns.</summary>
    [JsonIgnore] public bool IsProse => Format == "html-prose" || (Format == "pdf" && Pdf?.Layout == "prose");
    [JsonIgnore] public ProseOptions? ProseOptions => Format == "pdf" ? Pdf?.Prose : Html?.Prose;

    [JsonIgnore] public string Directory { get; set; } = "";
    [JsonIgnore] public string Path { get; set; } = "";

    public static readonly JsonSerializerOptions JsonOptionsForFiles = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new ValueExprConverter() },
    };

    public static Manifest Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Manifest m;
        try
        {
            m = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(full), JsonOptionsForFiles)
                ?? throw new ImportException($"{path}: the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new ImportException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: manifest is not valid: {e.Message}");
        }
        m.Path = full;
        m.Directory = System.IO.Path.GetDirectoryName(full)!;
        m.Validate();
        return m;
    }

    /// <summary>The data files, each checked to be a regular file inside this manifest's folder (see <see cref="ManifestFiles"/>).</summary>
    public IEnumerable<string> ResolveFiles()
    {
        foreach (var f in Files)
        {
            var (dir, name) = ManifestFiles.Entry(Path, Directory, f);
            if (name.Contains('*'))
            {
                if (!System.IO.Directory.Exists(dir)) throw new ImportException($"{Path}: the folder of '{f}' does not exist");
                foreach (var p in System.IO.Directory.GetFiles(dir, name).Order(StringComparer.Ordinal))
                    yield return ManifestFiles.Confined(Path, Directory, p, f);
            }
            else
            {
                var p = System.IO.Path.Combine(dir, name);
                if (!File.Exists(p)) throw new ImportException($"{Path}: file '{f}' does not exist");
                yield return ManifestFiles.Confined(Path, Directory, p, f);
            }
        }
    }

    void Validate()
    {
        var errors = new List<string>();
        string[] formats = ["csv", "xlsx", "xls", "ods", "html-tables", "html-prose", "list", "json", "xml", "pdf"];
        if (!formats.Contains(Format)) errors.Add($"format '{Format}' is not one of {string.Join(", ", formats)}");
        if (Files.Count == 0) errors.Add("'files' names no file");
        foreach (var (alias, e) in Entities)
        {
            if (e.Type is null) errors.Add($"entities.{alias}: 'type' is required");
            if (e.Name is null) errors.Add($"entities.{alias}: 'name' is required");
            if (e.Review is not ("all" or "held" or "none")) errors.Add($"entities.{alias}: 'review' is \"all\", \"held\" or \"none\"");
        }
        for (var i = 0; i < Claims.Count; i++)
        {
            var c = Claims[i];
            if (!Entities.ContainsKey(c.Subject)) errors.Add($"claims[{i}].subject '{c.Subject}' is not an entity of this manifest");
            if (c.Object != "$source" && !Entities.ContainsKey(c.Object)) errors.Add($"claims[{i}].object '{c.Object}' is not an entity of this manifest (or \"$source\")");
            if (c.Predicate is null) errors.Add($"claims[{i}].predicate is required");
            if (c.Source is null && Source is null) errors.Add($"claims[{i}] has no source: give the manifest a 'source' or the claim a 'source' mapping");
        }
        for (var i = 0; i < Responses.Count; i++)
        {
            var r = Responses[i];
            if (!Entities.ContainsKey(r.Responder)) errors.Add($"responses[{i}].responder '{r.Responder}' is not an entity of this manifest");
            if (r.Source is null && Source is null) errors.Add($"responses[{i}] has no source");
        }
        if (Format == "html-prose" && Html?.Prose is null) errors.Add("html-prose needs 'html.prose' (predicate and which entity kinds to look for)");
        if (Format == "pdf" && Pdf?.Layout is not ("table" or "prose")) errors.Add("pdf needs 'pdf.layout': \"table\" or \"prose\"");
        if (Format == "pdf" && Pdf?.Layout == "table" && (Pdf.Table?.Columns.Count ?? 0) == 0) errors.Add("a PDF table needs 'pdf.table.columns' (the column headings as printed)");
        if (Format == "pdf" && Pdf?.Layout == "prose" && Pdf.Prose is null) errors.Add("PDF prose needs 'pdf.prose' (predicate and which entity kinds to look for)");
        if (errors.Count > 0) throw new ImportException($"{Path}: manifest is not valid:\n  " + string.Join("\n  ", errors));
    }
}

public sealed class SourceSpec
{
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public List<string> Authors { get; set; } = [];
    public string? Published { get; set; }
    public string? Version { get; set; }
    public string? Url { get; set; }
    public string? ArchivedUrl { get; set; }
    public string Kind { get; set; } = "Report";
    /// <summary>A list published in editions (a yearly supplier list): a newer edition is a new version of the same
    /// source, but what an earlier edition said stays held for its year (its claims carry that year as their period)
    /// instead of being retracted; a supplier it drops ends with the last edition that lists it.</summary>
    public bool Editions { get; set; }
}

/// <summary>A source named by each row (curated files cite a different article per row).</summary>
public sealed class RowSourceSpec
{
    public ValueExpr? Title { get; set; }
    public ValueExpr? Publisher { get; set; }
    public ValueExpr? Published { get; set; }
    public ValueExpr? Url { get; set; }
    public ValueExpr? Via { get; set; }
    public ValueExpr? Kind { get; set; }
}

public sealed class CsvOptions
{
    public string Delimiter { get; set; } = ",";
    /// <summary>Lines before the header (a title row, say).</summary>
    public int SkipLines { get; set; }
    public string? Encoding { get; set; }
    /// <summary>Column names for a file without a header row (OFAC's sdn.csv); every line is then data.</summary>
    public List<string> Columns { get; set; } = [];
    /// <summary>Cell values that mean "no value" in this file (OFAC writes "-0-"); compared after trimming.</summary>
    public List<string> NullValues { get; set; } = [];
}

public sealed class RowFilter
{
    public string Column { get; set; } = "";
    public string Pattern { get; set; } = "";
}

public sealed class SheetOptions
{
    public string? Name { get; set; }
    /// <summary>1-based row that holds the header.</summary>
    public int HeaderRow { get; set; } = 1;
}

public sealed class HtmlOptions
{
    /// <summary>CSS selector of the tables to read; all tables by default.</summary>
    public string TableSelector { get; set; } = "table";
    /// <summary>Only tables whose header has all these columns are read.</summary>
    public List<string> RequireColumns { get; set; } = [];
    public ProseOptions? Prose { get; set; }
}

public sealed class ProseOptions
{
    /// <summary>Entity kinds to look for in paragraphs: Brand, Facility, Company.</summary>
    public List<string> Find { get; set; } = ["Brand"];
    public string Predicate { get; set; } = "NamedIn";
    public string EvidenceType { get; set; } = "NgoReport";
    public string Confidence { get; set; } = "Medium";
    public string ParagraphSelector { get; set; } = "p, li, td, blockquote";
}

public sealed class PdfOptions
{
    /// <summary>"table": rows rebuilt from word positions under a heading line; "prose": paragraphs.</summary>
    public string? Layout { get; set; }
    public PdfTableOptions? Table { get; set; }
    public ProseOptions? Prose { get; set; }
}

public sealed class PdfTableOptions
{
    /// <summary>The column headings as printed, left to right; the line holding them starts the table on each page.</summary>
    public List<string> Columns { get; set; } = [];
    /// <summary>A column (an address) whose text ends with a country when its row is complete: until then, a line that
    /// fills every column still continues the row above.</summary>
    public string? EndsWithCountry { get; set; }
}

public sealed class XmlOptions
{
    /// <summary>Slash path from the root to the row elements ("Goods/Good/Countries/Country").</summary>
    public string Items { get; set; } = "";
}

public sealed class JsonOptions
{
    /// <summary>Dot path to the array of items ("items"). Item fields are then columns by dot path ("tags.brand").</summary>
    public string Items { get; set; } = "items";
}

public sealed class ListOptions
{
    /// <summary>"lines" (one name a line) or a separator such as ", ".</summary>
    public string Split { get; set; } = "lines";
    /// <summary>The column name rows get ("name").</summary>
    public string Column { get; set; } = "name";
}

public sealed class Limits
{
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;
    public int MaxRows { get; set; } = 2_000_000;
    public int MaxFieldChars { get; set; } = 20_000;
    public long MaxHtmlBytes { get; set; } = 10L * 1024 * 1024;
    /// <summary>A new version of a source with fewer rows than this share of the version it replaces is refused: an
    /// empty or truncated download must not retract a whole list.</summary>
    public double MinShareOfPreviousRows { get; set; } = 0.5;
}

public sealed class EntitySpec
{
    /// <summary>Brand, Company, Facility, Programme, Source; or a column whose values the map turns into those.
    /// "Programme:GovernmentList" gives a programme its kind.</summary>
    public ValueExpr? Type { get; set; }
    public ValueExpr? Name { get; set; }
    /// <summary>One cell may name several entities ("NIKE, Converse"): each gets the row's claims.</summary>
    public string? Split { get; set; }
    public ValueExpr? NativeName { get; set; }
    public ValueExpr? Address { get; set; }
    public ValueExpr? City { get; set; }
    public ValueExpr? Province { get; set; }
    public ValueExpr? PostalCode { get; set; }
    public ValueExpr? Country { get; set; }
    public ValueExpr? Latitude { get; set; }
    public ValueExpr? Longitude { get; set; }
    public ValueExpr? Sectors { get; set; }
    public ValueExpr? Wikidata { get; set; }
    /// <summary>Identifiers as "scheme:value".</summary>
    public Dictionary<string, ValueExpr> Identifiers { get; set; } = [];
    /// <summary>Other names for the entity; each alias spec names its column and language/script.</summary>
    public List<AliasSpec> Aliases { get; set; } = [];
    /// <summary>false: only enrich an entity we already hold (brand registries); a name we do not hold is skipped.</summary>
    public bool Create { get; set; } = true;
    /// <summary>Which similar names go to the review queue: "all" (default); "held", only entities held before this
    /// import (a list's own near-duplicates are distinct entries); "none", for names the manifest composes itself.</summary>
    public string Review { get; set; } = "all";
}

public sealed class AliasSpec
{
    public ValueExpr? Name { get; set; }
    public string? Split { get; set; }
    public string? Language { get; set; }
    public string? Script { get; set; }
    public string Kind { get; set; } = "alternate";
}

public sealed class ClaimSpec
{
    public string Subject { get; set; } = "";
    public ValueExpr? Predicate { get; set; }
    /// <summary>An entity alias, or "$source" for the manifest's own source (NAMED_IN that report).</summary>
    public string Object { get; set; } = "";
    public RowSourceSpec? Source { get; set; }
    public ValueExpr? Page { get; set; }
    public ValueExpr? Locator { get; set; }
    public ValueExpr? Quote { get; set; }
    public ValueExpr? Summary { get; set; }
    public ValueExpr? EvidenceType { get; set; }
    public ValueExpr? Confidence { get; set; }
    public ValueExpr? PeriodFrom { get; set; }
    public ValueExpr? PeriodTo { get; set; }
    public ValueExpr? Id { get; set; }
    /// <summary>Claims whose predicate maps to this value are skipped ("skip" in a value map).</summary>
    public bool Optional { get; set; }
}

public sealed class ResponseSpec
{
    public string Responder { get; set; } = "";
    public ValueExpr? Stance { get; set; }
    public ValueExpr? About { get; set; }
    /// <summary>Separator between the suppliers named in 'about' (";").</summary>
    public string? AboutSplit { get; set; }
    public ValueExpr? Date { get; set; }
    public ValueExpr? Summary { get; set; }
    public ValueExpr? Text { get; set; }
    public ValueExpr? Url { get; set; }
    public ValueExpr? Locator { get; set; }
    public ValueExpr? Id { get; set; }
    public RowSourceSpec? Source { get; set; }
}

public sealed class ImportException(string message) : Exception(message);
