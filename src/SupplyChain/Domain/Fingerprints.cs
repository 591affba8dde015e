using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Domain;

/// <summary>The one hash behind every stored identity (claims, responses): 32 hex characters of SHA-256 over the parts.</summary>
public static class Fingerprints
{
    public static string Of(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001F", parts.Select(p => p?.ToString() ?? ""))))[..16]);
}
