using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FacetKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FacetKeys",
                table: "Initiatives",
                type: "TEXT",
                nullable: false,
                defaultValueSql: "'[]'");

            // Every existing initiative's keys, computed from what is stored by the same statement the save path runs.
            migrationBuilder.Sql(SscPortal.Web.Search.FacetKeys.RefreshSql(postgres: false, "TRUE"));

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
                name: "IX_Initiatives_NotIndexed",
                table: "Initiatives");

            migrationBuilder.DropColumn(
                name: "FacetKeys",
                table: "Initiatives");
        }
    }
}
