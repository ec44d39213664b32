using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentComments", x => x.Id);
                    table.CheckConstraint("CK_AssessmentComments_TextLength", "length(\"Text\") BETWEEN 1 AND 4000");
                    table.ForeignKey(
                        name: "FK_AssessmentComments_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentComments_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommentWindows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OfferedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentWindows", x => x.Id);
                    table.CheckConstraint("CK_CommentWindows_ClosesAfterOpening", "\"ClosesAt\" > \"OpenedAt\"");
                    table.ForeignKey(
                        name: "FK_CommentWindows_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommentWindowParties",
                columns: table => new
                {
                    CommentWindowId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentWindowParties", x => new { x.CommentWindowId, x.PartyId });
                    table.ForeignKey(
                        name: "FK_CommentWindowParties_Actors_PartyId",
                        column: x => x.PartyId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommentWindowParties_CommentWindows_CommentWindowId",
                        column: x => x.CommentWindowId,
                        principalTable: "CommentWindows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentComments_AssessmentId_CreatedAt",
                table: "AssessmentComments",
                columns: new[] { "AssessmentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentComments_OrganisationId",
                table: "AssessmentComments",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CommentWindowParties_PartyId",
                table: "CommentWindowParties",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_CommentWindows_AssessmentId",
                table: "CommentWindows",
                column: "AssessmentId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentComments");

            migrationBuilder.DropTable(
                name: "CommentWindowParties");

            migrationBuilder.DropTable(
                name: "CommentWindows");
        }
    }
}
