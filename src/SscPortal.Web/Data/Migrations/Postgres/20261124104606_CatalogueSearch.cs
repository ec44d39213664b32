using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogueSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,");

            // Text-search configurations that stem each language and fold accents: unaccent() itself may not appear in a
            // generated column, but a configuration that uses the unaccent dictionary may.
            foreach (var (name, language) in new[] { ("ssc_en", "english"), ("ssc_es", "spanish"), ("ssc_pt", "portuguese") })
            {
                migrationBuilder.Sql($"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {language});");
                migrationBuilder.Sql($"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem;");
            }

            migrationBuilder.AddColumn<string>(
                name: "SearchBody",
                table: "Initiatives",
                type: "character varying(60000)",
                maxLength: 60000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchTitle",
                table: "Initiatives",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Initiatives",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('ssc_en'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_en'::regconfig, coalesce(\"SearchBody\", '')), 'B') || setweight(to_tsvector('ssc_es'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_es'::regconfig, coalesce(\"SearchBody\", '')), 'B') || setweight(to_tsvector('ssc_pt'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_pt'::regconfig, coalesce(\"SearchBody\", '')), 'B')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_SearchTitle",
                table: "Initiatives",
                column: "SearchTitle")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_SearchVector",
                table: "Initiatives",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_SearchTitle",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_SearchVector",
                table: "Initiatives");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "Initiatives");

            migrationBuilder.DropColumn(
                name: "SearchBody",
                table: "Initiatives");

            migrationBuilder.DropColumn(
                name: "SearchTitle",
                table: "Initiatives");

            foreach (var name in new[] { "ssc_en", "ssc_es", "ssc_pt" })
                migrationBuilder.Sql($"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");
        }
    }
}
