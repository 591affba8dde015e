using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupplyChain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OwnershipFromClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Brands_Companies_OwnerCompanyId",
                table: "Brands");

            migrationBuilder.DropIndex(
                name: "IX_Brands_OwnerCompanyId",
                table: "Brands");

            migrationBuilder.DropColumn(
                name: "ParentCompanyId",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ParentShare",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ParentSince",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "OwnerCompanyId",
                table: "Brands");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ParentCompanyId",
                table: "Companies",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ParentShare",
                table: "Companies",
                type: "decimal(18,2)",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ParentSince",
                table: "Companies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OwnerCompanyId",
                table: "Brands",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Brands_OwnerCompanyId",
                table: "Brands",
                column: "OwnerCompanyId");

            migrationBuilder.AddForeignKey(
                name: "FK_Brands_Companies_OwnerCompanyId",
                table: "Brands",
                column: "OwnerCompanyId",
                principalTable: "Companies",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
