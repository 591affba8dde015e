using SupplyChain.Resolution;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Resolution;

/// <summary>
/// Issue 14: the faster resolution code must give the very answers of the code it replaced. The ASCII fold against the
/// general (Unicode) fold, and Dice over packed trigram codes against Dice over trigram strings, on every name and
/// address field of the bundled lists plus hand-picked edge cases.
/// </summary>
public sealed class FastPathExactnessTests
{
    static List<string> Texts()
    {
        var texts = new List<string>
        {
            "Carter's", "H & M", "H&M", "  A&B  ", "x`y", "--", "a  &  b", "&", "Co.,Ltd", "\tX\nY", "Regina Miracle (Shenzhen) Ltd.",
            "S.A.", "AT&T Inc.", "ABC-123 / Road 4", "'quoted'", "Levi Strauss & Co.", "A  B", " trailing ", "UPPER lower 99",
        };
        foreach (var dir in new[] { Repo.Path("datasets", "open-supply-hub-lists", "list_files"), Repo.Path("datasets", "aspi-uyghurs-for-sale-brands") })
            foreach (var f in Directory.GetFiles(dir).Where(f => f.EndsWith(".csv") || f.EndsWith(".txt")))
                foreach (var line in File.ReadLines(f))
                    texts.AddRange(line.Split(',').Select(t => t.Trim('"')));
        return texts.Where(t => t.Length > 0).Distinct().ToList();
    }

    [Fact]
    public void The_ascii_fold_equals_the_general_fold()
    {
        var ascii = 0;
        foreach (var t in Texts())
        {
            Assert.Equal(NameNormalizer.FoldUnicode(t), NameNormalizer.Fold(t));
            if (System.Text.Ascii.IsValid(t)) { ascii++; Assert.Equal(NameNormalizer.FoldUnicode(t), NameNormalizer.FoldAscii(t)); }
        }
        Assert.True(ascii > 1000, $"{ascii} ASCII texts");
    }

    [Fact]
    public void Compact_by_spans_equals_the_words_joined()
    {
        static string Joined(string key) => string.Concat(key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t != "and")); // what it was
        var keys = new List<string> { "", " ", "and", "and and", " and x", "x and", "a  b", "sandy and andes", "h and m", "band", new string('a', 300) + " and b" };
        foreach (var t in Texts()) { keys.Add(NameNormalizer.Key(t)); keys.Add(NameNormalizer.Fold(t)); keys.Add(t); }
        foreach (var k in keys) Assert.Equal(Joined(k), NameNormalizer.Compact(k));
        Assert.True(keys.Count > 3000, $"{keys.Count} keys");
    }

    [Fact]
    public void Addresses_disagree_as_with_word_lists_and_trigram_strings()
    {
        static bool WhatItWas(string? a, string? b)
        {
            if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b)) return false;
            var fa = NameNormalizer.Fold(a); var fb = NameNormalizer.Fold(b);
            if (NameNormalizer.Tokens(fa).Count() < 3 || NameNormalizer.Tokens(fb).Count() < 3) return false;
            var similarity = EntityCatalog.Dice(EntityCatalog.Trigrams(fa).ToHashSet(), fb);
            if (similarity < 0.3) return true;
            var na = System.Text.RegularExpressions.Regex.Matches(fa, @"\d+").Select(m => m.Value).ToHashSet();
            var nb = System.Text.RegularExpressions.Regex.Matches(fb, @"\d+").Select(m => m.Value).ToHashSet();
            return similarity < 0.5 && na.Count > 0 && nb.Count > 0 && !na.Overlaps(nb);
        }
        var texts = Texts().Where(t => t.Length > 3).Take(300).Concat(["27 Phetkasem Rd.", "166-172 Moo 1, Phetkasem Rd.", "a  b", " x y z ", "街道 1 号 厂", null, ""]).ToList();
        var disagreeing = 0;
        foreach (var a in texts)
            foreach (var b in texts)
            {
                var expected = WhatItWas(a, b);
                Assert.Equal(expected, EntityCatalog.AddressesDisagree(a, b));
                if (expected) disagreeing++;
            }
        Assert.True(disagreeing > 1000, $"{disagreeing} disagreeing pairs");
    }

    [Fact]
    public void Dice_over_trigram_codes_equals_dice_over_trigram_strings()
    {
        var keys = Texts().Select(NameNormalizer.Key).Where(k => k.Length > 0).Distinct().Take(400).ToList();
        var compared = 0;
        foreach (var a in keys)
        {
            var codes = EntityCatalog.TrigramCodes(a);
            var strings = EntityCatalog.Trigrams(a).ToHashSet();
            Assert.Equal(strings.Count, codes.Length);
            foreach (var b in keys)
            {
                Assert.Equal(EntityCatalog.Dice(strings, b), EntityCatalog.Dice(codes, b));
                compared++;
            }
        }
        Assert.True(compared > 10_000);
    }
}

/// <summary>The pigeonhole shortcut in trigram counting gives the matches of counting every list in full.</summary>
public sealed class TrigramCountingExactnessTests
{
    [Fact]
    public void Matches_equal_those_of_counting_every_list()
    {
        var names = new List<(string Name, string? Country, string? Address)>();
        foreach (var f in Directory.GetFiles(Repo.Path("datasets", "open-supply-hub-lists", "list_files"), "*.csv"))
            foreach (var line in File.ReadLines(f).Skip(1))
            {
                var cols = line.Split(',');
                if (cols.Length > 2) names.Add((cols[1].Trim('"'), CountryCodes.Normalize(cols[0]), cols[2].Trim('"')));
            }
        // Similar names, as in big supplier lists: every name again with a letter dropped and with a recurring word.
        var queries = names.SelectMany(n => new[] { n.Name, n.Name.Length > 4 ? n.Name.Remove(2, 1) : n.Name, n.Name + " Garment", "Textile " + n.Name }).ToList();
        var fast = new EntityCatalog();
        var full = new EntityCatalog { CountEveryList = true };
        var id = 1L;
        foreach (var (name, country, address) in names.Concat(names.Select(n => (n.Name + " Garment Co., Ltd.", n.Country, n.Address))))
        {
            fast.Add(SupplyChain.Domain.EntityKind.Facility, id, name, country, address: address);
            full.Add(SupplyChain.Domain.EntityKind.Facility, id, name, country, address: address);
            id++;
        }
        var withMatches = 0;
        foreach (var q in queries)
        {
            var a = fast.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 5);
            var b = full.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 5);
            Assert.Equal(b, a);
            if (a.Count > 1) withMatches++;
        }
        Assert.True(withMatches > 500, $"{withMatches} queries with several matches");
    }
}

/// <summary>Legal forms dropped by spans give the answer of splitting into words, dropping and joining them.</summary>
public sealed class LegalFormExactnessTests
{
    static readonly HashSet<string> LegalForms = typeof(NameNormalizer).GetField("LegalForms", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
        .GetValue(null) as HashSet<string> ?? throw new InvalidOperationException("no LegalForms");

    /// <summary>What <see cref="NameNormalizer.StripLegalForms"/> was before it worked by spans.</summary>
    static string ByWords(string folded)
    {
        var s = folded;
        foreach (var han in new[] { "股份有限公司", "有限责任公司", "有限公司", "株式会社", "公司" })
            if (s.EndsWith(han, StringComparison.Ordinal) && s.Length > han.Length) { s = s[..^han.Length].TrimEnd(); break; }
        var tokens = s.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 1)
        {
            var last = tokens[^1];
            if (LegalForms.Contains(last)) { tokens.RemoveAt(tokens.Count - 1); continue; }
            if (tokens.Count > 2 && LegalForms.Contains(tokens[^2] + " " + last)) { tokens.RemoveRange(tokens.Count - 2, 2); continue; }
            break;
        }
        if (tokens.Count > 1 && tokens[^1] is "coltd" or "coinc") tokens.RemoveAt(tokens.Count - 1);
        else if (tokens.Count >= 1 && tokens[^1].EndsWith("coltd", StringComparison.Ordinal) && tokens[^1].Length > 5)
            tokens[^1] = tokens[^1][..^5];
        return string.Join(' ', tokens);
    }

    [Fact]
    public void Spans_give_the_words_answer()
    {
        var texts = new List<string>
        {
            "", " ", "co", "co ltd", "a co ltd", "a  co  ltd ", " s a", "x s a", "x y s a", "acme coltd", "coltd", "acmecoltd", "x coinc",
            "a b c d e f g h co", "abc 有限公司", "有限公司", "某某股份有限公司", "a  b", "ltd ltd ltd", "x sdn bhd", "x s a s a", new string('w', 600) + " co ltd",
            string.Join(' ', Enumerable.Repeat("ab", 400)) + " inc",
        };
        foreach (var dir in new[] { Repo.Path("datasets", "open-supply-hub-lists", "list_files"), Repo.Path("datasets", "aspi-uyghurs-for-sale-brands") })
            foreach (var f in Directory.GetFiles(dir).Where(f => f.EndsWith(".csv") || f.EndsWith(".txt")))
                foreach (var line in File.ReadLines(f))
                    foreach (var t in line.Split(',').Select(t => t.Trim('"')))
                    {
                        texts.Add(t);
                        texts.Add(NameNormalizer.Fold(t));
                        texts.Add(NameNormalizer.Fold(t) + " co ltd");
                    }
        foreach (var t in texts.Distinct()) Assert.Equal(ByWords(t), NameNormalizer.StripLegalForms(t));
        Assert.True(texts.Count > 3000, $"{texts.Count} texts");
    }

    [Fact]
    public void Key_with_qualifiers_is_the_key_when_there_are_no_brackets()
    {
        foreach (var name in new[] { "Acme Co., Ltd.", " Acme ", "\u3000Acme\u3000Garment", "Acme (Shenzhen) Ltd.", "Acme [x]", "Acme（深圳）" })
        {
            var copy = new string(name.AsSpan());
            _ = NameNormalizer.Key(name); // the shortcut reads the key kept for this very string
            Assert.Equal(NameNormalizer.StripLegalForms(NameNormalizer.Fold(copy)), NameNormalizer.KeyWithQualifiers(name));
        }
    }
}

/// <summary>
/// Scoring reads each entity's keys as trigram numbers from one shared pool, filled the first time an entity is scored
/// (from any thread) and forgotten when it gains a name: every similar-name score is still the Dice of the trigram
/// strings, best over the entity's names, and matching from many threads at once gives what one thread gives.
/// </summary>
public sealed class ScoringPoolTests
{
    /// <summary>The factory names and countries of the bundled Open Supply Hub lists (real names, in file order).</summary>
    internal static List<(string Name, string? Country)> BundledNames()
    {
        var names = new List<(string, string?)>();
        foreach (var f in Directory.GetFiles(Repo.Path("datasets", "open-supply-hub-lists", "list_files"), "*.csv"))
            foreach (var line in File.ReadLines(f).Skip(1))
            {
                var cols = line.Split(',');
                if (cols.Length > 2) names.Add((cols[1].Trim('"'), CountryCodes.Normalize(cols[0])));
            }
        return names;
    }

    static EntityCatalog Catalog(List<(string Name, string? Country)> names)
    {
        var c = new EntityCatalog();
        var id = 1L;
        foreach (var (name, country) in names)
        {
            c.Add(SupplyChain.Domain.EntityKind.Facility, id, name, country);
            c.Add(SupplyChain.Domain.EntityKind.Facility, id + 100_000, name + " Garment Co., Ltd.", country);
            if (id % 7 == 0) c.AddAlias(SupplyChain.Domain.EntityKind.Facility, id, "Textile " + name);
            id++;
        }
        return c;
    }

    static List<string> Queries(List<(string Name, string? Country)> names) =>
        names.SelectMany(n => new[] { n.Name.Length > 4 ? n.Name.Remove(2, 1) : n.Name, n.Name + " Knitting", "Textile " + n.Name }).ToList();

    [Fact]
    public void Similar_name_scores_are_the_dice_of_trigram_strings_best_over_the_names()
    {
        var names = BundledNames();
        var catalog = Catalog(names);
        var checkedScores = 0;
        foreach (var q in Queries(names))
            foreach (var m in catalog.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 10))
            {
                if (!m.Rule.StartsWith("similar-name")) continue;
                var e = catalog.Get(SupplyChain.Domain.EntityKind.Facility, m.Id)!;
                var keys = new List<string> { e.Key, e.KeyQ };
                if (m.Id <= names.Count && m.Id % 7 == 0) keys.Add(NameNormalizer.Key("Textile " + names[(int)m.Id - 1].Name));
                var mine = EntityCatalog.Trigrams(NameNormalizer.Key(q)).ToHashSet();
                var best = keys.Max(k => EntityCatalog.Dice(mine, k));
                if (m.Rule.Contains("countries differ")) best *= 0.6;
                Assert.Equal(Math.Round(best, 3), m.Score);
                checkedScores++;
            }
        Assert.True(checkedScores > 1000, $"{checkedScores} similar-name scores");
    }

    [Fact]
    public void Matching_from_many_threads_gives_what_one_thread_gives()
    {
        var names = BundledNames();
        var queries = Queries(names);
        var one = Catalog(names);
        var expected = queries.Select(q => one.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 5)).ToList();
        var shared = Catalog(names); // its pool is filled by whichever thread scores an entity first
        var got = new IReadOnlyList<NameMatch>[queries.Count];
        Parallel.For(0, queries.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => got[(i * 7919) % queries.Count] = shared.Match(SupplyChain.Domain.EntityKind.Facility, queries[(i * 7919) % queries.Count], "CN", 5));
        for (var i = 0; i < queries.Count; i++) Assert.Equal(expected[i], got[i]);
        Assert.True(queries.Count % 7919 != 0);
    }

    [Fact]
    public void An_entity_that_gains_a_name_is_scored_by_its_names_now()
    {
        var c = new EntityCatalog();
        c.Add(SupplyChain.Domain.EntityKind.Facility, 1, "Alpha Weaving Mill", "CN");
        c.Add(SupplyChain.Domain.EntityKind.Facility, 2, "Zeta Dyeing Works", "CN");
        Assert.Contains(c.Match(SupplyChain.Domain.EntityKind.Facility, "Alpha Weaving Mills", "CN"), m => m.Id == 1);
        c.Add(SupplyChain.Domain.EntityKind.Facility, 1, "Omega Knitting Factory", "CN"); // renamed after it was scored
        var renamed = c.Match(SupplyChain.Domain.EntityKind.Facility, "Omega Knittin Factory", "CN").Single(m => m.Id == 1);
        Assert.Equal(Math.Round(EntityCatalog.Similarity("Omega Knittin Factory", "Omega Knitting Factory"), 3), renamed.Score);
        c.AddAlias(SupplyChain.Domain.EntityKind.Facility, 2, "Zeta Printing House"); // a name added after it was scored
        Assert.Contains(c.Match(SupplyChain.Domain.EntityKind.Facility, "Zeta Dyeing Work", "CN"), m => m.Id == 2);
        var byAlias = c.Match(SupplyChain.Domain.EntityKind.Facility, "Zeta Printin House", "CN").Single(m => m.Id == 2);
        Assert.Equal(Math.Round(EntityCatalog.Similarity("Zeta Printin House", "Zeta Printing House"), 3), byAlias.Score);
    }
}

/// <summary>An import's catalog keeps trigram numbers as entities are added; it matches exactly as one that makes them when scoring.</summary>
public sealed class NumbersAtAddTests
{
    /// <summary>
    /// A factory as the tests add it: its name with qualifiers; every fifth with an alias right after it (on the end of
    /// the pool), every eleventh giving an alias to the one added 20 before (long after), every thirteenth renaming it.
    /// </summary>
    internal static void AddWithLateNames(EntityCatalog c, long id, string name, string? country)
    {
        const SupplyChain.Domain.EntityKind F = SupplyChain.Domain.EntityKind.Facility;
        c.Add(F, id, name + " (Qualifier)", country); // a key with qualifiers too
        if (id % 5 == 0) c.AddAlias(F, id, "Textile " + name); // right after: on the end
        if (id % 11 == 0 && id > 20) c.AddAlias(F, id - 20, name + " Knitting"); // long after
        if (id % 13 == 0 && id > 20) c.Add(F, id - 20, name + " Renamed", country); // renamed
    }

    [Fact]
    public void A_catalog_that_keeps_numbers_at_add_matches_as_one_that_makes_them_when_scoring()
    {
        var names = ScoringPoolTests.BundledNames();
        var lazy = new EntityCatalog();
        var eager = new EntityCatalog { NumbersAtAdd = true };
        var queries = 0;
        var byLateAlias = 0;
        var id = 1L;
        foreach (var (name, country) in names)
        {
            foreach (var c in new[] { lazy, eager }) AddWithLateNames(c, id, name, country);
            id++;
            // Near the names, not equal to them: only trigram scoring (not an exact key) finds the late alias and the new name.
            foreach (var q in new[] { name.Length > 4 ? name.Remove(2, 1) : name, name + " Knittin", "Textle " + name, name + " Renamd" })
            {
                var expected = lazy.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 5);
                Assert.Equal(expected, eager.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 5));
                queries++;
                if (expected.Any(m => m.Rule.StartsWith("similar-name") && m.Id == id - 21 && id - 1 > 20 && (id - 1) % 11 == 0)) byLateAlias++;
            }
        }
        Assert.True(queries > 1000, $"{queries} queries");
        Assert.True(byLateAlias > 20, $"{byLateAlias} found by an alias added long after its entity");
    }
}

/// <summary>
/// Counting compares countries by number: a near name in another country is scored only when it is on every list read
/// (only then can it pass the ×0.6 penalty), one with no country or the name's own always is, and a country no entity
/// holds disagrees with every country held.
/// </summary>
public sealed class CountryInCountingTests
{
    [Fact]
    public void Countries_decide_which_near_names_are_scored()
    {
        var c = new EntityCatalog();
        var id = 1L;
        c.Add(SupplyChain.Domain.EntityKind.Facility, id++, "Huafu Weaving Mill", "CN");
        c.Add(SupplyChain.Domain.EntityKind.Facility, id++, "Huafu Weaving Mills", "DE");
        c.Add(SupplyChain.Domain.EntityKind.Facility, id++, "Huafu Weavin Mill", null);
        c.Add(SupplyChain.Domain.EntityKind.Facility, id++, "Huafu Weaving Mil", "VN");
        for (var i = 0; i < 50; i++) c.Add(SupplyChain.Domain.EntityKind.Facility, id++, $"Other Dyeing Works {i}", i % 2 == 0 ? "CN" : "DE");
        IReadOnlyList<NameMatch> Near(string? country) =>
            c.Match(SupplyChain.Domain.EntityKind.Facility, "Huafu Weaving Mil", country, 10).Where(m => m.Id <= 4).ToList();
        // No country: every near name, none penalised.
        Assert.Equal([1L, 2L, 3L, 4L], Near(null).Select(m => m.Id).Order());
        Assert.DoesNotContain(Near(null), m => m.Rule.Contains("countries differ"));
        // CN: its own and the one without a country as near names; VN's is the same letters (0.95 × 0.6 < 0.6: dropped);
        // DE's is near, not equal, so its penalised score falls under the threshold.
        var cn = Near("CN");
        Assert.Contains(cn, m => m.Id == 1 && m.Rule == "similar-name");
        Assert.Contains(cn, m => m.Id == 3 && m.Rule == "similar-name");
        Assert.DoesNotContain(cn, m => m.Id == 2);
        // A country nobody holds: countryless near names still come, every held country disagrees.
        var zz = Near("ZZ");
        Assert.Contains(zz, m => m.Id == 3);
        Assert.DoesNotContain(zz, m => m.Id is 1 or 2);
        Assert.Equal(Near(null).Where(m => m.Id == 3).Select(m => m.Score), zz.Where(m => m.Id == 3).Select(m => m.Score));
    }
}

/// <summary>
/// The bucket sketch rules an entity out only when no key of it could reach the candidate threshold: matching with it
/// gives what scoring every entity met gives, on names built to be near each other.
/// </summary>
public sealed class SketchExactnessTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Matches_equal_those_of_scoring_every_entity_met(bool numbersAtAdd)
    {
        var names = ScoringPoolTests.BundledNames();
        var sketched = new EntityCatalog { NumbersAtAdd = numbersAtAdd };
        var every = new EntityCatalog { NumbersAtAdd = numbersAtAdd, ScoreEveryMet = true };
        var id = 1L;
        foreach (var (name, country) in names.Concat(names.Select(n => (n.Name + " Garment Co., Ltd.", n.Country))).Concat(names.Select(n => ("Textile " + n.Name, n.Country))))
        {
            sketched.Add(SupplyChain.Domain.EntityKind.Facility, id, name, country);
            every.Add(SupplyChain.Domain.EntityKind.Facility, id, name, country);
            if (id % 9 == 0) { sketched.AddAlias(SupplyChain.Domain.EntityKind.Facility, id, name + " Knitting"); every.AddAlias(SupplyChain.Domain.EntityKind.Facility, id, name + " Knitting"); }
            id++;
        }
        var near = 0;
        foreach (var (name, _) in names)
            foreach (var q in new[] { name, name.Length > 4 ? name.Remove(2, 1) : name + "s", name + " Garment", "Textil " + name, name + " Knittin Mill" })
            {
                var a = sketched.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 10);
                Assert.Equal(every.Match(SupplyChain.Domain.EntityKind.Facility, q, "CN", 10), a);
                near += a.Count(m => m.Rule.StartsWith("similar-name"));
            }
        Assert.True(near > 2000, $"{near} similar-name matches");
    }
}

/// <summary>
/// A kind loaded with its postings held back (<see cref="EntityCatalog.HoldPostings"/>) holds the very lists, numbers
/// and matches of one loaded name by name: names added before the scope, aliases right after their entity and long
/// after it, and renamed entities (a slot met again later) included.
/// </summary>
public sealed class HeldPostingsTests
{
    [Fact]
    public void A_catalog_loaded_with_postings_held_back_is_the_catalog_loaded_name_by_name()
    {
        var names = ScoringPoolTests.BundledNames();
        Assert.True(names.Count > 300, $"{names.Count} names");
        const SupplyChain.Domain.EntityKind F = SupplyChain.Domain.EntityKind.Facility;
        foreach (var numbersAtAdd in new[] { false, true })
        {
            var one = new EntityCatalog { NumbersAtAdd = numbersAtAdd };
            var held = new EntityCatalog { NumbersAtAdd = numbersAtAdd };
            void Load(EntityCatalog c, int from, int to)
            {
                for (var i = from; i < to; i++) NumbersAtAddTests.AddWithLateNames(c, i + 1, names[i].Name, names[i].Country);
            }
            Load(one, 0, names.Count);
            Load(held, 0, 100); // lists that already hold slots when the scope opens
            using (held.HoldPostings(F))
            {
                Load(held, 100, names.Count);
                Assert.Throws<InvalidOperationException>(() => held.HoldPostings(F));
            }
            var expected = one.PostingsOf(F).OrderBy(p => p.Code).ToList();
            var actual = held.PostingsOf(F).OrderBy(p => p.Code).ToList();
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal((expected[i].Code, expected[i].Number), (actual[i].Code, actual[i].Number));
                Assert.Equal(expected[i].Slots, actual[i].Slots);
            }
            Assert.Contains(expected, p => p.Slots.Length > 50); // lists long enough to be split between parts
            var queries = 0;
            foreach (var (name, _) in names.Where((_, i) => i % 3 == 0))
                foreach (var q in new[] { name.Length > 4 ? name.Remove(2, 1) : name, name + " Knittin", "Textle " + name })
                {
                    Assert.Equal(one.Match(F, q, "CN", 5), held.Match(F, q, "CN", 5));
                    queries++;
                }
            Assert.True(queries > 300, $"{queries} queries");
        }
    }
}
