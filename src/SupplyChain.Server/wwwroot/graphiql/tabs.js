// The README's example queries, one tab each (shopper, campaigner, researcher). Plain script, no build step:
// GraphiQL (graphiql.js, built from GraphiQL/ in the server project) reads window.SupplyChainTabs.
window.SupplyChainTabs = [
  {
    query: `# A shopper, on a phone: look a brand up (typos forgiven).
{ searchBrands(query: "nikee", first: 3) { matchKind matchedName weak brand { name slug status statusText } } }
`,
  },
  {
    query: `# A campaigner: brands named in a report and their answers, and response rates per source.
query NamedInReport { brands(filter: { namedIn: 1 }, first: 100) { totalCount nodes { name status sectors responses { stance date } } } }

query ResponseRates { responseRates { source { title } brandsNamed brandsAnswered byStance { stance count } } }
`,
  },
  {
    query: `# A researcher: every step of a brand's exposure, with citations.
# Researcher-only fields (matchCandidates, audit, ...) need your API key: open "Headers" below and paste
#   { "Authorization": "Bearer YOUR-KEY" }
query Exposure { brand(slug: "nike") {
    status
    exposure { strength ended period steps { from { name } predicate to { name } claims { citation quote summary confidence } } }
    counterEvidence { stepTo { name } claims { summary citation } responses { stance summary citation } }
    responses { stance date summary citation } } }

query ScreenSupplier { matchFacilities(name: "Qingdao Taekwang Shoes Co. (Laixi)", country: "China") { facility { name } score verdict } }
`,
    headers: '{}',
  },
];
