using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TranslatedCodeLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "NameFr",
                table: "Sectors",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "NameEs",
                table: "Sectors",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NamePt",
                table: "Sectors",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "NameFr",
                table: "SectorCategories",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "NameEs",
                table: "SectorCategories",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NamePt",
                table: "SectorCategories",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Currencies",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEs = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NamePt = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NameFr = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Currencies", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "SdgTargets",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    GoalCode = table.Column<int>(type: "integer", nullable: false),
                    NameEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    NameEs = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    NamePt = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    NameFr = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SdgTargets", x => x.Code);
                    table.ForeignKey(
                        name: "FK_SdgTargets_SdgGoals_GoalCode",
                        column: x => x.GoalCode,
                        principalTable: "SdgGoals",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SdgTargets_GoalCode",
                table: "SdgTargets",
                column: "GoalCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Currencies");

            migrationBuilder.DropTable(
                name: "SdgTargets");

            migrationBuilder.DropColumn(
                name: "NameEs",
                table: "Sectors");

            migrationBuilder.DropColumn(
                name: "NamePt",
                table: "Sectors");

            migrationBuilder.DropColumn(
                name: "NameEs",
                table: "SectorCategories");

            migrationBuilder.DropColumn(
                name: "NamePt",
                table: "SectorCategories");

            migrationBuilder.AlterColumn<string>(
                name: "NameFr",
                table: "Sectors",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "NameFr",
                table: "SectorCategories",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);
        }
    }
}
