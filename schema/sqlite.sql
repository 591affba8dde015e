CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "ApiKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL
);

CREATE TABLE "Audit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Audit" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL
);

CREATE TABLE "Companies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Companies" PRIMARY KEY AUTOINCREMENT,
    "CountryCode" TEXT NULL,
    "WikidataQid" TEXT NULL,
    "ParentCompanyId" INTEGER NULL,
    "ParentShare" TEXT NULL,
    "ParentSince" TEXT NULL,
    "ImportBatchId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "MergedIntoId" INTEGER NULL
);

CREATE TABLE "Facilities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Facilities" PRIMARY KEY AUTOINCREMENT,
    "NativeName" TEXT NULL,
    "Address" TEXT NULL,
    "City" TEXT NULL,
    "Province" TEXT NULL,
    "PostalCode" TEXT NULL,
    "CountryCode" TEXT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "Identifiers" TEXT NULL,
    "ImportBatchId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "MergedIntoId" INTEGER NULL
);

CREATE TABLE "ImportBatches" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ImportBatches" PRIMARY KEY AUTOINCREMENT,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "Manifest" TEXT NULL,
    "StartedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "ImportedBy" TEXT NOT NULL,
    "SourceId" INTEGER NULL,
    "RowsRead" INTEGER NOT NULL,
    "ClaimsAdded" INTEGER NOT NULL,
    "ClaimsRetracted" INTEGER NOT NULL,
    "EntitiesCreated" INTEGER NOT NULL,
    "EntitiesMatched" INTEGER NOT NULL,
    "CandidatesQueued" INTEGER NOT NULL
);

CREATE TABLE "MatchCandidates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MatchCandidates" PRIMARY KEY AUTOINCREMENT,
    "EntityKind" TEXT NOT NULL,
    "IncomingId" INTEGER NOT NULL,
    "ExistingId" INTEGER NOT NULL,
    "IncomingName" TEXT NOT NULL,
    "ExistingName" TEXT NOT NULL,
    "Score" REAL NOT NULL,
    "Rule" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "Note" TEXT NULL,
    "ImportBatchId" INTEGER NULL
);

CREATE TABLE "Programmes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Programmes" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Jurisdiction" TEXT NULL,
    "Description" TEXT NULL,
    "ImportBatchId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "MergedIntoId" INTEGER NULL
);

CREATE TABLE "ResponderLinkCandidates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ResponderLinkCandidates" PRIMARY KEY AUTOINCREMENT,
    "ResponseId" INTEGER NOT NULL,
    "BrandId" INTEGER NOT NULL,
    "NameAsPublished" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL
);

CREATE TABLE "Sources" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sources" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "TitleKey" TEXT NOT NULL,
    "Publisher" TEXT NULL,
    "Authors" TEXT NULL,
    "Published" TEXT NULL,
    "Version" TEXT NULL,
    "Url" TEXT NULL,
    "ArchivedUrl" TEXT NULL,
    "Sha256" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Via" TEXT NULL,
    "SupersedesId" INTEGER NULL,
    "ImportBatchId" INTEGER NULL
);

CREATE TABLE "Brands" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Brands" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Sectors" TEXT NULL,
    "WikidataQid" TEXT NULL,
    "OwnerCompanyId" INTEGER NULL,
    "ImportBatchId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "MergedIntoId" INTEGER NULL,
    CONSTRAINT "FK_Brands_Companies_OwnerCompanyId" FOREIGN KEY ("OwnerCompanyId") REFERENCES "Companies" ("Id") ON DELETE SET NULL
);

CREATE TABLE "Claims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Claims" PRIMARY KEY AUTOINCREMENT,
    "SubjectKind" TEXT NOT NULL,
    "SubjectId" INTEGER NOT NULL,
    "SubjectAsPublished" TEXT NULL,
    "Predicate" TEXT NOT NULL,
    "ObjectKind" TEXT NOT NULL,
    "ObjectId" INTEGER NOT NULL,
    "ObjectAsPublished" TEXT NULL,
    "SourceId" INTEGER NOT NULL,
    "LocatorPage" TEXT NULL,
    "Locator" TEXT NULL,
    "Quote" TEXT NULL,
    "Summary" TEXT NULL,
    "EvidenceType" TEXT NOT NULL,
    "Confidence" TEXT NOT NULL,
    "PeriodFrom" TEXT NULL,
    "PeriodTo" TEXT NULL,
    "Status" TEXT NOT NULL,
    "StatusChangedAt" TEXT NULL,
    "StatusReason" TEXT NULL,
    "ExternalId" TEXT NULL,
    "Fingerprint" TEXT NOT NULL,
    "ImportBatchId" INTEGER NULL,
    CONSTRAINT "FK_Claims_Sources_SourceId" FOREIGN KEY ("SourceId") REFERENCES "Sources" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Responses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Responses" PRIMARY KEY AUTOINCREMENT,
    "ResponderKind" TEXT NOT NULL,
    "ResponderId" INTEGER NOT NULL,
    "ResponderAsPublished" TEXT NOT NULL,
    "AboutAsPublished" TEXT NULL,
    "Stance" TEXT NOT NULL,
    "StatementDate" TEXT NULL,
    "Summary" TEXT NULL,
    "Text" TEXT NULL,
    "Url" TEXT NULL,
    "SourceId" INTEGER NOT NULL,
    "Locator" TEXT NULL,
    "ExternalId" TEXT NULL,
    "Fingerprint" TEXT NOT NULL,
    "ImportBatchId" INTEGER NULL,
    CONSTRAINT "FK_Responses_Sources_SourceId" FOREIGN KEY ("SourceId") REFERENCES "Sources" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "BrandAliases" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BrandAliases" PRIMARY KEY AUTOINCREMENT,
    "BrandId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "Language" TEXT NULL,
    "Script" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "ImportBatchId" INTEGER NULL,
    CONSTRAINT "FK_BrandAliases_Brands_BrandId" FOREIGN KEY ("BrandId") REFERENCES "Brands" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ResponseSubjects" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ResponseSubjects" PRIMARY KEY AUTOINCREMENT,
    "ResponseId" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    "EntityKind" TEXT NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "NameAsPublished" TEXT NOT NULL,
    "Rule" TEXT NOT NULL,
    CONSTRAINT "FK_ResponseSubjects_Responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "Responses" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ApiKeys_KeyHash" ON "ApiKeys" ("KeyHash");

CREATE INDEX "IX_Audit_At" ON "Audit" ("At");

CREATE UNIQUE INDEX "IX_BrandAliases_BrandId_NameKey" ON "BrandAliases" ("BrandId", "NameKey");

CREATE INDEX "IX_BrandAliases_NameKey" ON "BrandAliases" ("NameKey");

CREATE INDEX "IX_Brands_NameKey" ON "Brands" ("NameKey");

CREATE INDEX "IX_Brands_OwnerCompanyId" ON "Brands" ("OwnerCompanyId");

CREATE UNIQUE INDEX "IX_Brands_Slug" ON "Brands" ("Slug");

CREATE UNIQUE INDEX "IX_Claims_Fingerprint" ON "Claims" ("Fingerprint");

CREATE INDEX "IX_Claims_ObjectKind_ObjectId" ON "Claims" ("ObjectKind", "ObjectId");

CREATE INDEX "IX_Claims_Predicate" ON "Claims" ("Predicate");

CREATE INDEX "IX_Claims_SourceId" ON "Claims" ("SourceId");

CREATE INDEX "IX_Claims_SubjectKind_SubjectId" ON "Claims" ("SubjectKind", "SubjectId");

CREATE INDEX "IX_Companies_NameKey" ON "Companies" ("NameKey");

CREATE INDEX "IX_Facilities_NameKey" ON "Facilities" ("NameKey");

CREATE INDEX "IX_ImportBatches_Sha256" ON "ImportBatches" ("Sha256");

CREATE UNIQUE INDEX "IX_MatchCandidates_EntityKind_IncomingId_ExistingId" ON "MatchCandidates" ("EntityKind", "IncomingId", "ExistingId");

CREATE INDEX "IX_MatchCandidates_Status" ON "MatchCandidates" ("Status");

CREATE INDEX "IX_Programmes_NameKey" ON "Programmes" ("NameKey");

CREATE UNIQUE INDEX "IX_ResponderLinkCandidates_ResponseId_BrandId" ON "ResponderLinkCandidates" ("ResponseId", "BrandId");

CREATE UNIQUE INDEX "IX_Responses_Fingerprint" ON "Responses" ("Fingerprint");

CREATE INDEX "IX_Responses_ResponderKind_ResponderId" ON "Responses" ("ResponderKind", "ResponderId");

CREATE INDEX "IX_Responses_SourceId" ON "Responses" ("SourceId");

CREATE INDEX "IX_ResponseSubjects_EntityKind_EntityId" ON "ResponseSubjects" ("EntityKind", "EntityId");

CREATE INDEX "IX_ResponseSubjects_ResponseId" ON "ResponseSubjects" ("ResponseId");

CREATE INDEX "IX_Sources_TitleKey" ON "Sources" ("TitleKey");

CREATE INDEX "IX_Sources_Url" ON "Sources" ("Url");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125042845_Initial', '10.0.4');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Claims_Status" ON "Claims" ("Status");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125052807_ClaimStatusIndex', '10.0.4');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DataVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataVersions" PRIMARY KEY AUTOINCREMENT,
    "Version" INTEGER NOT NULL,
    "ChangedAt" TEXT NOT NULL
);

CREATE TABLE "ImportJobs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ImportJobs" PRIMARY KEY AUTOINCREMENT,
    "State" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "StartedAt" TEXT NULL,
    "FinishedAt" TEXT NULL,
    "Runner" TEXT NOT NULL,
    "Folder" TEXT NOT NULL,
    "ManifestName" TEXT NOT NULL,
    "Files" TEXT NOT NULL,
    "RowsRead" INTEGER NOT NULL,
    "RowsTotal" INTEGER NOT NULL,
    "Summary" TEXT NULL,
    "Errors" TEXT NULL,
    "Outcome" TEXT NULL,
    "SourceId" INTEGER NULL
);

INSERT INTO "DataVersions" ("Id", "ChangedAt", "Version")
VALUES (1, '2026-01-01 00:00:00', 0);
SELECT changes();


CREATE INDEX "IX_ImportJobs_State" ON "ImportJobs" ("State");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202022346_LiveChangeSignal', '10.0.4');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Corrections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Corrections" PRIMARY KEY AUTOINCREMENT,
    "ReceivedAt" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Page" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "EvidenceUrl" TEXT NULL,
    "SentBy" TEXT NULL,
    "ClientKey" TEXT NOT NULL,
    "Status" TEXT NOT NULL
);

CREATE INDEX "IX_Corrections_ClientKey_ReceivedAt" ON "Corrections" ("ClientKey", "ReceivedAt");

CREATE INDEX "IX_Corrections_Status" ON "Corrections" ("Status");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202030036_WordingCorrections', '10.0.4');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "ImportJobs" ADD "HeartbeatAt" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202125332_ImportJobHeartbeat', '10.0.4');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Brands_OwnerCompanyId";

CREATE TABLE "ef_temp_Brands" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Brands" PRIMARY KEY AUTOINCREMENT,
    "ImportBatchId" INTEGER NULL,
    "MergedIntoId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "Sectors" TEXT NULL,
    "Slug" TEXT NOT NULL,
    "WikidataQid" TEXT NULL
);

INSERT INTO "ef_temp_Brands" ("Id", "ImportBatchId", "MergedIntoId", "Name", "NameKey", "Sectors", "Slug", "WikidataQid")
SELECT "Id", "ImportBatchId", "MergedIntoId", "Name", "NameKey", "Sectors", "Slug", "WikidataQid"
FROM "Brands";

CREATE TABLE "ef_temp_Companies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Companies" PRIMARY KEY AUTOINCREMENT,
    "CountryCode" TEXT NULL,
    "ImportBatchId" INTEGER NULL,
    "MergedIntoId" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "WikidataQid" TEXT NULL
);

INSERT INTO "ef_temp_Companies" ("Id", "CountryCode", "ImportBatchId", "MergedIntoId", "Name", "NameKey", "WikidataQid")
SELECT "Id", "CountryCode", "ImportBatchId", "MergedIntoId", "Name", "NameKey", "WikidataQid"
FROM "Companies";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "Brands";

ALTER TABLE "ef_temp_Brands" RENAME TO "Brands";

DROP TABLE "Companies";

ALTER TABLE "ef_temp_Companies" RENAME TO "Companies";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_Brands_NameKey" ON "Brands" ("NameKey");

CREATE UNIQUE INDEX "IX_Brands_Slug" ON "Brands" ("Slug");

CREATE INDEX "IX_Companies_NameKey" ON "Companies" ("NameKey");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202125740_OwnershipFromClaims', '10.0.4');

