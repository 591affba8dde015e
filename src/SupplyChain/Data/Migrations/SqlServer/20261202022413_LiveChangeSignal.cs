using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupplyChain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LiveChangeSignal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Runner = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Folder = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ManifestName = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Files = table.Column<string>(type: "nvarchar(max)", maxLength: 100000, nullable: false),
                    RowsRead = table.Column<int>(type: "int", nullable: false),
                    RowsTotal = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(max)", maxLength: 100000, nullable: true),
                    Errors = table.Column<string>(type: "nvarchar(max)", maxLength: 1000000, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(max)", maxLength: 1000000, nullable: true),
                    SourceId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJobs", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "DataVersions",
                columns: new[] { "Id", "ChangedAt", "Version" },
                values: new object[] { 1, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), 0L });

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_State",
                table: "ImportJobs",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataVersions");

            migrationBuilder.DropTable(
                name: "ImportJobs");
        }
    }
}
