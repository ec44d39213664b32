using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Evidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerKind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Section = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    SeriesId = table.Column<int>(type: "integer", nullable: true),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    SupersededById = table.Column<int>(type: "integer", nullable: true),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UploadedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Visibility = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    FoundMetadata = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RemovedMetadata = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HiddenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HiddenReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.Id);
                    table.CheckConstraint("CK_EvidenceFiles_Size", "\"Size\" > 0");
                    table.CheckConstraint("CK_EvidenceFiles_Version", "\"VersionNumber\" >= 1");
                    table.CheckConstraint("CK_EvidenceFiles_Visibility", "\"Visibility\" IN (1, 2, 3)");
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_EvidenceFiles_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "EvidenceFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_EvidenceFiles_SupersededById",
                        column: x => x.SupersededById,
                        principalTable: "EvidenceFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFileParties",
                columns: table => new
                {
                    EvidenceFileId = table.Column<int>(type: "integer", nullable: false),
                    PartyId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFileParties", x => new { x.EvidenceFileId, x.PartyId });
                    table.ForeignKey(
                        name: "FK_EvidenceFileParties_Actors_PartyId",
                        column: x => x.PartyId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceFileParties_EvidenceFiles_EvidenceFileId",
                        column: x => x.EvidenceFileId,
                        principalTable: "EvidenceFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Testimonies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssessmentId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    AudioFileId = table.Column<int>(type: "integer", nullable: true),
                    Attribution = table.Column<int>(type: "integer", nullable: false),
                    AttributedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConsentMethod = table.Column<int>(type: "integer", nullable: false),
                    ConsentGivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    MayQuote = table.Column<bool>(type: "boolean", nullable: false),
                    MayShowPublicly = table.Column<bool>(type: "boolean", nullable: false),
                    MayShareWithParties = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Withdrawal = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Testimonies", x => x.Id);
                    table.CheckConstraint("CK_Testimonies_HasContent", "\"WithdrawnAt\" IS NOT NULL OR \"Text\" IS NOT NULL");
                    table.CheckConstraint("CK_Testimonies_WithdrawnIsEmpty", "\"WithdrawnAt\" IS NULL OR (\"Text\" IS NULL AND \"AttributedTo\" IS NULL AND \"AudioFileId\" IS NULL AND \"ConsentNote\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Testimonies_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Testimonies_EvidenceFiles_AudioFileId",
                        column: x => x.AudioFileId,
                        principalTable: "EvidenceFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFileParties_PartyId",
                table: "EvidenceFileParties",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_OrganisationId",
                table: "EvidenceFiles",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_OwnerKind_OwnerId",
                table: "EvidenceFiles",
                columns: new[] { "OwnerKind", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_SeriesId",
                table: "EvidenceFiles",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_SeriesId_VersionNumber",
                table: "EvidenceFiles",
                columns: new[] { "SeriesId", "VersionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_State",
                table: "EvidenceFiles",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_StorageKey",
                table: "EvidenceFiles",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_SupersededById",
                table: "EvidenceFiles",
                column: "SupersededById");

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_AssessmentId",
                table: "Testimonies",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_AudioFileId",
                table: "Testimonies",
                column: "AudioFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_WithdrawnAt_ConsentUntil",
                table: "Testimonies",
                columns: new[] { "WithdrawnAt", "ConsentUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceFileParties");

            migrationBuilder.DropTable(
                name: "Testimonies");

            migrationBuilder.DropTable(
                name: "EvidenceFiles");
        }
    }
}
