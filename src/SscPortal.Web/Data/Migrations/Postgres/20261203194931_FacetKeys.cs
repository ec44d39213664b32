using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FacetKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "FacetKeys",
                table: "Initiatives",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            // Every existing initiative's keys, computed from what is stored by the same statement the save path runs.
            migrationBuilder.Sql(SscPortal.Web.Search.FacetKeys.RefreshSql(postgres: true, "TRUE"));

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetKeys",
                table: "Initiatives",
                column: "FacetKeys")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetSample",
                table: "Initiatives",
                column: "Id",
                filter: "\"Id\" % 50 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexInclude", new[] { "FacetKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_NotIndexed",
                table: "Initiatives",
                column: "Id",
                filter: "\"SearchTitle\" = ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetKeys",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetSample",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_NotIndexed",
                table: "Initiatives");

            migrationBuilder.DropColumn(
                name: "FacetKeys",
                table: "Initiatives");
        }
    }
}
