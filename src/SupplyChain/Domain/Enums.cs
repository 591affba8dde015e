namespace SupplyChain.Domain;

/// <summary>The kinds of thing a claim can link. Stored as text so the database reads plainly.</summary>
public enum EntityKind { Brand, Company, Facility, Programme, Source }

/// <summary>What a claim asserts. Published files use their own words; manifests map them onto these.</summary>
public enum Predicate
{
    SourcesFrom,                // brand/company buys from a supplier (facility or company)
    ReceivedTransferredWorkers, // supplier received workers under a labour-transfer programme
    ListedOn,                   // entity placed on a government list or order
    NamedIn,                    // entity named in a report (object is a Source)
    OwnedBy,                    // subject is owned by object (company OWNS brand is stored this way round)
    EndedRelationship,          // a source says subject's relationship with object ended
    CommittedToEnd,             // subject promised to end its relationship with object (a commitment, never an ending)
    Other,                      // a denial or action that fits none of the above: read the summary
}

public enum EvidenceType { NewsInvestigation, NgoReport, GovernmentAction, CompanyStatement, CompanyDisclosure, Aggregator, AcademicStudy, Other }

/// <summary>How firmly the source itself states the fact (not how sure we are that it is true).</summary>
public enum Confidence { Low = 1, Medium = 2, High = 3 }

public enum ClaimStatus
{
    Proposed,  // found by the prose importer; waits for a researcher, never shown as evidence
    Active,
    Disputed,
    Retracted, // kept with date and reason, never deleted
    Superseded, // a newer version of the same source repeats it; the newer claim is the one to cite
}

/// <summary>What a response said. Each says only what was said: acknowledging a supplier is not acknowledging forced labour.</summary>
public enum Stance
{
    NoReply, DeniedLink, NoDirectRelationship, Investigating, CommittedToExit, ConfirmedExited,
    DisputedFact, PolicyStatementOnly,
    Acknowledged,                    // acknowledged forced labour (or the allegation itself) at the supplier
    AcknowledgedSupplierSaidStopped, // acknowledged the supplier; said the transfers there stopped
    AcknowledgedTransfers,           // acknowledged that transferred workers came; denied they are forced
}

public enum ProgrammeKind { LabourTransfer, GovernmentList, ImportOrder, Other }

public enum SourceKind { Report, SupplierDisclosure, GovernmentList, NewsArticle, CompanyStatement, Dataset, BrandRegistry, Other }

/// <summary><see cref="OwnedBy"/>: a reviewer found one side of a pair owned by the other (recorded as a cited OWNED_BY claim).</summary>
public enum MatchStatus { Pending, Confirmed, Rejected, Merged, OwnedBy }

/// <summary>A verdict on how a name meets an existing entity: linked without asking, or queued for review.</summary>
public enum MatchVerdict { AutoMatch, Candidate }

/// <summary>How a response relates to an entity it names: the supplier it answers <see cref="About"/>, or a brand it answers <see cref="For"/>.</summary>
public enum SubjectRole { About, For }
