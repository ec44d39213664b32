using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace SscPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Calls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Calls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    EligibleTypes = table.Column<int[]>(type: "integer[]", nullable: false),
                    EligibleCountries = table.Column<List<string>>(type: "text[]", nullable: false),
                    EligibleRegions = table.Column<List<string>>(type: "text[]", nullable: false),
                    MinPartners = table.Column<int>(type: "integer", nullable: false),
                    PartnerTypes = table.Column<int[]>(type: "integer[]", nullable: false),
                    OpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MaxAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    MaxSharePercent = table.Column<int>(type: "integer", nullable: true),
                    Languages = table.Column<List<string>>(type: "text[]", nullable: false),
                    NetworkName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScaleMax = table.Column<int>(type: "integer", nullable: false),
                    PublishScores = table.Column<bool>(type: "boolean", nullable: false),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    Publication = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnpublishedReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HeldByModerator = table.Column<bool>(type: "boolean", nullable: false),
                    ResultsPublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SearchTitle = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SearchBody = table.Column<string>(type: "character varying(60000)", maxLength: 60000, nullable: false),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('ssc_en'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_en'::regconfig, coalesce(\"SearchBody\", '')), 'B') || setweight(to_tsvector('ssc_es'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_es'::regconfig, coalesce(\"SearchBody\", '')), 'B') || setweight(to_tsvector('ssc_pt'::regconfig, coalesce(\"SearchTitle\", '')), 'A') || setweight(to_tsvector('ssc_pt'::regconfig, coalesce(\"SearchBody\", '')), 'B')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Calls", x => x.Id);
                    table.CheckConstraint("CK_Calls_Dates", "\"ClosesAt\" > \"OpensAt\"");
                    table.CheckConstraint("CK_Calls_Kind", "\"Kind\" IN (1, 2, 3)");
                    table.CheckConstraint("CK_Calls_Money", "(\"MaxAmount\" IS NULL) = (\"Currency\" IS NULL)");
                    table.CheckConstraint("CK_Calls_Partners", "\"MinPartners\" BETWEEN 0 AND 20");
                    table.CheckConstraint("CK_Calls_Scale", "\"ScaleMax\" BETWEEN 2 AND 10");
                    table.CheckConstraint("CK_Calls_Share", "\"MaxSharePercent\" IS NULL OR \"MaxSharePercent\" BETWEEN 1 AND 100");
                    table.ForeignKey(
                        name: "FK_Calls_Actors_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CallCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Guide = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Weight = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallCriteria", x => x.Id);
                    table.CheckConstraint("CK_CallCriteria_Weight", "\"Weight\" BETWEEN 1 AND 100");
                    table.ForeignKey(
                        name: "FK_CallCriteria_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallQuestion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Help = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    MaxLength = table.Column<int>(type: "integer", nullable: true),
                    Choices = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallQuestion", x => x.Id);
                    table.CheckConstraint("CK_CallQuestions_Kind", "\"Kind\" BETWEEN 1 AND 8");
                    table.CheckConstraint("CK_CallQuestions_MaxLength", "\"MaxLength\" IS NULL OR \"MaxLength\" BETWEEN 1 AND 20000");
                    table.ForeignKey(
                        name: "FK_CallQuestion_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallReviewers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallReviewers", x => x.Id);
                    table.CheckConstraint("CK_CallReviewers_State", "\"State\" IN (1, 2, 3)");
                    table.ForeignKey(
                        name: "FK_CallReviewers_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CallReviewers_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallTranslation",
                columns: table => new
                {
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallTranslation", x => new { x.CallId, x.Language });
                    table.ForeignKey(
                        name: "FK_CallTranslation_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoodPractices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    CallId = table.Column<int>(type: "integer", nullable: true),
                    ApplicationId = table.Column<int>(type: "integer", nullable: true),
                    InitiativeId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Practice = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Context = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Results = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Transferable = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    TransferableTo = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Themes = table.Column<int[]>(type: "integer[]", nullable: false),
                    Countries = table.Column<List<string>>(type: "text[]", nullable: false),
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
                    table.PrimaryKey("PK_GoodPractices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoodPractices_Actors_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GoodPractices_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_GoodPractices_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CallApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    ApplicantId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RequestedAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    TotalCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Decision = table.Column<int>(type: "integer", nullable: true),
                    Feedback = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    InitiativeId = table.Column<int>(type: "integer", nullable: true),
                    GoodPracticeId = table.Column<int>(type: "integer", nullable: true),
                    JoinedNetwork = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallApplications", x => x.Id);
                    table.CheckConstraint("CK_CallApplications_Converted", "(\"InitiativeId\" IS NULL AND \"GoodPracticeId\" IS NULL AND NOT \"JoinedNetwork\") OR \"Decision\" = 1");
                    table.CheckConstraint("CK_CallApplications_Decision", "\"Decision\" IS NULL OR (\"State\" = 2 AND \"Decision\" IN (1, 2, 3))");
                    table.CheckConstraint("CK_CallApplications_State", "\"State\" IN (1, 2)");
                    table.CheckConstraint("CK_CallApplications_Submitted", "(\"State\" = 2) = (\"SubmittedAt\" IS NOT NULL AND \"Fingerprint\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_CallApplications_Actors_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CallApplications_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CallApplications_GoodPractices_GoodPracticeId",
                        column: x => x.GoodPracticeId,
                        principalTable: "GoodPractices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CallApplications_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationAnswer",
                columns: table => new
                {
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Number = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    InitiativeId = table.Column<int>(type: "integer", nullable: true),
                    FileId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationAnswer", x => new { x.ApplicationId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_ApplicationAnswer_CallApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "CallApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicationAnswer_CallQuestion_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "CallQuestion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicationAnswer_EvidenceFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "EvidenceFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ApplicationAnswer_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationPartner",
                columns: table => new
                {
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationPartner", x => new { x.ApplicationId, x.OrganisationId });
                    table.CheckConstraint("CK_ApplicationPartners_Confirmed", "\"Confirmed\" = (\"ConfirmedAt\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_ApplicationPartner_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationPartner_CallApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "CallApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    ApplicationId = table.Column<int>(type: "integer", nullable: true),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NetworkMemberships_Actors_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NetworkMemberships_CallApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "CallApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_NetworkMemberships_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Reviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewerId = table.Column<int>(type: "integer", nullable: false),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Conflict = table.Column<bool>(type: "boolean", nullable: false),
                    ConflictNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DeclaredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reviews", x => x.Id);
                    table.CheckConstraint("CK_Reviews_Conflict", "NOT \"Conflict\" OR \"SubmittedAt\" IS NULL");
                    table.ForeignKey(
                        name: "FK_Reviews_CallApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "CallApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reviews_CallReviewers_ReviewerId",
                        column: x => x.ReviewerId,
                        principalTable: "CallReviewers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewScore",
                columns: table => new
                {
                    ReviewId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewScore", x => new { x.ReviewId, x.CriterionId });
                    table.CheckConstraint("CK_ReviewScores_Score", "\"Score\" IS NULL OR \"Score\" BETWEEN 0 AND 10");
                    table.ForeignKey(
                        name: "FK_ReviewScore_CallCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "CallCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewScore_Reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "Reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationAnswer_FileId",
                table: "ApplicationAnswer",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationAnswer_InitiativeId",
                table: "ApplicationAnswer",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationAnswer_QuestionId",
                table: "ApplicationAnswer",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationPartner_OrganisationId",
                table: "ApplicationPartner",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CallApplications_ApplicantId",
                table: "CallApplications",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_CallApplications_CallId_ApplicantId",
                table: "CallApplications",
                columns: new[] { "CallId", "ApplicantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallApplications_CallId_State_Decision",
                table: "CallApplications",
                columns: new[] { "CallId", "State", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_CallApplications_GoodPracticeId",
                table: "CallApplications",
                column: "GoodPracticeId",
                unique: true,
                filter: "\"GoodPracticeId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CallApplications_InitiativeId",
                table: "CallApplications",
                column: "InitiativeId",
                unique: true,
                filter: "\"InitiativeId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CallCriteria_CallId_Position",
                table: "CallCriteria",
                columns: new[] { "CallId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_CallQuestion_CallId_Position",
                table: "CallQuestion",
                columns: new[] { "CallId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_CallReviewers_CallId_UserId",
                table: "CallReviewers",
                columns: new[] { "CallId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallReviewers_OrganisationId",
                table: "CallReviewers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CallReviewers_UserId",
                table: "CallReviewers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_OwnerId",
                table: "Calls",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_Publication_ClosesAt_Id",
                table: "Calls",
                columns: new[] { "Publication", "ClosesAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Calls_Publication_PublishedAt_Id",
                table: "Calls",
                columns: new[] { "Publication", "PublishedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Calls_SearchVector",
                table: "Calls",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_ApplicationId",
                table: "GoodPractices",
                column: "ApplicationId",
                unique: true,
                filter: "\"ApplicationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_CallId",
                table: "GoodPractices",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_InitiativeId",
                table: "GoodPractices",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_OwnerId",
                table: "GoodPractices",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_Publication_PublishedAt_Id",
                table: "GoodPractices",
                columns: new[] { "Publication", "PublishedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GoodPractices_SearchVector",
                table: "GoodPractices",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMemberships_ApplicationId",
                table: "NetworkMemberships",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMemberships_CallId_OrganisationId",
                table: "NetworkMemberships",
                columns: new[] { "CallId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMemberships_OrganisationId",
                table: "NetworkMemberships",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_ApplicationId",
                table: "Reviews",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_ReviewerId_ApplicationId",
                table: "Reviews",
                columns: new[] { "ReviewerId", "ApplicationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewScore_CriterionId",
                table: "ReviewScore",
                column: "CriterionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationAnswer");

            migrationBuilder.DropTable(
                name: "ApplicationPartner");

            migrationBuilder.DropTable(
                name: "CallTranslation");

            migrationBuilder.DropTable(
                name: "NetworkMemberships");

            migrationBuilder.DropTable(
                name: "ReviewScore");

            migrationBuilder.DropTable(
                name: "CallQuestion");

            migrationBuilder.DropTable(
                name: "CallCriteria");

            migrationBuilder.DropTable(
                name: "Reviews");

            migrationBuilder.DropTable(
                name: "CallApplications");

            migrationBuilder.DropTable(
                name: "CallReviewers");

            migrationBuilder.DropTable(
                name: "GoodPractices");

            migrationBuilder.DropTable(
                name: "Calls");
        }
    }
}
