using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FacetKeyCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FacetKeyCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FacetKeyCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FacetKeyCounts_Key",
                table: "FacetKeyCounts",
                column: "Key");

            // Kept in step by the initiatives' triggers, then filled (Search/FacetKeyCount.cs): creating the triggers locks
            // the initiatives against writes until this migration commits, so no change is missed or counted twice.
            migrationBuilder.Sql(TriggerSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropTriggerSql);

            migrationBuilder.DropTable(
                name: "FacetKeyCounts");
        }

        // One trigger per kind of statement (a trigger with transition tables answers one event): each adds, for every key
        // whose count the statement changes, one row with the change. Only published initiatives count.
        private const string TriggerSql = """
            CREATE FUNCTION "FacetKeyCounts_Inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "FacetKeyCounts" ("Key", "Count")
                SELECT k, count(*) FROM added, unnest(added."FacetKeys") AS k WHERE added."Publication" = 1 GROUP BY k;
                RETURN NULL;
            END
            $$;
            CREATE FUNCTION "FacetKeyCounts_Deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "FacetKeyCounts" ("Key", "Count")
                SELECT k, -count(*) FROM removed, unnest(removed."FacetKeys") AS k WHERE removed."Publication" = 1 GROUP BY k;
                RETURN NULL;
            END
            $$;
            CREATE FUNCTION "FacetKeyCounts_Updated"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "FacetKeyCounts" ("Key", "Count")
                SELECT k, sum(change) FROM (
                    SELECT k, 1 AS change FROM added, unnest(added."FacetKeys") AS k WHERE added."Publication" = 1
                    UNION ALL
                    SELECT k, -1 FROM removed, unnest(removed."FacetKeys") AS k WHERE removed."Publication" = 1
                ) AS changes
                GROUP BY k HAVING sum(change) <> 0;
                RETURN NULL;
            END
            $$;
            CREATE FUNCTION "FacetKeyCounts_Truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                TRUNCATE "FacetKeyCounts";
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER "Initiatives_CountKeysInserted" AFTER INSERT ON "Initiatives" REFERENCING NEW TABLE AS added
                FOR EACH STATEMENT EXECUTE FUNCTION "FacetKeyCounts_Inserted"();
            CREATE TRIGGER "Initiatives_CountKeysDeleted" AFTER DELETE ON "Initiatives" REFERENCING OLD TABLE AS removed
                FOR EACH STATEMENT EXECUTE FUNCTION "FacetKeyCounts_Deleted"();
            CREATE TRIGGER "Initiatives_CountKeysUpdated" AFTER UPDATE ON "Initiatives" REFERENCING OLD TABLE AS removed NEW TABLE AS added
                FOR EACH STATEMENT EXECUTE FUNCTION "FacetKeyCounts_Updated"();
            CREATE TRIGGER "Initiatives_CountKeysTruncated" AFTER TRUNCATE ON "Initiatives"
                FOR EACH STATEMENT EXECUTE FUNCTION "FacetKeyCounts_Truncated"();
            INSERT INTO "FacetKeyCounts" ("Key", "Count")
                SELECT k, count(*) FROM "Initiatives", unnest("Initiatives"."FacetKeys") AS k WHERE "Initiatives"."Publication" = 1 GROUP BY k;
            ANALYZE "FacetKeyCounts";
            """;

        private const string DropTriggerSql = """
            DROP TRIGGER "Initiatives_CountKeysInserted" ON "Initiatives";
            DROP TRIGGER "Initiatives_CountKeysDeleted" ON "Initiatives";
            DROP TRIGGER "Initiatives_CountKeysUpdated" ON "Initiatives";
            DROP TRIGGER "Initiatives_CountKeysTruncated" ON "Initiatives";
            DROP FUNCTION "FacetKeyCounts_Inserted"();
            DROP FUNCTION "FacetKeyCounts_Deleted"();
            DROP FUNCTION "FacetKeyCounts_Updated"();
            DROP FUNCTION "FacetKeyCounts_Truncated"();
            """;
    }
}
