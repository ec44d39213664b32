using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Recommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HiddenAt",
                table: "AssessmentResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HiddenReason",
                table: "AssessmentResponses",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HiddenAt",
                table: "AssessmentComments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HiddenReason",
                table: "AssessmentComments",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Recommendations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AddressedToId = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicators = table.Column<string>(type: "TEXT", nullable: false),
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastStatementAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recommendations", x => x.Id);
                    table.CheckConstraint("CK_Recommendations_Number", "\"Number\" >= 1");
                    table.CheckConstraint("CK_Recommendations_TextLength", "length(\"Text\") BETWEEN 1 AND 2000");
                    table.ForeignKey(
                        name: "FK_Recommendations_Actors_AddressedToId",
                        column: x => x.AddressedToId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recommendations_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Recommendations_Recommendations_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecommendationPrinciples",
                columns: table => new
                {
                    RecommendationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PrincipleCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationPrinciples", x => new { x.RecommendationId, x.PrincipleCode });
                    table.ForeignKey(
                        name: "FK_RecommendationPrinciples_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecommendationStatements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecommendationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: true),
                    Verdict = table.Column<int>(type: "INTEGER", nullable: true),
                    AboutId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EvidenceUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HiddenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HiddenReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationStatements", x => x.Id);
                    table.CheckConstraint("CK_RecommendationStatements_TextLength", "length(\"Text\") BETWEEN 1 AND 4000");
                    table.ForeignKey(
                        name: "FK_RecommendationStatements_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecommendationStatements_RecommendationStatements_AboutId",
                        column: x => x.AboutId,
                        principalTable: "RecommendationStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecommendationStatements_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RecommendationStatements_Recommendations_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationPrinciples_PrincipleCode",
                table: "RecommendationPrinciples",
                column: "PrincipleCode");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_AddressedToId_Status",
                table: "Recommendations",
                columns: new[] { "AddressedToId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_AssessmentId_Number",
                table: "Recommendations",
                columns: new[] { "AssessmentId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Status_TargetDate",
                table: "Recommendations",
                columns: new[] { "Status", "TargetDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_ThreadId",
                table: "Recommendations",
                column: "ThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationStatements_AboutId",
                table: "RecommendationStatements",
                column: "AboutId");

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationStatements_OneAnswer",
                table: "RecommendationStatements",
                column: "ThreadId",
                unique: true,
                filter: "\"Kind\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationStatements_OrganisationId",
                table: "RecommendationStatements",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationStatements_RecommendationId",
                table: "RecommendationStatements",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationStatements_ThreadId_CreatedAt",
                table: "RecommendationStatements",
                columns: new[] { "ThreadId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecommendationPrinciples");

            migrationBuilder.DropTable(
                name: "RecommendationStatements");

            migrationBuilder.DropTable(
                name: "Recommendations");

            migrationBuilder.DropColumn(
                name: "HiddenAt",
                table: "AssessmentResponses");

            migrationBuilder.DropColumn(
                name: "HiddenReason",
                table: "AssessmentResponses");

            migrationBuilder.DropColumn(
                name: "HiddenAt",
                table: "AssessmentComments");

            migrationBuilder.DropColumn(
                name: "HiddenReason",
                table: "AssessmentComments");
        }
    }
}
