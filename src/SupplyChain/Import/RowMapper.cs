using SupplyChain.Domain;

namespace SupplyChain.Import;

/// <summary>An entity a row names, before it is matched against what we hold.</summary>
public sealed class EntityDraft
{
    public required string Alias { get; init; }
    public required EntityKind Kind { get; init; }
    public ProgrammeKind ProgrammeKind { get; init; }
    public required string Name { get; init; }
    public bool Create { get; init; } = true;
    public string Review { get; init; } = "all";
    public string? NativeName { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? Province { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Sectors { get; init; }
    public string? Wikidata { get; init; }
    public string? Identifiers { get; init; }
    public List<(string Name, string? Language, string? Script, string Kind)> Aliases { get; init; } = [];
}

public sealed record RowSourceDraft(string Title, string? Publisher, string? Published, string? Url, string? Via, SourceKind Kind);

public sealed class ClaimDraft
{
    public required string SubjectAlias { get; init; }
    public required Predicate Predicate { get; init; }
    public required string ObjectAlias { get; init; }
    public RowSourceDraft? Source { get; init; }
    public string? Page { get; init; }
    public string? Locator { get; init; }
    public string? Quote { get; init; }
    public string? Summary { get; init; }
    public EvidenceType EvidenceType { get; init; }
    public Confidence Confidence { get; init; }
    public string? PeriodFrom { get; init; }
    public string? PeriodTo { get; init; }
    public string? ExternalId { get; init; }
}

public sealed class ResponseDraft
{
    public required string ResponderAlias { get; init; }
    public required Stance Stance { get; init; }
    public List<string> About { get; init; } = [];
    public string? AboutAsPublished { get; init; }
    public string? Date { get; init; }
    public string? Summary { get; init; }
    public string? Text { get; init; }
    public string? Url { get; init; }
    public string? Locator { get; init; }
    public string? ExternalId { get; init; }
    public RowSourceDraft? Source { get; init; }
}

public sealed class RowDraft
{
    public required SourceRow Row { get; init; }
    public Dictionary<string, List<EntityDraft>> Entities { get; } = [];
    public List<ClaimDraft> Claims { get; } = [];
    public List<ResponseDraft> Responses { get; } = [];
}

/// <summary>Applies a manifest to one row. Knows nothing of the database: it only reads values and maps words.</summary>
public sealed class RowMapper(Manifest manifest)
{
    public RowDraft? Map(SourceRow row)
    {
        if (manifest.SkipRowsWithout is { } col && string.IsNullOrWhiteSpace(row.Get(col))) return null;
        foreach (var f in manifest.Where)
            if (!System.Text.RegularExpressions.Regex.IsMatch(row.Get(f.Column) ?? "", f.Pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))) return null;
        var draft = new RowDraft { Row = row };
        foreach (var (alias, spec) in manifest.Entities)
            draft.Entities[alias] = MapEntity(alias, spec, row);

        foreach (var c in manifest.Claims)
        {
            var predicateText = c.Predicate!.Evaluate(row);
            if (predicateText is null or "skip") { if (c.Optional || predicateText == "skip") continue; throw new RowException($"no predicate ({c.Predicate.Describe()} is empty)"); }
            if (draft.Entities.GetValueOrDefault(c.Subject) is not { Count: > 0 }) continue; // nothing named in that column
            if (c.Object != "$source" && draft.Entities.GetValueOrDefault(c.Object) is not { Count: > 0 }) continue;
            draft.Claims.Add(new ClaimDraft
            {
                SubjectAlias = c.Subject,
                Predicate = ParseEnum<Predicate>(predicateText, "predicate"),
                ObjectAlias = c.Object,
                Source = MapRowSource(c.Source, row),
                Page = c.Page?.Evaluate(row),
                Locator = c.Locator?.Evaluate(row) ?? row.Locator,
                Quote = c.Quote?.Evaluate(row),
                Summary = c.Summary?.Evaluate(row),
                EvidenceType = ParseEnum(c.EvidenceType?.Evaluate(row), "evidence type", EvidenceType.Other),
                Confidence = ParseEnum(c.Confidence?.Evaluate(row), "confidence", Confidence.Medium),
                PeriodFrom = c.PeriodFrom?.Evaluate(row),
                PeriodTo = c.PeriodTo?.Evaluate(row),
                ExternalId = c.Id?.Evaluate(row),
            });
        }

        foreach (var r in manifest.Responses)
        {
            if (draft.Entities.GetValueOrDefault(r.Responder) is not { Count: > 0 }) continue;
            var about = r.About?.Evaluate(row);
            draft.Responses.Add(new ResponseDraft
            {
                ResponderAlias = r.Responder,
                Stance = ParseEnum<Stance>(r.Stance?.Evaluate(row) ?? throw new RowException("no stance"), "stance"),
                AboutAsPublished = about,
                About = about is null ? [] : (r.AboutSplit is null ? [about] : about.Split(r.AboutSplit, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()),
                Date = r.Date?.Evaluate(row),
                Summary = r.Summary?.Evaluate(row),
                Text = r.Text?.Evaluate(row),
                Url = r.Url?.Evaluate(row),
                Locator = r.Locator?.Evaluate(row) ?? row.Locator,
                ExternalId = r.Id?.Evaluate(row),
                Source = MapRowSource(r.Source, row),
            });
        }
        return draft;
    }

    static List<EntityDraft> MapEntity(string alias, EntitySpec spec, SourceRow row)
    {
        var name = spec.Name!.Evaluate(row);
        if (string.IsNullOrWhiteSpace(name)) return [];
        var typeText = spec.Type!.Evaluate(row) ?? throw new RowException($"entity '{alias}' has no type ({spec.Type.Describe()} is empty)");
        if (typeText == "skip") return [];
        var (kind, programmeKind) = ParseKind(typeText);
        var names = spec.Split is null ? [name] : name.Split(spec.Split, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var country = spec.Country?.Evaluate(row);
        if (!string.IsNullOrWhiteSpace(country) && Resolution.CountryCodes.Normalize(country) is null)
            throw new RowException($"country '{country}' is not a country name or ISO 3166 code we recognise", spec.Country!.Column);
        var aliases = new List<(string, string?, string?, string)>();
        foreach (var a in spec.Aliases)
        {
            var v = a.Name?.Evaluate(row);
            if (string.IsNullOrWhiteSpace(v)) continue;
            foreach (var part in a.Split is null ? [v] : v.Split(a.Split, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                aliases.Add((part, a.Language, a.Script ?? ScriptOf(part), a.Kind));
        }
        var identifiers = spec.Identifiers.Count == 0 ? [] : spec.Identifiers.Select(kv => (kv.Key, v: kv.Value.Evaluate(row))).Where(x => !string.IsNullOrWhiteSpace(x.v))
            .Select(x => $"{x.Key}:{x.v}").ToList();
        var drafts = new List<EntityDraft>(names.Length);
        foreach (var n in names) drafts.Add(new EntityDraft
        {
            Alias = alias, Kind = kind, ProgrammeKind = programmeKind, Name = n, Create = spec.Create, Review = spec.Review,
            NativeName = spec.NativeName?.Evaluate(row),
            Address = spec.Address?.Evaluate(row), City = spec.City?.Evaluate(row), Province = spec.Province?.Evaluate(row),
            PostalCode = spec.PostalCode?.Evaluate(row), Country = country,
            Latitude = ParseDouble(spec.Latitude?.Evaluate(row), "latitude", spec.Latitude?.Column), Longitude = ParseDouble(spec.Longitude?.Evaluate(row), "longitude", spec.Longitude?.Column),
            Sectors = spec.Sectors?.Evaluate(row), Wikidata = spec.Wikidata?.Evaluate(row),
            Identifiers = identifiers.Count == 0 ? null : string.Join(";", identifiers),
            Aliases = aliases,
        });
        return drafts;
    }

    static RowSourceDraft? MapRowSource(RowSourceSpec? spec, SourceRow row)
    {
        if (spec is null) return null;
        var title = spec.Title?.Evaluate(row);
        var url = spec.Url?.Evaluate(row);
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(url)) throw new RowException("the row names no source (no title and no URL): every claim needs one");
        return new RowSourceDraft(title ?? url!, spec.Publisher?.Evaluate(row), spec.Published?.Evaluate(row), url, spec.Via?.Evaluate(row),
            ParseEnum(spec.Kind?.Evaluate(row), "source kind", SourceKind.Other));
    }

    public static (EntityKind, ProgrammeKind) ParseKind(string text)
    {
        if (!text.Contains(':')) return (ParseEnum<EntityKind>(text, "entity type"), ProgrammeKind.Other);
        var parts = text.Split(':', 2);
        var kind = ParseEnum<EntityKind>(parts[0], "entity type");
        var pk = ParseEnum<ProgrammeKind>(parts[1], "programme kind");
        return (kind, pk);
    }

    static T ParseEnum<T>(string? text, string what, T fallback) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? fallback : ParseEnum<T>(text, what);

    public static T ParseEnum<T>(string text, string what) where T : struct, Enum
    {
        // A file says the same few words on every row: remember the answers (bounded, for a long-running server).
        if (EnumWords<T>.Seen.TryGetValue(text, out var known)) return known;
        var cleaned = new string(text.Where(char.IsLetterOrDigit).ToArray());
        if (Enum.TryParse<T>(cleaned, ignoreCase: true, out var v) && Enum.IsDefined(v) && !char.IsDigit(cleaned.FirstOrDefault()))
        {
            if (EnumWords<T>.Seen.Count < 1_000) EnumWords<T>.Seen.TryAdd(text, v);
            return v;
        }
        throw new RowException($"'{text}' is not a {what} ({string.Join(", ", Enum.GetNames<T>())}); map it in the manifest");
    }

    static class EnumWords<T> where T : struct, Enum
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, T> Seen = new(StringComparer.Ordinal);
    }

    static double? ParseDouble(string? s, string what, string? column)
    {
        if (string.IsNullOrWhiteSpace(s) || s is "#N/A" or "N/A" or "NA") return null;
        // "NaN" and "Infinity" parse as doubles but are no place: refused here, naming the field, not by the database.
        return double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d : throw new RowException($"{what} '{s}' is not a number", column);
    }

    /// <summary>ISO 15924 code of the first letter's script, for aliases with no script given.</summary>
    public static string? ScriptOf(string s)
    {
        foreach (var ch in s)
        {
            if (!char.IsLetter(ch)) continue;
            if (ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF') return "Hani";
            if (ch is >= '\u3040' and <= '\u30FF') return "Jpan";
            if (ch is >= '\uAC00' and <= '\uD7AF') return "Hang";
            if (ch is >= '\u0400' and <= '\u04FF') return "Cyrl";
            if (ch is >= '\u0600' and <= '\u06FF') return "Arab";
            if (ch < '\u0250') return "Latn";
            return null;
        }
        return null;
    }
}
