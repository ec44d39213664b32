using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Events : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attachment",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 200000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentType",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    OnlineLink = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Languages = table.Column<string>(type: "TEXT", nullable: false),
                    Interpretation = table.Column<string>(type: "TEXT", nullable: false),
                    RegistrationOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    WaitingList = table.Column<bool>(type: "INTEGER", nullable: false),
                    Themes = table.Column<string>(type: "TEXT", nullable: false),
                    Sdgs = table.Column<string>(type: "TEXT", nullable: false),
                    Principles = table.Column<string>(type: "TEXT", nullable: false),
                    ParentEventId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Publication = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnpublishedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    HeldByModerator = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegisteredCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportSummary = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    ReportOutcomes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    ReportPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ParticipantDataDeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SearchTitle = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SearchBody = table.Column<string>(type: "TEXT", maxLength: 60000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                    table.CheckConstraint("CK_Events_Capacity", "\"Capacity\" IS NULL OR \"Capacity\" BETWEEN 1 AND 100000");
                    table.CheckConstraint("CK_Events_Dates", "\"EndsAt\" > \"StartsAt\"");
                    table.CheckConstraint("CK_Events_Format", "\"Format\" BETWEEN 1 AND 3");
                    table.CheckConstraint("CK_Events_Kind", "\"Kind\" BETWEEN 1 AND 6");
                    table.CheckConstraint("CK_Events_Parent", "\"ParentEventId\" IS NULL OR \"ParentEventId\" <> \"Id\"");
                    table.CheckConstraint("CK_Events_Places", "\"RegisteredCount\" >= 0 AND (\"Capacity\" IS NULL OR \"RegisteredCount\" <= \"Capacity\")");
                    table.ForeignKey(
                        name: "FK_Events_Actors_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Events_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Events_Events_ParentEventId",
                        column: x => x.ParentEventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EventInitiatives",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    InitiativeId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventInitiatives", x => new { x.EventId, x.InitiativeId });
                    table.ForeignKey(
                        name: "FK_EventInitiatives_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventInitiatives_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false),
                    ToWaitingList = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventMessages_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventOrganisers",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventOrganisers", x => new { x.EventId, x.ActorId });
                    table.CheckConstraint("CK_EventOrganisers_State", "\"State\" BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "FK_EventOrganisers_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EventOrganisers_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventQuestion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventQuestion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventQuestion_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventRegistrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationType = table.Column<int>(type: "INTEGER", nullable: true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    LanguagesNeeded = table.Column<string>(type: "TEXT", nullable: false),
                    AccessibilityNeeds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MailLanguage = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WaitingSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventRegistrations", x => x.Id);
                    table.CheckConstraint("CK_EventRegistrations_Gender", "\"Gender\" IS NULL OR \"Gender\" IN ('woman', 'man', 'other')");
                    table.CheckConstraint("CK_EventRegistrations_State", "\"State\" BETWEEN 1 AND 3");
                    table.CheckConstraint("CK_EventRegistrations_Waiting", "(\"State\" = 3) = (\"WaitingSince\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_EventRegistrations_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_EventRegistrations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventRegistrations_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Room = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventSessions", x => x.Id);
                    table.CheckConstraint("CK_EventSessions_Dates", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_EventSessions_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventTallies",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Registered = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventTallies", x => new { x.EventId, x.Dimension, x.Key });
                    table.CheckConstraint("CK_EventTallies_Counts", "\"Registered\" >= 0 AND \"Attended\" >= 0");
                    table.ForeignKey(
                        name: "FK_EventTallies_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventTranslation",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventTranslation", x => new { x.EventId, x.Language });
                    table.ForeignKey(
                        name: "FK_EventTranslation_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventAnswer",
                columns: table => new
                {
                    RegistrationId = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventAnswer", x => new { x.RegistrationId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_EventAnswer_EventQuestion_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "EventQuestion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventAnswer_EventRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "EventRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventSpeaker",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NameShown = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventSpeaker", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventSpeaker_EventSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "EventSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventAnswer_QuestionId",
                table: "EventAnswer",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_EventInitiatives_InitiativeId",
                table: "EventInitiatives",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_EventMessages_EventId_SentAt",
                table: "EventMessages",
                columns: new[] { "EventId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EventOrganisers_ActorId_State",
                table: "EventOrganisers",
                columns: new[] { "ActorId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_EventQuestion_EventId_Position",
                table: "EventQuestion",
                columns: new[] { "EventId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_EventId_Email",
                table: "EventRegistrations",
                columns: new[] { "EventId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_EventId_State_WaitingSince",
                table: "EventRegistrations",
                columns: new[] { "EventId", "State", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_EventId_UserId",
                table: "EventRegistrations",
                columns: new[] { "EventId", "UserId" },
                unique: true,
                filter: "\"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_OrganisationId",
                table: "EventRegistrations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_State_CreatedAt",
                table: "EventRegistrations",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_TokenHash",
                table: "EventRegistrations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_UserId",
                table: "EventRegistrations",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_CountryCode",
                table: "Events",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_Events_OwnerId",
                table: "Events",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ParentEventId",
                table: "Events",
                column: "ParentEventId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ParticipantDataDeletedAt_EndsAt",
                table: "Events",
                columns: new[] { "ParticipantDataDeletedAt", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Publication_EndsAt_Id",
                table: "Events",
                columns: new[] { "Publication", "EndsAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Publication_StartsAt_Id",
                table: "Events",
                columns: new[] { "Publication", "StartsAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EventSessions_EventId_Position",
                table: "EventSessions",
                columns: new[] { "EventId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_EventSpeaker_SessionId_Position",
                table: "EventSpeaker",
                columns: new[] { "SessionId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventAnswer");

            migrationBuilder.DropTable(
                name: "EventInitiatives");

            migrationBuilder.DropTable(
                name: "EventMessages");

            migrationBuilder.DropTable(
                name: "EventOrganisers");

            migrationBuilder.DropTable(
                name: "EventSpeaker");

            migrationBuilder.DropTable(
                name: "EventTallies");

            migrationBuilder.DropTable(
                name: "EventTranslation");

            migrationBuilder.DropTable(
                name: "EventQuestion");

            migrationBuilder.DropTable(
                name: "EventRegistrations");

            migrationBuilder.DropTable(
                name: "EventSessions");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropColumn(
                name: "Attachment",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "AttachmentType",
                table: "OutboxMessages");
        }
    }
}
