using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Exchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Listings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Form = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Themes = table.Column<int[]>(type: "integer[]", nullable: false),
                    WorkingLanguages = table.Column<List<string>>(type: "text[]", nullable: false),
                    ContributionInKind = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ContributionAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ContributionCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    DurationMonths = table.Column<int>(type: "integer", nullable: true),
                    OpenUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Contact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    Publication = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnpublishedReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HeldByModerator = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SearchTitle = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SearchBody = table.Column<string>(type: "character varying(60000)", maxLength: 60000, nullable: false),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('ssc_en'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_en'::regconfig, coalesce(\"SearchBody\", '')), 'B') || setweight(to_tsvector('ssc_es'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_es'::regconfig, coalesce(\"SearchBody\", '')), 'B') || setweight(to_tsvector('ssc_pt'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_pt'::regconfig, coalesce(\"SearchBody\", '')), 'B')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Listings", x => x.Id);
                    table.CheckConstraint("CK_Listings_Duration", "\"DurationMonths\" IS NULL OR \"DurationMonths\" BETWEEN 1 AND 120");
                    table.CheckConstraint("CK_Listings_Form", "\"Form\" BETWEEN 1 AND 8");
                    table.CheckConstraint("CK_Listings_Kind", "\"Kind\" IN (1, 2, 3)");
                    table.CheckConstraint("CK_Listings_Money", "(\"ContributionAmount\" IS NULL) = (\"ContributionCurrency\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Listings_Actors_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListingId = table.Column<int>(type: "integer", nullable: false),
                    ListingOwnerId = table.Column<int>(type: "integer", nullable: false),
                    InterestedId = table.Column<int>(type: "integer", nullable: false),
                    CounterpartListingId = table.Column<int>(type: "integer", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<int>(type: "integer", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedById = table.Column<int>(type: "integer", nullable: true),
                    ReportReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    InitiativeId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.Id);
                    table.CheckConstraint("CK_Conversations_Closed", "(\"State\" = 1) = (\"ClosedAt\" IS NULL)");
                    table.CheckConstraint("CK_Conversations_Initiative", "\"InitiativeId\" IS NULL OR \"State\" = 2");
                    table.CheckConstraint("CK_Conversations_Reason", "\"DeclineReason\" IS NULL OR \"State\" = 3");
                    table.CheckConstraint("CK_Conversations_State", "\"State\" IN (1, 2, 3, 4)");
                    table.CheckConstraint("CK_Conversations_TwoSides", "\"ListingOwnerId\" <> \"InterestedId\"");
                    table.ForeignKey(
                        name: "FK_Conversations_Actors_InterestedId",
                        column: x => x.InterestedId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conversations_Actors_ListingOwnerId",
                        column: x => x.ListingOwnerId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conversations_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Conversations_Listings_CounterpartListingId",
                        column: x => x.CounterpartListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conversations_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ListingCountry",
                columns: table => new
                {
                    ListingId = table.Column<int>(type: "integer", nullable: false),
                    CountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingCountry", x => new { x.ListingId, x.CountryCode });
                    table.ForeignKey(
                        name: "FK_ListingCountry_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ListingCountry_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListingInitiative",
                columns: table => new
                {
                    ListingId = table.Column<int>(type: "integer", nullable: false),
                    InitiativeId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingInitiative", x => new { x.ListingId, x.InitiativeId });
                    table.ForeignKey(
                        name: "FK_ListingInitiative_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListingInitiative_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListingRegion",
                columns: table => new
                {
                    ListingId = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingRegion", x => new { x.ListingId, x.RegionCode });
                    table.ForeignKey(
                        name: "FK_ListingRegion_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListingSdg",
                columns: table => new
                {
                    ListingId = table.Column<int>(type: "integer", nullable: false),
                    GoalCode = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingSdg", x => new { x.ListingId, x.GoalCode });
                    table.ForeignKey(
                        name: "FK_ListingSdg_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListingSdg_SdgGoals_GoalCode",
                        column: x => x.GoalCode,
                        principalTable: "SdgGoals",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ListingSector",
                columns: table => new
                {
                    ListingId = table.Column<int>(type: "integer", nullable: false),
                    SectorCode = table.Column<string>(type: "character varying(5)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingSector", x => new { x.ListingId, x.SectorCode });
                    table.ForeignKey(
                        name: "FK_ListingSector_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListingSector_Sectors_SectorCode",
                        column: x => x.SectorCode,
                        principalTable: "Sectors",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ListingTranslation",
                columns: table => new
                {
                    ListingId = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingTranslation", x => new { x.ListingId, x.Language });
                    table.ForeignKey(
                        name: "FK_ListingTranslation_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConversationId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMessages", x => x.Id);
                    table.CheckConstraint("CK_ConversationMessages_Text", "length(\"Text\") > 0");
                    table.ForeignKey(
                        name: "FK_ConversationMessages_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConversationMessages_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_ConversationId_SentAt_Id",
                table: "ConversationMessages",
                columns: new[] { "ConversationId", "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_OrganisationId",
                table: "ConversationMessages",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMessages_UserId_SentAt",
                table: "ConversationMessages",
                columns: new[] { "UserId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_CounterpartListingId",
                table: "Conversations",
                column: "CounterpartListingId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_InitiativeId",
                table: "Conversations",
                column: "InitiativeId",
                unique: true,
                filter: "\"InitiativeId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_InterestedId",
                table: "Conversations",
                column: "InterestedId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ListingId_InterestedId",
                table: "Conversations",
                columns: new[] { "ListingId", "InterestedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ListingOwnerId",
                table: "Conversations",
                column: "ListingOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ListingCountry_CountryCode",
                table: "ListingCountry",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_ListingInitiative_InitiativeId",
                table: "ListingInitiative",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_ListingRegion_RegionCode",
                table: "ListingRegion",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Listings_OwnerId",
                table: "Listings",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Listings_Publication_Kind_OpenUntil",
                table: "Listings",
                columns: new[] { "Publication", "Kind", "OpenUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_Publication_PublishedAt_Id",
                table: "Listings",
                columns: new[] { "Publication", "PublishedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_SearchTitle",
                table: "Listings",
                column: "SearchTitle")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_SearchVector",
                table: "Listings",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_ListingSdg_GoalCode",
                table: "ListingSdg",
                column: "GoalCode");

            migrationBuilder.CreateIndex(
                name: "IX_ListingSector_SectorCode",
                table: "ListingSector",
                column: "SectorCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationMessages");

            migrationBuilder.DropTable(
                name: "ListingCountry");

            migrationBuilder.DropTable(
                name: "ListingInitiative");

            migrationBuilder.DropTable(
                name: "ListingRegion");

            migrationBuilder.DropTable(
                name: "ListingSdg");

            migrationBuilder.DropTable(
                name: "ListingSector");

            migrationBuilder.DropTable(
                name: "ListingTranslation");

            migrationBuilder.DropTable(
                name: "Conversations");

            migrationBuilder.DropTable(
                name: "Listings");
        }
    }
}
