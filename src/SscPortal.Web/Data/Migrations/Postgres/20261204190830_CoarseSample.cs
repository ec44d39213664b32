using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoarseSample : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetCoarseSample",
                table: "Initiatives",
                column: "Id",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexInclude", new[] { "FacetKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_SearchCoarseSample",
                table: "Initiatives",
                column: "SearchVector",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetCoarseSample",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_SearchCoarseSample",
                table: "Initiatives");
        }
    }
}
