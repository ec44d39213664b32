using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordHistoryForEveryKindOfRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The history so far is all about initiatives: keep it, and say so in the new column. (SQLite keeps the
            // primary key through the rename; its name is not used.)
            migrationBuilder.DropIndex(name: "IX_InitiativeChanges_InitiativeId_At_Id", table: "InitiativeChanges");
            migrationBuilder.RenameTable(name: "InitiativeChanges", newName: "RecordChanges");
            migrationBuilder.RenameColumn(name: "InitiativeId", table: "RecordChanges", newName: "RecordId");
            migrationBuilder.AddColumn<int>(name: "RecordType", table: "RecordChanges", nullable: false, defaultValue: 1);
            migrationBuilder.CreateIndex(name: "IX_RecordChanges_RecordType_RecordId_At_Id", table: "RecordChanges", columns: new[] { "RecordType", "RecordId", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"RecordChanges\" WHERE \"RecordType\" <> 1");
            migrationBuilder.DropIndex(name: "IX_RecordChanges_RecordType_RecordId_At_Id", table: "RecordChanges");
            migrationBuilder.DropColumn(name: "RecordType", table: "RecordChanges");
            migrationBuilder.RenameColumn(name: "RecordId", table: "RecordChanges", newName: "InitiativeId");
            migrationBuilder.RenameTable(name: "RecordChanges", newName: "InitiativeChanges");
            migrationBuilder.CreateIndex(name: "IX_InitiativeChanges_InitiativeId_At_Id", table: "InitiativeChanges", columns: new[] { "InitiativeId", "At", "Id" });
        }
    }
}
