using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupplyChain.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClaimStatusIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status",
                table: "Claims",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Claims_Status",
                table: "Claims");
        }
    }
}
