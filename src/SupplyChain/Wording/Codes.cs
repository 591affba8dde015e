using System.Text;

namespace SupplyChain.Wording;

/// <summary>Every enum value in exports in one casing, the one GraphQL uses: DeniedLink → DENIED_LINK, High → HIGH.</summary>
public static class Codes
{
    public static string? Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v.ToString()) : null;

    public static string Of(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
