IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] bigint NOT NULL IDENTITY,
        [Name] nvarchar(4000) NOT NULL,
        [KeyHash] nvarchar(64) NOT NULL,
        [Prefix] nvarchar(4000) NOT NULL,
        [Role] nvarchar(16) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Audit] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [Actor] nvarchar(4000) NOT NULL,
        [Action] nvarchar(4000) NOT NULL,
        [Target] nvarchar(4000) NOT NULL,
        [Before] nvarchar(4000) NULL,
        [After] nvarchar(4000) NULL,
        CONSTRAINT [PK_Audit] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Companies] (
        [Id] bigint NOT NULL IDENTITY,
        [CountryCode] nvarchar(4000) NULL,
        [WikidataQid] nvarchar(4000) NULL,
        [ParentCompanyId] bigint NULL,
        [ParentShare] decimal(18,2) NULL,
        [ParentSince] date NULL,
        [ImportBatchId] bigint NULL,
        [Name] nvarchar(4000) NOT NULL,
        [NameKey] nvarchar(400) NOT NULL,
        [MergedIntoId] bigint NULL,
        CONSTRAINT [PK_Companies] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Facilities] (
        [Id] bigint NOT NULL IDENTITY,
        [NativeName] nvarchar(4000) NULL,
        [Address] nvarchar(4000) NULL,
        [City] nvarchar(4000) NULL,
        [Province] nvarchar(4000) NULL,
        [PostalCode] nvarchar(4000) NULL,
        [CountryCode] nvarchar(4000) NULL,
        [Latitude] float NULL,
        [Longitude] float NULL,
        [Identifiers] nvarchar(4000) NULL,
        [ImportBatchId] bigint NULL,
        [Name] nvarchar(4000) NOT NULL,
        [NameKey] nvarchar(400) NOT NULL,
        [MergedIntoId] bigint NULL,
        CONSTRAINT [PK_Facilities] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [ImportBatches] (
        [Id] bigint NOT NULL IDENTITY,
        [FileName] nvarchar(4000) NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [Format] nvarchar(4000) NOT NULL,
        [Manifest] nvarchar(4000) NULL,
        [StartedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [ImportedBy] nvarchar(4000) NOT NULL,
        [SourceId] bigint NULL,
        [RowsRead] int NOT NULL,
        [ClaimsAdded] int NOT NULL,
        [ClaimsRetracted] int NOT NULL,
        [EntitiesCreated] int NOT NULL,
        [EntitiesMatched] int NOT NULL,
        [CandidatesQueued] int NOT NULL,
        CONSTRAINT [PK_ImportBatches] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [MatchCandidates] (
        [Id] bigint NOT NULL IDENTITY,
        [EntityKind] nvarchar(16) NOT NULL,
        [IncomingId] bigint NOT NULL,
        [ExistingId] bigint NOT NULL,
        [IncomingName] nvarchar(4000) NOT NULL,
        [ExistingName] nvarchar(4000) NOT NULL,
        [Score] float NOT NULL,
        [Rule] nvarchar(4000) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [DecidedBy] nvarchar(4000) NULL,
        [DecidedAt] datetime2 NULL,
        [Note] nvarchar(4000) NULL,
        [ImportBatchId] bigint NULL,
        CONSTRAINT [PK_MatchCandidates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Programmes] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(16) NOT NULL,
        [Jurisdiction] nvarchar(4000) NULL,
        [Description] nvarchar(4000) NULL,
        [ImportBatchId] bigint NULL,
        [Name] nvarchar(4000) NOT NULL,
        [NameKey] nvarchar(400) NOT NULL,
        [MergedIntoId] bigint NULL,
        CONSTRAINT [PK_Programmes] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [ResponderLinkCandidates] (
        [Id] bigint NOT NULL IDENTITY,
        [ResponseId] bigint NOT NULL,
        [BrandId] bigint NOT NULL,
        [NameAsPublished] nvarchar(4000) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [DecidedBy] nvarchar(4000) NULL,
        [DecidedAt] datetime2 NULL,
        CONSTRAINT [PK_ResponderLinkCandidates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Sources] (
        [Id] bigint NOT NULL IDENTITY,
        [Title] nvarchar(4000) NOT NULL,
        [TitleKey] nvarchar(1000) NOT NULL,
        [Publisher] nvarchar(4000) NULL,
        [Authors] nvarchar(4000) NULL,
        [Published] nvarchar(4000) NULL,
        [Version] nvarchar(4000) NULL,
        [Url] nvarchar(1000) NULL,
        [ArchivedUrl] nvarchar(4000) NULL,
        [Sha256] nvarchar(4000) NULL,
        [Kind] nvarchar(24) NOT NULL,
        [Via] nvarchar(4000) NULL,
        [SupersedesId] bigint NULL,
        [ImportBatchId] bigint NULL,
        CONSTRAINT [PK_Sources] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Brands] (
        [Id] bigint NOT NULL IDENTITY,
        [Slug] nvarchar(400) NOT NULL,
        [Sectors] nvarchar(4000) NULL,
        [WikidataQid] nvarchar(4000) NULL,
        [OwnerCompanyId] bigint NULL,
        [ImportBatchId] bigint NULL,
        [Name] nvarchar(400) NOT NULL,
        [NameKey] nvarchar(400) NOT NULL,
        [MergedIntoId] bigint NULL,
        CONSTRAINT [PK_Brands] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Brands_Companies_OwnerCompanyId] FOREIGN KEY ([OwnerCompanyId]) REFERENCES [Companies] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Claims] (
        [Id] bigint NOT NULL IDENTITY,
        [SubjectKind] nvarchar(16) NOT NULL,
        [SubjectId] bigint NOT NULL,
        [SubjectAsPublished] nvarchar(4000) NULL,
        [Predicate] nvarchar(32) NOT NULL,
        [ObjectKind] nvarchar(16) NOT NULL,
        [ObjectId] bigint NOT NULL,
        [ObjectAsPublished] nvarchar(4000) NULL,
        [SourceId] bigint NOT NULL,
        [LocatorPage] nvarchar(4000) NULL,
        [Locator] nvarchar(4000) NULL,
        [Quote] nvarchar(max) NULL,
        [Summary] nvarchar(4000) NULL,
        [EvidenceType] nvarchar(32) NOT NULL,
        [Confidence] nvarchar(8) NOT NULL,
        [PeriodFrom] nvarchar(4000) NULL,
        [PeriodTo] nvarchar(4000) NULL,
        [Status] nvarchar(16) NOT NULL,
        [StatusChangedAt] datetime2 NULL,
        [StatusReason] nvarchar(4000) NULL,
        [ExternalId] nvarchar(4000) NULL,
        [Fingerprint] nvarchar(64) NOT NULL,
        [ImportBatchId] bigint NULL,
        CONSTRAINT [PK_Claims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Claims_Sources_SourceId] FOREIGN KEY ([SourceId]) REFERENCES [Sources] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [Responses] (
        [Id] bigint NOT NULL IDENTITY,
        [ResponderKind] nvarchar(16) NOT NULL,
        [ResponderId] bigint NOT NULL,
        [ResponderAsPublished] nvarchar(4000) NOT NULL,
        [AboutAsPublished] nvarchar(4000) NULL,
        [Stance] nvarchar(32) NOT NULL,
        [StatementDate] nvarchar(4000) NULL,
        [Summary] nvarchar(4000) NULL,
        [Text] nvarchar(max) NULL,
        [Url] nvarchar(4000) NULL,
        [SourceId] bigint NOT NULL,
        [Locator] nvarchar(4000) NULL,
        [ExternalId] nvarchar(4000) NULL,
        [Fingerprint] nvarchar(64) NOT NULL,
        [ImportBatchId] bigint NULL,
        CONSTRAINT [PK_Responses] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Responses_Sources_SourceId] FOREIGN KEY ([SourceId]) REFERENCES [Sources] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [BrandAliases] (
        [Id] bigint NOT NULL IDENTITY,
        [BrandId] bigint NOT NULL,
        [Name] nvarchar(4000) NOT NULL,
        [NameKey] nvarchar(400) NOT NULL,
        [Language] nvarchar(4000) NULL,
        [Script] nvarchar(4000) NULL,
        [Kind] nvarchar(4000) NOT NULL,
        [ImportBatchId] bigint NULL,
        CONSTRAINT [PK_BrandAliases] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BrandAliases_Brands_BrandId] FOREIGN KEY ([BrandId]) REFERENCES [Brands] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE TABLE [ResponseSubjects] (
        [Id] bigint NOT NULL IDENTITY,
        [ResponseId] bigint NOT NULL,
        [Role] nvarchar(4000) NOT NULL,
        [EntityKind] nvarchar(16) NOT NULL,
        [EntityId] bigint NOT NULL,
        [NameAsPublished] nvarchar(4000) NOT NULL,
        [Rule] nvarchar(4000) NOT NULL,
        CONSTRAINT [PK_ResponseSubjects] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ResponseSubjects_Responses_ResponseId] FOREIGN KEY ([ResponseId]) REFERENCES [Responses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_KeyHash] ON [ApiKeys] ([KeyHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Audit_At] ON [Audit] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BrandAliases_BrandId_NameKey] ON [BrandAliases] ([BrandId], [NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_BrandAliases_NameKey] ON [BrandAliases] ([NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Brands_NameKey] ON [Brands] ([NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Brands_OwnerCompanyId] ON [Brands] ([OwnerCompanyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Brands_Slug] ON [Brands] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Claims_Fingerprint] ON [Claims] ([Fingerprint]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Claims_ObjectKind_ObjectId] ON [Claims] ([ObjectKind], [ObjectId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Claims_Predicate] ON [Claims] ([Predicate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Claims_SourceId] ON [Claims] ([SourceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Claims_SubjectKind_SubjectId] ON [Claims] ([SubjectKind], [SubjectId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Companies_NameKey] ON [Companies] ([NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Facilities_NameKey] ON [Facilities] ([NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_ImportBatches_Sha256] ON [ImportBatches] ([Sha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MatchCandidates_EntityKind_IncomingId_ExistingId] ON [MatchCandidates] ([EntityKind], [IncomingId], [ExistingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_MatchCandidates_Status] ON [MatchCandidates] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Programmes_NameKey] ON [Programmes] ([NameKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ResponderLinkCandidates_ResponseId_BrandId] ON [ResponderLinkCandidates] ([ResponseId], [BrandId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Responses_Fingerprint] ON [Responses] ([Fingerprint]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Responses_ResponderKind_ResponderId] ON [Responses] ([ResponderKind], [ResponderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Responses_SourceId] ON [Responses] ([SourceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_ResponseSubjects_EntityKind_EntityId] ON [ResponseSubjects] ([EntityKind], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_ResponseSubjects_ResponseId] ON [ResponseSubjects] ([ResponseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Sources_TitleKey] ON [Sources] ([TitleKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    CREATE INDEX [IX_Sources_Url] ON [Sources] ([Url]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125042859_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125042859_Initial', N'10.0.4');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125052822_ClaimStatusIndex'
)
BEGIN
    CREATE INDEX [IX_Claims_Status] ON [Claims] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125052822_ClaimStatusIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125052822_ClaimStatusIndex', N'10.0.4');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202022413_LiveChangeSignal'
)
BEGIN
    CREATE TABLE [DataVersions] (
        [Id] int NOT NULL IDENTITY,
        [Version] bigint NOT NULL,
        [ChangedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_DataVersions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202022413_LiveChangeSignal'
)
BEGIN
    CREATE TABLE [ImportJobs] (
        [Id] bigint NOT NULL IDENTITY,
        [State] nvarchar(16) NOT NULL,
        [CreatedBy] nvarchar(4000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [StartedAt] datetime2 NULL,
        [FinishedAt] datetime2 NULL,
        [Runner] nvarchar(4000) NOT NULL,
        [Folder] nvarchar(4000) NOT NULL,
        [ManifestName] nvarchar(4000) NOT NULL,
        [Files] nvarchar(max) NOT NULL,
        [RowsRead] int NOT NULL,
        [RowsTotal] int NOT NULL,
        [Summary] nvarchar(max) NULL,
        [Errors] nvarchar(max) NULL,
        [Outcome] nvarchar(max) NULL,
        [SourceId] bigint NULL,
        CONSTRAINT [PK_ImportJobs] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202022413_LiveChangeSignal'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ChangedAt', N'Version') AND [object_id] = OBJECT_ID(N'[DataVersions]'))
        SET IDENTITY_INSERT [DataVersions] ON;
    EXEC(N'INSERT INTO [DataVersions] ([Id], [ChangedAt], [Version])
    VALUES (1, ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ChangedAt', N'Version') AND [object_id] = OBJECT_ID(N'[DataVersions]'))
        SET IDENTITY_INSERT [DataVersions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202022413_LiveChangeSignal'
)
BEGIN
    CREATE INDEX [IX_ImportJobs_State] ON [ImportJobs] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202022413_LiveChangeSignal'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202022413_LiveChangeSignal', N'10.0.4');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030112_WordingCorrections'
)
BEGIN
    CREATE TABLE [Corrections] (
        [Id] bigint NOT NULL IDENTITY,
        [ReceivedAt] datetime2 NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Page] nvarchar(4000) NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [EvidenceUrl] nvarchar(4000) NULL,
        [SentBy] nvarchar(4000) NULL,
        [ClientKey] nvarchar(32) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        CONSTRAINT [PK_Corrections] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030112_WordingCorrections'
)
BEGIN
    CREATE INDEX [IX_Corrections_ClientKey_ReceivedAt] ON [Corrections] ([ClientKey], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030112_WordingCorrections'
)
BEGIN
    CREATE INDEX [IX_Corrections_Status] ON [Corrections] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030112_WordingCorrections'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202030112_WordingCorrections', N'10.0.4');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202125630_ImportJobHeartbeat'
)
BEGIN
    ALTER TABLE [ImportJobs] ADD [HeartbeatAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202125630_ImportJobHeartbeat'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202125630_ImportJobHeartbeat', N'10.0.4');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130314_OwnershipFromClaims'
)
BEGIN
    ALTER TABLE [Brands] DROP CONSTRAINT [FK_Brands_Companies_OwnerCompanyId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130314_OwnershipFromClaims'
)
BEGIN
    DROP INDEX [IX_Brands_OwnerCompanyId] ON [Brands];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130314_OwnershipFromClaims'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Companies]') AND [c].[name] = N'ParentCompanyId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [Companies] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [Companies] DROP COLUMN [ParentCompanyId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130314_OwnershipFromClaims'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Companies]') AND [c].[name] = N'ParentShare');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [Companies] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [Companies] DROP COLUMN [ParentShare];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130314_OwnershipFromClaims'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Companies]') AND [c].[name] = N'ParentSince');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [Companies] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [Companies] DROP COLUMN [ParentSince];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130314_OwnershipFromClaims'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Brands]') AND [c].[name] = N'OwnerCompanyId');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [Brands] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [Brands] DROP COLUMN [OwnerCompanyId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130314_OwnershipFromClaims'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202130314_OwnershipFromClaims', N'10.0.4');
END;

COMMIT;
GO

