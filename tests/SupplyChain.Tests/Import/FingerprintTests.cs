using System.Security.Cryptography;
using System.Text;
using SupplyChain.Domain;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// Stored fingerprints are compared with new ones (a re-import finds its claims again, a merge keeps them apart), so the
/// buffer-built fingerprint must equal, character for character, the string-joined one it replaced.
/// </summary>
public sealed class FingerprintTests
{
    /// <summary>What <see cref="Fingerprints.Of"/> computed before: kept here as the reference, not following the code.</summary>
    static string WhatItWas(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001F", parts.Select(p => p?.ToString() ?? ""))))[..16]);

    [Fact]
    public void Equal_to_the_string_joined_fingerprint_on_every_kind_of_part()
    {
        var random = new Random(20261207);
        var texts = new[] { "", " ", "p. 12", "Table 3, row 7", "UFS-001", "Nestlé", "新疆纺织有限公司", "a\u001Fb", "🧵 emoji", new string('x', 2000), string.Concat(Enumerable.Repeat("é新", 700)) };
        object? Part() => random.Next(9) switch
        {
            0 => null,
            1 => (EntityKind)random.Next(6),
            2 => (Predicate)random.Next(8),
            3 => (long)random.Next() * (random.Next(2) == 0 ? 1 : -1),
            4 => random.Next(3) == 0 ? long.MaxValue : long.MinValue,
            5 => (int?)random.Next(-5, 500),
            6 => texts[random.Next(texts.Length)],
            7 => random.NextDouble() * 1e6,
            _ => new DateTime(2020, 1, 1).AddMinutes(random.Next()),
        };
        for (var i = 0; i < 20_000; i++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 12)).Select(_ => Part()).ToArray();
            Assert.Equal(WhatItWas(parts), Fingerprints.Of(parts));
        }
        Assert.Equal(WhatItWas(), Fingerprints.Of());
        var claim = new Claim { SubjectKind = EntityKind.Facility, SubjectId = 42, Predicate = Predicate.SourcesFrom, ObjectKind = EntityKind.Brand, ObjectId = 7, SourceId = 3, LocatorPage = "12", Locator = "Table 2", ExternalId = null };
        Assert.Equal(WhatItWas(claim.SubjectKind, claim.SubjectId, claim.Predicate, claim.ObjectKind, claim.ObjectId, claim.SourceId, claim.LocatorPage, claim.Locator, claim.ExternalId), claim.Identity());
    }
}
