using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IatiImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IatiIdentifier",
                table: "Initiatives",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IatiImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    FileNames = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ByteSize = table.Column<long>(type: "bigint", nullable: false),
                    IatiVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActivityCount = table.Column<int>(type: "integer", nullable: false),
                    RejectedCount = table.Column<int>(type: "integer", nullable: false),
                    ImportedCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IatiImports", x => x.Id);
                    table.CheckConstraint("CK_IatiImports_Counts", "\"ActivityCount\" >= 0 AND \"RejectedCount\" BETWEEN 0 AND \"ActivityCount\" AND \"ImportedCount\" BETWEEN 0 AND \"ActivityCount\"");
                    table.CheckConstraint("CK_IatiImports_Imported", "(\"State\" = 2) = (\"ImportedAt\" IS NOT NULL)");
                    table.CheckConstraint("CK_IatiImports_State", "\"State\" BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "FK_IatiImports_Actors_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LinkChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: true),
                    Problem = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Failures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IatiImportActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    IatiIdentifier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    Errors = table.Column<string>(type: "text", nullable: true),
                    Warnings = table.Column<string>(type: "text", nullable: true),
                    Preview = table.Column<string>(type: "text", nullable: true),
                    ExistingInitiativeId = table.Column<int>(type: "integer", nullable: true),
                    InitiativeId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IatiImportActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IatiImportActivities_IatiImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "IatiImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IatiImportActivities_Initiatives_ExistingInitiativeId",
                        column: x => x.ExistingInitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_IatiImportActivities_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_IatiIdentifier",
                table: "Initiatives",
                column: "IatiIdentifier",
                unique: true,
                filter: "\"IatiIdentifier\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_IatiImportActivities_ExistingInitiativeId",
                table: "IatiImportActivities",
                column: "ExistingInitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_IatiImportActivities_ImportId_IatiIdentifier",
                table: "IatiImportActivities",
                columns: new[] { "ImportId", "IatiIdentifier" });

            migrationBuilder.CreateIndex(
                name: "IX_IatiImportActivities_ImportId_Position",
                table: "IatiImportActivities",
                columns: new[] { "ImportId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IatiImportActivities_InitiativeId",
                table: "IatiImportActivities",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_IatiImports_CreatedAt",
                table: "IatiImports",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IatiImports_OwnerId_CreatedAt",
                table: "IatiImports",
                columns: new[] { "OwnerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkChecks_CheckedAt",
                table: "LinkChecks",
                column: "CheckedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LinkChecks_Url",
                table: "LinkChecks",
                column: "Url",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IatiImportActivities");

            migrationBuilder.DropTable(
                name: "LinkChecks");

            migrationBuilder.DropTable(
                name: "IatiImports");

            migrationBuilder.DropIndex(
                name: "IX_Initiatives_IatiIdentifier",
                table: "Initiatives");

            migrationBuilder.DropColumn(
                name: "IatiIdentifier",
                table: "Initiatives");
        }
    }
}
