using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitiativeSampleTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetCoarseSample",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetCoarseSampleKeys",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetSample",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_FacetSampleKeys",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_SearchCoarseSample",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_SearchSample",
                table: "Initiatives");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_TitleSample",
                table: "Initiatives");

            migrationBuilder.CreateTable(
                name: "InitiativeSamples",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Publication = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    FacetKeys = table.Column<List<string>>(type: "text[]", nullable: false),
                    SearchTitle = table.Column<string>(type: "text", nullable: false),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InitiativeSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InitiativeSamples_Initiatives_Id",
                        column: x => x.Id,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The copy filled, then kept in step by a trigger (Search/InitiativeSample.cs); its indexes built once it is full.
            migrationBuilder.Sql(TriggerSql);

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeSamples_CoarseFacetKeys",
                table: "InitiativeSamples",
                column: "FacetKeys",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeSamples_CoarseKeys",
                table: "InitiativeSamples",
                column: "Id",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexInclude", new[] { "FacetKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeSamples_CoarseSearchVector",
                table: "InitiativeSamples",
                column: "SearchVector",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeSamples_FacetKeys",
                table: "InitiativeSamples",
                column: "FacetKeys",
                filter: "\"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeSamples_Keys",
                table: "InitiativeSamples",
                column: "Id",
                filter: "\"Publication\" = 1")
                .Annotation("Npgsql:IndexInclude", new[] { "FacetKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeSamples_SearchTitle",
                table: "InitiativeSamples",
                column: "SearchTitle",
                filter: "\"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_InitiativeSamples_SearchVector",
                table: "InitiativeSamples",
                column: "SearchVector",
                filter: "\"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropTriggerSql);

            migrationBuilder.DropTable(
                name: "InitiativeSamples");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetCoarseSample",
                table: "Initiatives",
                column: "Id",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexInclude", new[] { "FacetKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetCoarseSampleKeys",
                table: "Initiatives",
                column: "FacetKeys",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetSample",
                table: "Initiatives",
                column: "Id",
                filter: "\"Id\" % 50 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexInclude", new[] { "FacetKeys" });

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_FacetSampleKeys",
                table: "Initiatives",
                column: "FacetKeys",
                filter: "\"Id\" % 50 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_SearchCoarseSample",
                table: "Initiatives",
                column: "SearchVector",
                filter: "\"Id\" % 500 = 0 AND \"Publication\" = 1")
                .Annotation("Npgsql:IndexMethod", "GIN");

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

        /// <summary>
        /// The trigger that keeps the copy in step (PostgreSQL): a sampled initiative added or changed is copied (its search words
        /// as the initiatives' generated column has them after the change); one deleted is deleted with it (the foreign key).
        /// </summary>
        private const string TriggerSql = """
            CREATE FUNCTION "InitiativeSamples_Copy"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "InitiativeSamples" ("Id", "Publication", "OwnerId", "FacetKeys", "SearchVector", "SearchTitle")
                VALUES (NEW."Id", NEW."Publication", NEW."OwnerId", NEW."FacetKeys", NEW."SearchVector", NEW."SearchTitle")
                ON CONFLICT ("Id") DO UPDATE SET "Publication" = EXCLUDED."Publication", "OwnerId" = EXCLUDED."OwnerId", "FacetKeys" = EXCLUDED."FacetKeys",
                    "SearchVector" = EXCLUDED."SearchVector", "SearchTitle" = EXCLUDED."SearchTitle";
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER "Initiatives_CopyToSample" AFTER INSERT OR UPDATE ON "Initiatives" FOR EACH ROW WHEN (NEW."Id" % 50 = 0) EXECUTE FUNCTION "InitiativeSamples_Copy"();
            INSERT INTO "InitiativeSamples" ("Id", "Publication", "OwnerId", "FacetKeys", "SearchVector", "SearchTitle")
                SELECT "Id", "Publication", "OwnerId", "FacetKeys", "SearchVector", "SearchTitle" FROM "Initiatives" WHERE "Id" % 50 = 0;
            ANALYZE "InitiativeSamples";
            """;

        private const string DropTriggerSql = """
            DROP TRIGGER "Initiatives_CopyToSample" ON "Initiatives";
            DROP FUNCTION "InitiativeSamples_Copy"();
            """;
    }
}
