using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RelationsApi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SignedDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    EffectiveDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Parties = table.Column<string[]>(type: "text[]", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    SignedPeriodEnd = table.Column<DateOnly>(type: "date", nullable: true, computedColumnSql: "CASE length(\"SignedDate\") WHEN 4 THEN make_date(substr(\"SignedDate\", 1, 4)::integer, 12, 31) WHEN 7 THEN make_date(substr(\"SignedDate\", 1, 4)::integer + substr(\"SignedDate\", 6, 2)::integer / 12, substr(\"SignedDate\", 6, 2)::integer % 12 + 1, 1) - 1 ELSE make_date(substr(\"SignedDate\", 1, 4)::integer, substr(\"SignedDate\", 6, 2)::integer, substr(\"SignedDate\", 9, 2)::integer) END", stored: true),
                    SignedPeriodStart = table.Column<DateOnly>(type: "date", nullable: true, computedColumnSql: "CASE length(\"SignedDate\") WHEN 4 THEN make_date(substr(\"SignedDate\", 1, 4)::integer, 1, 1) WHEN 7 THEN make_date(substr(\"SignedDate\", 1, 4)::integer, substr(\"SignedDate\", 6, 2)::integer, 1) ELSE make_date(substr(\"SignedDate\", 1, 4)::integer, substr(\"SignedDate\", 6, 2)::integer, substr(\"SignedDate\", 9, 2)::integer) END", stored: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Scope = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Changes",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Resource = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordId = table.Column<int>(type: "integer", nullable: false),
                    Operation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Data = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Changes", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Date = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EndDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Venue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Participants = table.Column<string[]>(type: "text[]", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: true, computedColumnSql: "CASE length(coalesce(\"EndDate\", \"Date\")) WHEN 4 THEN make_date(substr(coalesce(\"EndDate\", \"Date\"), 1, 4)::integer, 12, 31) WHEN 7 THEN make_date(substr(coalesce(\"EndDate\", \"Date\"), 1, 4)::integer + substr(coalesce(\"EndDate\", \"Date\"), 6, 2)::integer / 12, substr(coalesce(\"EndDate\", \"Date\"), 6, 2)::integer % 12 + 1, 1) - 1 ELSE make_date(substr(coalesce(\"EndDate\", \"Date\"), 1, 4)::integer, substr(coalesce(\"EndDate\", \"Date\"), 6, 2)::integer, substr(coalesce(\"EndDate\", \"Date\"), 9, 2)::integer) END", stored: true),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: true, computedColumnSql: "CASE length(\"Date\") WHEN 4 THEN make_date(substr(\"Date\", 1, 4)::integer, 1, 1) WHEN 7 THEN make_date(substr(\"Date\", 1, 4)::integer, substr(\"Date\", 6, 2)::integer, 1) ELSE make_date(substr(\"Date\", 1, 4)::integer, substr(\"Date\", 6, 2)::integer, substr(\"Date\", 9, 2)::integer) END", stored: true),
                    SearchText = table.Column<string>(type: "text", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Flights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OriginAirport = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    DestinationAirport = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WeeklyFrequency = table.Column<int>(type: "integer", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Flights", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SeedRuns",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeedRuns", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "TradeRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReporterCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    PartnerCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Flow = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: true),
                    HsCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    Commodity = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ValueUsdCents = table.Column<long>(type: "bigint", nullable: false),
                    HsCodeKey = table.Column<string>(type: "text", nullable: false, computedColumnSql: "coalesce(\"HsCode\", '')", stored: true),
                    MonthKey = table.Column<int>(type: "integer", nullable: false, computedColumnSql: "coalesce(\"Month\", 0)", stored: true),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TradeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FlightAirlines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FlightId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlightAirlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FlightAirlines_Flights_FlightId",
                        column: x => x.FlightId,
                        principalTable: "Flights",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_ExternalId",
                table: "Agreements",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_SignedPeriodEnd",
                table: "Agreements",
                column: "SignedPeriodEnd");

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_SignedPeriodStart_Id",
                table: "Agreements",
                columns: new[] { "SignedPeriodStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_Status_Id",
                table: "Agreements",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_Title_Id",
                table: "Agreements",
                columns: new[] { "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_Type_Id",
                table: "Agreements",
                columns: new[] { "Type", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Hash",
                table: "ApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Name",
                table: "ApiKeys",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Changes_Actor_Sequence",
                table: "Changes",
                columns: new[] { "Actor", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_Resource_Sequence",
                table: "Changes",
                columns: new[] { "Resource", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Category_Id",
                table: "Events",
                columns: new[] { "Category", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_CountryCode_Id",
                table: "Events",
                columns: new[] { "CountryCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_CreatedAt_Id",
                table: "Events",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_ExternalId",
                table: "Events",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_PeriodEnd",
                table: "Events",
                column: "PeriodEnd");

            migrationBuilder.CreateIndex(
                name: "IX_Events_PeriodStart_Id",
                table: "Events",
                columns: new[] { "PeriodStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Title_Id",
                table: "Events",
                columns: new[] { "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FlightAirlines_Code",
                table: "FlightAirlines",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_FlightAirlines_FlightId",
                table: "FlightAirlines",
                column: "FlightId");

            migrationBuilder.CreateIndex(
                name: "IX_Flights_DestinationAirport_Id",
                table: "Flights",
                columns: new[] { "DestinationAirport", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Flights_ExternalId",
                table: "Flights",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Flights_OriginAirport_Id",
                table: "Flights",
                columns: new[] { "OriginAirport", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Flights_Status_Id",
                table: "Flights",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Flights_ValidFrom_Id",
                table: "Flights",
                columns: new[] { "ValidFrom", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Flights_WeeklyFrequency_Id",
                table: "Flights",
                columns: new[] { "WeeklyFrequency", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_ExternalId",
                table: "TradeRecords",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Flow_Id",
                table: "TradeRecords",
                columns: new[] { "Flow", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_HsCode_Id",
                table: "TradeRecords",
                columns: new[] { "HsCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_ReporterCountry_PartnerCountry_Flow_Year_Month~",
                table: "TradeRecords",
                columns: new[] { "ReporterCountry", "PartnerCountry", "Flow", "Year", "MonthKey", "HsCodeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_ValueUsdCents_Id",
                table: "TradeRecords",
                columns: new[] { "ValueUsdCents", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow_ValueUsdCents",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow", "ValueUsdCents" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Id",
                table: "TradeRecords",
                columns: new[] { "Year", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Agreements");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "Changes");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "FlightAirlines");

            migrationBuilder.DropTable(
                name: "SeedRuns");

            migrationBuilder.DropTable(
                name: "TradeRecords");

            migrationBuilder.DropTable(
                name: "Flights");
        }
    }
}
