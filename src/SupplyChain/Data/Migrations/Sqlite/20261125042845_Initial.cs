using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupplyChain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Companies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    WikidataQid = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ParentCompanyId = table.Column<long>(type: "INTEGER", nullable: true),
                    ParentShare = table.Column<decimal>(type: "TEXT", nullable: true),
                    ParentSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    MergedIntoId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Companies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Facilities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NativeName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Province = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Identifiers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    MergedIntoId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Manifest = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SourceId = table.Column<long>(type: "INTEGER", nullable: true),
                    RowsRead = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimsAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimsRetracted = table.Column<int>(type: "INTEGER", nullable: false),
                    EntitiesCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    EntitiesMatched = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidatesQueued = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatchCandidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntityKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IncomingId = table.Column<long>(type: "INTEGER", nullable: false),
                    ExistingId = table.Column<long>(type: "INTEGER", nullable: false),
                    IncomingName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ExistingName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchCandidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Programmes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    MergedIntoId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Programmes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResponderLinkCandidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<long>(type: "INTEGER", nullable: false),
                    BrandId = table.Column<long>(type: "INTEGER", nullable: false),
                    NameAsPublished = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponderLinkCandidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TitleKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Authors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Published = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ArchivedUrl = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Via = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SupersedesId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Brands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Sectors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    WikidataQid = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OwnerCompanyId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    MergedIntoId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Brands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Brands_Companies_OwnerCompanyId",
                        column: x => x.OwnerCompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectAsPublished = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Predicate = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ObjectKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ObjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    ObjectAsPublished = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SourceId = table.Column<long>(type: "INTEGER", nullable: false),
                    LocatorPage = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Locator = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Quote = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EvidenceType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PeriodFrom = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PeriodTo = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Claims_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponderKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResponderId = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponderAsPublished = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AboutAsPublished = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Stance = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StatementDate = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SourceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Locator = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Responses_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BrandAliases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BrandId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Script = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrandAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BrandAliases_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResponseSubjects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    EntityKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    NameAsPublished = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseSubjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResponseSubjects_Responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "Responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyHash",
                table: "ApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Audit_At",
                table: "Audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_BrandAliases_BrandId_NameKey",
                table: "BrandAliases",
                columns: new[] { "BrandId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BrandAliases_NameKey",
                table: "BrandAliases",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Brands_NameKey",
                table: "Brands",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Brands_OwnerCompanyId",
                table: "Brands",
                column: "OwnerCompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Brands_Slug",
                table: "Brands",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Fingerprint",
                table: "Claims",
                column: "Fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ObjectKind_ObjectId",
                table: "Claims",
                columns: new[] { "ObjectKind", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Predicate",
                table: "Claims",
                column: "Predicate");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_SourceId",
                table: "Claims",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_SubjectKind_SubjectId",
                table: "Claims",
                columns: new[] { "SubjectKind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Companies_NameKey",
                table: "Companies",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_NameKey",
                table: "Facilities",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_Sha256",
                table: "ImportBatches",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_MatchCandidates_EntityKind_IncomingId_ExistingId",
                table: "MatchCandidates",
                columns: new[] { "EntityKind", "IncomingId", "ExistingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatchCandidates_Status",
                table: "MatchCandidates",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_NameKey",
                table: "Programmes",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_ResponderLinkCandidates_ResponseId_BrandId",
                table: "ResponderLinkCandidates",
                columns: new[] { "ResponseId", "BrandId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Fingerprint",
                table: "Responses",
                column: "Fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Responses_ResponderKind_ResponderId",
                table: "Responses",
                columns: new[] { "ResponderKind", "ResponderId" });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_SourceId",
                table: "Responses",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseSubjects_EntityKind_EntityId",
                table: "ResponseSubjects",
                columns: new[] { "EntityKind", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseSubjects_ResponseId",
                table: "ResponseSubjects",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_TitleKey",
                table: "Sources",
                column: "TitleKey");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_Url",
                table: "Sources",
                column: "Url");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "Audit");

            migrationBuilder.DropTable(
                name: "BrandAliases");

            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "Facilities");

            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropTable(
                name: "MatchCandidates");

            migrationBuilder.DropTable(
                name: "Programmes");

            migrationBuilder.DropTable(
                name: "ResponderLinkCandidates");

            migrationBuilder.DropTable(
                name: "ResponseSubjects");

            migrationBuilder.DropTable(
                name: "Brands");

            migrationBuilder.DropTable(
                name: "Responses");

            migrationBuilder.DropTable(
                name: "Companies");

            migrationBuilder.DropTable(
                name: "Sources");
        }
    }
}
