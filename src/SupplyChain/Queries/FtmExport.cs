using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Queries;

/// <summary>
/// FollowTheMoney entities as JSON lines ({"id", "schema", "properties": {name: [values]}}), for Aleph, OpenSanctions
/// tooling and other FtM readers. Only where FtM has a fitting schema: brands, companies and facilities as Company
/// (facilities with an Address entity), ownership claims and parent links as Ownership, listings on a government list
/// or import order as Sanction. Schema and property names are checked in tests against the FtM schema YAML.
/// Facts with no FtM home (supplier links, labour transfers, NAMED_IN, responses, confidence) are left out: see README.
/// </summary>
public static class FtmExport
{
    public static string Id(EntityKind kind, long id) => $"sc-{kind.ToString().ToLowerInvariant()}-{id}";

    public static async Task WriteAsync(SupplyChainDbFactory factory, Stream output, CancellationToken ct)
    {
        await using var db = factory.Create();
        await using var w = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        var emitted = new HashSet<string>();
        async Task Emit(string id, string schema, Dictionary<string, List<string>> props)
        {
            foreach (var k in props.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList()) props.Remove(k);
            emitted.Add(id);
            await w.WriteLineAsync(JsonSerializer.Serialize(new { id, schema, properties = props }));
        }

        var aliases = (await db.BrandAliases.AsNoTracking().ToListAsync(ct)).ToLookup(a => a.BrandId);
        foreach (var b in await db.Brands.AsNoTracking().Where(b => b.MergedIntoId == null).OrderBy(b => b.Id).ToListAsync(ct))
            await Emit(Id(EntityKind.Brand, b.Id), "Company", new()
            {
                ["name"] = [b.Name], ["alias"] = aliases[b.Id].Select(a => a.Name).Distinct().ToList(),
                ["sector"] = Split(b.Sectors), ["wikidataId"] = Opt(b.WikidataQid),
                ["notes"] = ["A consumer brand (SupplyChain brand " + b.Slug + "); FtM has no brand schema."],
            });
        var companies = await db.Companies.AsNoTracking().Where(c => c.MergedIntoId == null).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in companies)
            await Emit(Id(EntityKind.Company, c.Id), "Company", new()
            {
                ["name"] = [c.Name], ["country"] = Country(c.CountryCode), ["wikidataId"] = Opt(c.WikidataQid),
            });
        foreach (var f in await db.Facilities.AsNoTracking().Where(f => f.MergedIntoId == null).OrderBy(f => f.Id).ToListAsync(ct))
        {
            var full = string.Join(", ", new[] { f.Address, f.City, f.Province, f.PostalCode }.Where(x => !string.IsNullOrWhiteSpace(x)));
            string? addressId = null;
            if (full.Length > 0 || f.Latitude is not null)
            {
                addressId = $"sc-address-{f.Id}";
                await Emit(addressId, "Address", new()
                {
                    ["full"] = Opt(full), ["street"] = Opt(f.Address), ["city"] = Opt(f.City), ["region"] = Opt(f.Province),
                    ["postalCode"] = Opt(f.PostalCode), ["country"] = Country(f.CountryCode),
                    ["latitude"] = Opt(f.Latitude?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ["longitude"] = Opt(f.Longitude?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                });
            }
            await Emit(Id(EntityKind.Facility, f.Id), "Company", new()
            {
                ["name"] = [f.Name], ["alias"] = Opt(f.NativeName), ["country"] = Country(f.CountryCode),
                ["address"] = Opt(full), ["addressEntity"] = Opt(addressId),
                ["notes"] = ["A production facility (factory) in supplier lists."],
            });
        }
        var programmes = await db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var claims = await db.Claims.AsNoTracking().Include(c => c.Source)
            .Where(c => ClaimStatuses.Live.Contains(c.Status) && (c.Predicate == Predicate.OwnedBy || c.Predicate == Predicate.ListedOn))
            .OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in claims)
        {
            var subject = Id(c.SubjectKind, c.SubjectId);
            if (!emitted.Contains(subject)) continue; // a merged-away or unknown entity
            var common = new Dictionary<string, List<string>>
            {
                ["startDate"] = Opt(IsoDate(c.PeriodFrom)), ["endDate"] = Opt(IsoDate(c.PeriodTo)),
                ["sourceUrl"] = Opt(c.Source!.Url), ["publisher"] = Opt(c.Source.Publisher),
                ["summary"] = Opt(c.Summary), ["description"] = Opt(c.Quote),
            };
            if (c.Predicate == Predicate.OwnedBy && emitted.Contains(Id(c.ObjectKind, c.ObjectId)))
            {
                common["owner"] = [Id(c.ObjectKind, c.ObjectId)];
                common["asset"] = [subject];
                await Emit($"sc-claim-{c.Id}", "Ownership", common);
            }
            else if (c.Predicate == Predicate.ListedOn && c.ObjectKind == EntityKind.Programme && programmes.TryGetValue(c.ObjectId, out var p)
                     && p.Kind is ProgrammeKind.GovernmentList or ProgrammeKind.ImportOrder)
            {
                common["entity"] = [subject];
                common["program"] = [p.Name];
                common["authority"] = Opt(p.Jurisdiction);
                common["listingDate"] = Opt(IsoDate(c.PeriodFrom));
                common["reason"] = Opt(c.Summary);
                common.Remove("summary");
                await Emit($"sc-claim-{c.Id}", "Sanction", common);
            }
        }
        await w.FlushAsync(ct);
    }

    static List<string> Opt(string? v) => string.IsNullOrWhiteSpace(v) ? [] : [v.Trim()];
    static List<string> Split(string? v) => v?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
    /// <summary>FtM countries are ISO 3166-1 alpha-2 in lower case.</summary>
    static List<string> Country(string? code) => code is { Length: 2 } ? [code.ToLowerInvariant()] : [];
    /// <summary>Our periods are "2019", "2019-07" or a full date; FtM dates take the same prefixes of ISO 8601.</summary>
    static string? IsoDate(string? v) => v is not null && System.Text.RegularExpressions.Regex.IsMatch(v, @"^\d{4}(-\d{2}(-\d{2})?)?$") ? v : null;
}
