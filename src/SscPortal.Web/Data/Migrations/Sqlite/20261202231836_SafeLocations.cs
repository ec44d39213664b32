using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SafeLocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Sensitivity",
                table: "Initiatives",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "InitiativeLocation",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "InitiativeLocation",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Precision",
                table: "InitiativeLocation",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "InitiativeLocation",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Initiatives_Sensitivity",
                table: "Initiatives",
                sql: "\"Sensitivity\" IN (0, 1, 2)");

            migrationBuilder.AddCheckConstraint(
                name: "CK_InitiativeLocation_Latitude",
                table: "InitiativeLocation",
                sql: "\"Latitude\" BETWEEN -90 AND 90");

            migrationBuilder.AddCheckConstraint(
                name: "CK_InitiativeLocation_Longitude",
                table: "InitiativeLocation",
                sql: "\"Longitude\" BETWEEN -180 AND 180");

            migrationBuilder.AddCheckConstraint(
                name: "CK_InitiativeLocation_PlaceNamed",
                table: "InitiativeLocation",
                sql: "\"Precision\" <> 3 OR \"Place\" IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "CK_InitiativeLocation_PointHasCoordinates",
                table: "InitiativeLocation",
                sql: "(\"Precision\" = 4 AND \"Latitude\" IS NOT NULL AND \"Longitude\" IS NOT NULL) OR (\"Precision\" <> 4 AND \"Latitude\" IS NULL AND \"Longitude\" IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "CK_InitiativeLocation_Precision",
                table: "InitiativeLocation",
                sql: "\"Precision\" BETWEEN 1 AND 4");

            migrationBuilder.AddCheckConstraint(
                name: "CK_InitiativeLocation_RegionNamed",
                table: "InitiativeLocation",
                sql: "\"Precision\" <> 2 OR \"Region\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Initiatives_Sensitivity",
                table: "Initiatives");

            migrationBuilder.DropCheckConstraint(
                name: "CK_InitiativeLocation_Latitude",
                table: "InitiativeLocation");

            migrationBuilder.DropCheckConstraint(
                name: "CK_InitiativeLocation_Longitude",
                table: "InitiativeLocation");

            migrationBuilder.DropCheckConstraint(
                name: "CK_InitiativeLocation_PlaceNamed",
                table: "InitiativeLocation");

            migrationBuilder.DropCheckConstraint(
                name: "CK_InitiativeLocation_PointHasCoordinates",
                table: "InitiativeLocation");

            migrationBuilder.DropCheckConstraint(
                name: "CK_InitiativeLocation_Precision",
                table: "InitiativeLocation");

            migrationBuilder.DropCheckConstraint(
                name: "CK_InitiativeLocation_RegionNamed",
                table: "InitiativeLocation");

            migrationBuilder.DropColumn(
                name: "Sensitivity",
                table: "Initiatives");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "InitiativeLocation");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "InitiativeLocation");

            migrationBuilder.DropColumn(
                name: "Precision",
                table: "InitiativeLocation");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "InitiativeLocation");
        }
    }
}
