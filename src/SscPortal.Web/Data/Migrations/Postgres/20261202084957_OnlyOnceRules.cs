using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OnlyOnceRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FormSubmissions",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissions", x => new { x.UserId, x.Key });
                    table.ForeignKey(
                        name: "FK_FormSubmissions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Races before these rules may have left two open revisions of one assessment, or two published revisions
            // replacing it. Nothing is deleted: an extra draft is kept as a draft of its own (no longer linked), and an extra
            // published revision stays readable, superseded by the one the old assessment points to.
            migrationBuilder.Sql("""
                UPDATE "Assessments" SET "RevisionOfId" = NULL
                WHERE "Publication" = 0 AND "RevisionOfId" IS NOT NULL
                  AND EXISTS (SELECT 1 FROM "Assessments" o WHERE o."RevisionOfId" = "Assessments"."RevisionOfId" AND o."Publication" = 0 AND o."Id" < "Assessments"."Id");
                """);
            migrationBuilder.Sql("""
                UPDATE "Assessments"
                SET "SupersededById" = (SELECT p."SupersededById" FROM "Assessments" p WHERE p."Id" = "Assessments"."RevisionOfId"), "RevisionOfId" = NULL
                WHERE "Publication" <> 0 AND "RevisionOfId" IS NOT NULL
                  AND "Id" <> (SELECT COALESCE(p."SupersededById", -1) FROM "Assessments" p WHERE p."Id" = "Assessments"."RevisionOfId")
                  AND EXISTS (SELECT 1 FROM "Assessments" o WHERE o."RevisionOfId" = "Assessments"."RevisionOfId" AND o."Id" <> "Assessments"."Id" AND o."Publication" <> 0);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OneOpenRevision",
                table: "Assessments",
                column: "RevisionOfId",
                unique: true,
                filter: "\"RevisionOfId\" IS NOT NULL AND \"Publication\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OnePublishedRevision",
                table: "Assessments",
                column: "RevisionOfId",
                unique: true,
                filter: "\"RevisionOfId\" IS NOT NULL AND \"Publication\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormSubmissions");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_OneOpenRevision",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_OnePublishedRevision",
                table: "Assessments");
        }
    }
}
