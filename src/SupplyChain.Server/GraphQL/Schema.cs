using GraphQL;
using GraphQL.Types;
using SupplyChain.Domain;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

public sealed class SupplyChainSchema : Schema
{
    public SupplyChainSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "SupplyChain: brands, the suppliers and programmes they are linked to, and the sources that say so.";
        StandardIntrospection.Enable(this);
    }

    protected override void OnBeforeInitializeType(IGraphType graphType)
    {
        StandardIntrospection.OnBeforeInitializeType(graphType);
        base.OnBeforeInitializeType(graphType);
    }
}

public sealed class BrandFilterInput : InputObjectGraphType<BrandFilter>
{
    public BrandFilterInput()
    {
        Name = "BrandFilter";
        Field<IdGraphType>("namedIn").Description("Brands named in this source (or any version of it).");
        Field<StringGraphType>("sector");
        Field<StringGraphType>("nameContains");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new BrandFilter(
        value.TryGetValue("namedIn", out var n) && n is not null ? Convert.ToInt64(n) : null,
        value.TryGetValue("sector", out var s) ? s as string : null,
        value.TryGetValue("nameContains", out var c) ? c as string : null);
}

public sealed class ClaimFilterInput : InputObjectGraphType<ClaimFilter>
{
    public ClaimFilterInput()
    {
        Name = "ClaimFilter";
        Field<PredicateType>("predicate");
        Field<IdGraphType>("source");
        Field<StringGraphType>("country").Description("Claims touching a facility or company in this country (name or ISO code).");
        Field<IdGraphType>("programme");
        Field<ClaimStatusType>("status");
        Field<StringGraphType>("periodFrom");
        Field<StringGraphType>("periodTo");
    }

    public override object ParseDictionary(IDictionary<string, object?> v)
    {
        object? V(string key) => v.TryGetValue(key, out var x) ? x : null;
        return new ClaimFilter(V("predicate") as Predicate?, V("source") is { } s ? Convert.ToInt64(s) : null, V("country") as string,
            V("programme") is { } p ? Convert.ToInt64(p) : null, V("status") as ClaimStatus?, V("periodFrom") as string, V("periodTo") as string);
    }
}

public sealed class QueryType : ObjectGraphType
{
    public const int MaxPage = 100;

    public QueryType()
    {
        Name = "Query";
        ImportJobFields.AddQueries(this);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BrandHitType>>>>("searchBrands")
            .Description("Find brands by name, alias, owner, prefix, token or (labelled FUZZY) a near spelling. Empty means: not in our database.")
            .Argument<NonNullGraphType<StringGraphType>>("query")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Resolve(c => c.Search().Search(Bounded(c.GetArgument<string>("query"), "query", BrandIndex.MaxQueryLength), Page(c.GetArgument("first", 10))));

        Field<BrandType>("brand").Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async c =>
            {
                var slug = c.GetArgument<string>("slug");
                var card = c.Search().Index.BySlug(slug);
                if (card is not null) return card;
                var view = await c.Queries().BrandAsync(slug, c.CancellationToken); // an old slug of a merged brand
                return view is null ? null : c.Search().Index.ById(view.Id);
            });

        Field<NonNullGraphType<BrandConnectionType>>("brands")
            .Argument<BrandFilterInput>("filter").Argument<IntGraphType>("first", a => a.DefaultValue = 20).Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var page = await c.Queries().BrandsAsync(c.GetArgument<BrandFilter>("filter") ?? new BrandFilter(), Page(c.GetArgument("first", 20)),
                    Cursor.Decode(c.GetArgument<string?>("after")), c.CancellationToken);
                var index = await c.Index();
                return new Page<BrandCard>(page.Items.Select(b => index.ById(b.Id) ?? new BrandCard(b.Id, b.Name, b.Slug, b.Sectors, null, null,
                    Exposure.BrandStatus.NoEvidence, 0, 0)).ToList(), page.TotalCount, page.HasNextPage, page.EndCursor);
            });

        Field<NonNullGraphType<ClaimConnectionType>>("claims")
            .Argument<ClaimFilterInput>("filter").Argument<IntGraphType>("first", a => a.DefaultValue = 20).Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.Queries().ClaimsAsync(c.GetArgument<ClaimFilter>("filter") ?? new ClaimFilter(), Page(c.GetArgument("first", 20)),
                Cursor.Decode(c.GetArgument<string?>("after")), c.CancellationToken, withCount: c.SubFields?.ContainsKey("totalCount") == true));

        Field<ClaimType>("claim").Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Queries().ClaimAsync(c.GetArgument<long>("id"), c.CancellationToken));

        Field<NonNullGraphType<SourceConnectionType>>("sources")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20).Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.Queries().SourcesAsync(Page(c.GetArgument("first", 20)), Cursor.Decode(c.GetArgument<string?>("after")), c.CancellationToken));

        Field<SourceType>("source").Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Queries().SourceAsync(c.GetArgument<long>("id"), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponseType>>>>("responses")
            .Argument<StanceType>("stance").Argument<IdGraphType>("source").Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .ResolveAsync(async c => await c.Queries().ResponsesAsync(c.GetArgument<Stance?>("stance"),
                c.GetArgument<long?>("source"), Page(c.GetArgument("first", 50)), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponseRateType>>>>("responseRates")
            .Description("Of the brands each source names, how many answered, by stance.")
            .ResolveAsync(async c => await c.Queries().ResponseRatesAsync(await c.Snapshot(), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacilityMatchType>>>>("matchFacilities")
            .Description("Screen a supplier name against the facilities we hold. AUTO_MATCH is what an import would link without asking.")
            .Argument<NonNullGraphType<StringGraphType>>("name").Argument<StringGraphType>("address").Argument<StringGraphType>("country")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 5)
            .ResolveAsync(async c => await Matches(c).MatchAsync(EntityKind.Facility, Bounded(c.GetArgument<string>("name"), "name"), Bounded(c.GetArgument<string?>("address"), "address"),
                c.GetArgument<string?>("country"), Page(c.GetArgument("first", 5)), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BrandMatchType>>>>("matchBrands")
            .Argument<NonNullGraphType<StringGraphType>>("name").Argument<IntGraphType>("first", a => a.DefaultValue = 5)
            .ResolveAsync(async c => await Matches(c).MatchAsync(EntityKind.Brand, Bounded(c.GetArgument<string>("name"), "name"), null, null,
                Page(c.GetArgument("first", 5)), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<NonNullGraphType<FacilityMatchType>>>>>>("matchFacilitiesBatch")
            .Description("Screen many supplier names at once (at most 100); one list of matches per name, in order.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("names").Argument<StringGraphType>("country")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 3)
            .ResolveAsync(async c =>
            {
                var names = c.GetArgument<List<string>>("names");
                if (names.Count > MaxPage) throw new ExecutionError($"at most {MaxPage} names at once");
                var result = new List<IReadOnlyList<EntityMatch>>();
                foreach (var n in names)
                    result.Add(await Matches(c).MatchAsync(EntityKind.Facility, Bounded(n, "names"), null, c.GetArgument<string?>("country"), Page(c.GetArgument("first", 3)), c.CancellationToken));
                return result;
            });

        AddReviewAndAudit();
        ChangePageType.AddTo(this); // the change feed (ecosystem)
    }

    void AddReviewAndAudit()
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MatchCandidateType>>>>("matchCandidates")
            .Description("The review queue: pending match candidates, highest score first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .AuthorizeWithRoles(Access.ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c => await (Reviews(c)).PendingAsync(Page(c.GetArgument("first", 50)), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponderLinkType>>>>("responderLinkCandidates")
            .Description("Responses by a parent naming a brand in brackets, waiting for a reviewer.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .AuthorizeWithRoles(Access.ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c => await (Reviews(c)).PendingResponderLinksAsync(Page(c.GetArgument("first", 50)), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CorrectionType>>>>("corrections")
            .Description("The review queue of corrections and rights of reply sent through /corrections, oldest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .AuthorizeWithRoles(Access.ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c => await ((Corrections.CorrectionsQueue)c.RequestServices!.GetService(typeof(Corrections.CorrectionsQueue))!)
                .PendingAsync(Page(c.GetArgument("first", 50)), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("audit")
            .Description("Every write: who, when, what, before and after. Admins only.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .AuthorizeWithRoles(Access.ApiKeyAuthentication.Admin)
            .ResolveAsync(async c => await (Reviews(c)).AuditAsync(Page(c.GetArgument("first", 50)), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeType>>>>("changeLog")
            .Description("Public change log of claims: added and retracted, with date and reason.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .ResolveAsync(async c => await c.Queries().ChangeLogAsync(Page(c.GetArgument("first", 50)), c.CancellationToken));
    }

    static Review.ReviewQueue Reviews(IResolveFieldContext c) => (Review.ReviewQueue)c.RequestServices!.GetService(typeof(Review.ReviewQueue))!;

    static MatchService Matches(IResolveFieldContext c) => (MatchService)c.RequestServices!.GetService(typeof(MatchService))!;

    /// <summary>Page sizes are capped: a client cannot ask for a million rows in one request.</summary>
    /// <summary>Names screened against the catalogue; longer text is refused before any matching work.</summary>
    public const int MaxNameLength = 300;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    static string? Bounded(string? text, string argument, int max = MaxNameLength) =>
        text is { Length: var n } && n > max ? throw new ExecutionError($"'{argument}' is longer than {max} characters.") : text;

    public static int Page(int first) => first < 1 ? throw new ExecutionError("'first' must be at least 1") : Math.Min(first, MaxPage);
}
