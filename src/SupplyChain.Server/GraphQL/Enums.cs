using GraphQL.Types;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

// GraphQL.NET names enum values in CONSTANT_CASE: SourcesFrom → SOURCES_FROM.
public sealed class MatchKindType : EnumerationGraphType<MatchKind> { public MatchKindType() { Name = "MatchKind"; } }
public sealed class BrandStatusType : EnumerationGraphType<BrandStatus>
{
    public BrandStatusType() { Name = "BrandStatus"; Description = "A brand's plain status, never stronger than the weakest step of its best path."; }
}
public sealed class PredicateType : EnumerationGraphType<Predicate> { public PredicateType() { Name = "Predicate"; } }
public sealed class ConfidenceType : EnumerationGraphType<Confidence>
{
    public ConfidenceType() { Name = "Confidence"; Description = "How firmly the source itself states the fact: HIGH (its own finding, or a government acted), MEDIUM (reports another's finding), LOW (a copy, or heavily hedged)."; }
}
public sealed class EvidenceTypeType : EnumerationGraphType<EvidenceType> { public EvidenceTypeType() { Name = "EvidenceType"; } }
public sealed class ClaimStatusType : EnumerationGraphType<ClaimStatus> { public ClaimStatusType() { Name = "ClaimStatus"; } }
public sealed class StanceType : EnumerationGraphType<Stance> { public StanceType() { Name = "Stance"; } }
public sealed class EntityKindType : EnumerationGraphType<EntityKind> { public EntityKindType() { Name = "EntityKind"; } }
public sealed class SourceKindType : EnumerationGraphType<SourceKind> { public SourceKindType() { Name = "SourceKind"; } }
public sealed class MatchVerdictType : EnumerationGraphType<MatchVerdict> { public MatchVerdictType() { Name = "MatchVerdict"; } }
public sealed class MatchStatusType : EnumerationGraphType<MatchStatus> { public MatchStatusType() { Name = "MatchStatus"; } }
