using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Editions;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

public sealed class EditionStateType : EnumerationGraphType<EditionState>
{
    public EditionStateType()
    {
        Name = "EditionState";
        Description = "A supplier relation across a yearly list's editions: LISTED in the newest edition; NO_LONGER_LISTED (ended, kept with its years); POSSIBLY_CONTINUED (a later entry may be the same supplier under another name or address, awaiting review).";
    }
}

public sealed class SupplierEditionType : ObjectGraphType<EditionSpan>
{
    public SupplierEditionType()
    {
        Name = "SupplierEdition";
        Description = "A brand's SOURCES_FROM relation with one supplier, read across the editions of a supplier list published yearly.";
        Field<NonNullGraphType<SourceType>>("source").Description("The list (its newest version).").Resolve(c => c.Source.Series);
        Field<NonNullGraphType<EntityType>>("supplier").Resolve(c => c.Source.Supplier);
        Field<NonNullGraphType<EditionStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<BooleanGraphType>>("ended").Description("Listed in earlier editions and in none of the later ones.")
            .Resolve(c => c.Source.State == EditionState.NoLongerListed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("yearsListed").Resolve(c => c.Source.YearsListed);
        Field<NonNullGraphType<StringGraphType>>("firstListed").Resolve(c => c.Source.FirstListed);
        Field<NonNullGraphType<StringGraphType>>("lastListed").Resolve(c => c.Source.LastListed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notListedIn").Description("Later editions that do not list it.")
            .Resolve(c => c.Source.NotListedIn);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("editions").Description("Every edition of the list we hold.")
            .Resolve(c => c.Source.Editions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityType>>>>("possibleContinuations")
            .Description("Suppliers of later editions a reviewer has yet to confirm or reject as this one.").Resolve(c => c.Source.PossibleContinuations);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("claims").Description("One claim per edition that lists it, with citation.")
            .Resolve(c => c.Source.Claims);
    }
}

public sealed class GoodContextType : ObjectGraphType<GoodContext>
{
    public GoodContextType()
    {
        Name = "GoodContext";
        Description = "A good from a country the US DOL lists as made with forced labour, in one of the brand's sectors. Context only: DOL names no company; this is never a link to the brand.";
        Field(x => x.Good);
        Field(x => x.Country);
        Field(x => x.ForcedLabour).Description("false: made with an input produced with forced labour.");
        Field(x => x.InputFrom, nullable: true);
        Field(x => x.SupplierCountry).Description("The brand's listed suppliers include one in this country.");
        Field(x => x.Text);
        Field<NonNullGraphType<ClaimType>>("claim").Resolve(c => c.Source.Claim);
    }
}

static class EditionFields
{
    public static void Add(ObjectGraphType<BrandCard> brand)
    {
        brand.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SupplierEditionType>>>>("supplierEditions")
            .Description("Supplier lists published in editions: each supplier with the editions that list it; one dropped by later editions is an ended relation with its years.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<SupplierEditions>().ForBrandAsync(c.Source.Id, c.CancellationToken));
        brand.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GoodContextType>>>>("goodsContext")
            .Description("US DOL goods made with forced labour in this brand's sectors, by country: context, never a link to the brand.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<GoodsContext>().ForBrandAsync(c.Source.Id, c.Source.Sectors, c.CancellationToken));
    }
}
