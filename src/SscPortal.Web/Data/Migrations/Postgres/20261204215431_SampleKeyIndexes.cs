using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SampleKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetCoarseSampleKeys",
                table: "Initiatives",
                column: "FacetKeys",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetSampleKeys",
                table: "Initiatives",
                column: "FacetKeys",
                filter: "\"Id\" % 50 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetCoarseSampleKeys",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetSampleKeys",
                table: "Initiatives");
        }
    }
}
