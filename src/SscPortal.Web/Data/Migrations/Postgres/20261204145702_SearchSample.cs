using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchSample : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_SearchSample",
                table: "Initiatives",
                column: "SearchVector",
                filter: "\"Id\" % 50 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_TitleSample",
                table: "Initiatives",
                column: "SearchTitle",
                filter: "\"Id\" % 50 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_SearchSample",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_TitleSample",
                table: "Initiatives");
        }
    }
}
