using System.Text.RegularExpressions;

namespace SupplyChain.Domain;

/// <summary>A place a published name states in its qualifier: "Hefei Bitland (Anhui)", "Haolin Hair (Lop County, Xinjiang)".</summary>
public sealed record NamedPlace(string CountryCode, string Province);

/// <summary>
/// Reads a Chinese province-level region from the bracketed qualifier of a published name, and nothing else: a place
/// the source itself wrote beside the name is evidence of where the supplier is; a guess from the rest of the name
/// (a company called "Xinjiang Zhongtai" may trade anywhere) is not.
/// </summary>
public static partial class PlaceInName
{
    /// <summary>China's province-level regions, in the spellings English-language sources use.</summary>
    public static readonly IReadOnlyList<string> ChineseProvinces =
    [
        "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou", "Hainan", "Hebei", "Heilongjiang",
        "Henan", "Hubei", "Hunan", "Inner Mongolia", "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Ningxia", "Qinghai", "Shaanxi",
        "Shandong", "Shanghai", "Shanxi", "Sichuan", "Tianjin", "Tibet", "Xinjiang", "Yunnan", "Zhejiang",
    ];

    public static NamedPlace? Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        foreach (Match q in Qualifier().Matches(name))
            for (var i = 0; i < ProvinceWords.Length; i++)
                if (ProvinceWords[i].IsMatch(q.Groups[1].Value))
                    return new NamedPlace("CN", ChineseProvinces[i]);
        return null;
    }

    // Built once: made on each call, these 31 patterns overflowed Regex's cache of 15 and every test parsed its pattern
    // again (most of the target lists' time at 1M brands). Same patterns and options as then.
    static readonly Regex[] ProvinceWords = ChineseProvinces
        .Select(p => new Regex($@"\b{Regex.Escape(p)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToArray();

    /// <summary>The province a filter names ("xinjiang" → "Xinjiang"), or null when it names none.</summary>
    public static string? Province(string? text) =>
        ChineseProvinces.FirstOrDefault(p => string.Equals(p, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\(([^()]*)\)")] private static partial Regex Qualifier();
}
