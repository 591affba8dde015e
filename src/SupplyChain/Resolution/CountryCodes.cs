using System.Globalization;

namespace SupplyChain.Resolution;

/// <summary>
/// Country names and codes as published ("China", "CN", "CHINA", "China Mainland", "Viet Nam") to ISO 3166-1 alpha-2.
/// Built from the platform's region data (ICU) plus the spellings supplier lists use that ICU does not know.
/// </summary>
public static class CountryCodes
{
    static readonly Dictionary<string, string> ByKey = Build();

    /// <summary>The alpha-2 code, or null when the value is empty or not a country we recognise.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // A list names few countries, each on thousands of rows: remember the answers (bounded, for a long-running server).
        if (Seen.TryGetValue(value, out var known)) return known;
        var code = Lookup(value);
        if (Seen.Count < 10_000) Seen.TryAdd(value, code);
        return code;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Seen = new(StringComparer.Ordinal);

    static string? Lookup(string value)
    {
        if (ByKey.TryGetValue(NameNormalizer.Fold(value), out var code)) return code;
        // "Moldova (Republic of)", "Korea, Republic of", "Iran (Islamic Republic of)": the name without its qualifier.
        var bare = NameNormalizer.WithoutParentheses(value).Split(',')[0];
        if (ByKey.TryGetValue(NameNormalizer.Fold(bare), out code)) return code;
        var inner = NameNormalizer.Qualifiers(value).Concat(value.Split(',').Skip(1));
        var joined = NameNormalizer.Fold(string.Join(' ', inner.Append(bare)));
        return ByKey.TryGetValue(joined, out code) ? code : null;
    }

    public static string? EnglishName(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return new RegionInfo(code).EnglishName; } catch (ArgumentException) { return code; }
    }

    static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string code) { var k = NameNormalizer.Fold(name); if (k.Length > 0) map.TryAdd(k, code); }

        // Spellings seen in supplier disclosures and facility lists, added first so they win.
        foreach (var (name, code) in new[]
        {
            ("China Mainland", "CN"), ("Mainland China", "CN"), ("PRC", "CN"), ("People's Republic of China", "CN"), ("中国", "CN"),
            ("Viet Nam", "VN"), ("Vietnam", "VN"), ("USA", "US"), ("U.S.A.", "US"), ("US", "US"), ("U.S.", "US"),
            ("United States of America", "US"), ("United States", "US"), ("America", "US"),
            ("UK", "GB"), ("United Kingdom of Great Britain and Northern Ireland", "GB"), ("Northern Ireland", "GB"), ("Scotland", "GB"), ("Wales", "GB"),
            ("Republic of Moldova", "MD"), ("Lao People's Democratic Republic", "LA"), ("Iran, Islamic Republic of", "IR"), ("Syrian Arab Republic", "SY"),
            ("Tanzania, United Republic of", "TZ"), ("Bolivia, Plurinational State of", "BO"), ("Venezuela, Bolivarian Republic of", "VE"),
            ("Democratic Republic of the Congo", "CD"), ("DR Congo", "CD"), ("Republic of the Congo", "CG"), ("Brunei Darussalam", "BN"), ("U.K.", "GB"), ("Great Britain", "GB"), ("England", "GB"), ("United Kingdom", "GB"),
            ("South Korea", "KR"), ("Korea", "KR"), ("Korea, Republic of", "KR"), ("Republic of Korea", "KR"),
            ("North Korea", "KP"), ("Taiwan", "TW"), ("Taiwan, Province of China", "TW"), ("Chinese Taipei", "TW"),
            ("Hong Kong", "HK"), ("Hong Kong SAR", "HK"), ("Macau", "MO"), ("Macao", "MO"),
            ("Turkey", "TR"), ("Türkiye", "TR"), ("Turkiye", "TR"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
            ("Russia", "RU"), ("Russian Federation", "RU"), ("Laos", "LA"), ("Lao PDR", "LA"), ("Burma", "MM"), ("Myanmar", "MM"),
            ("Ivory Coast", "CI"), ("Cote d'Ivoire", "CI"), ("UAE", "AE"), ("United Arab Emirates", "AE"),
            ("Holland", "NL"), ("The Netherlands", "NL"), ("Bosnia", "BA"), ("Macedonia", "MK"), ("North Macedonia", "MK"),
            ("Moldova", "MD"), ("Iran", "IR"), ("Syria", "SY"), ("Tanzania", "TZ"), ("Bolivia", "BO"), ("Venezuela", "VE"),
            ("Eswatini", "SZ"), ("Swaziland", "SZ"), ("Cape Verde", "CV"), ("East Timor", "TL"), ("Palestine", "PS"),
        })
            Add(name, code);

        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); } catch (ArgumentException) { continue; }
            var code = region.TwoLetterISORegionName;
            if (code.Length != 2 || !char.IsLetter(code[0])) continue;
            Add(code, code);
            Add(region.ThreeLetterISORegionName, code);
            Add(region.EnglishName, code);
            Add(region.NativeName, code);
        }
        return map;
    }
}
