using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Infrastructure.Persistence.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SignedDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    EffectiveDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Parties = table.Column<string>(type: "TEXT", nullable: false),
                    SignedPeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: true, computedColumnSql: "CASE length(\"SignedDate\") WHEN 4 THEN \"SignedDate\" || '-12-31' WHEN 7 THEN date(\"SignedDate\" || '-01', '+1 month', '-1 day') ELSE \"SignedDate\" END", stored: true),
                    SignedPeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: true, computedColumnSql: "CASE length(\"SignedDate\") WHEN 4 THEN \"SignedDate\" || '-01-01' WHEN 7 THEN \"SignedDate\" || '-01' ELSE \"SignedDate\" END", stored: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Date = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EndDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Participants = table.Column<string>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: true, computedColumnSql: "CASE length(coalesce(\"EndDate\", \"Date\")) WHEN 4 THEN coalesce(\"EndDate\", \"Date\") || '-12-31' WHEN 7 THEN date(coalesce(\"EndDate\", \"Date\") || '-01', '+1 month', '-1 day') ELSE coalesce(\"EndDate\", \"Date\") END", stored: true),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: true, computedColumnSql: "CASE length(\"Date\") WHEN 4 THEN \"Date\" || '-01-01' WHEN 7 THEN \"Date\" || '-01' ELSE \"Date\" END", stored: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OriginAirport = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    DestinationAirport = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WeeklyFrequency = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
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
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeedRuns", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "TradeRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReporterCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PartnerCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Flow = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: true),
                    HsCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    Commodity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ValueUsdCents = table.Column<long>(type: "INTEGER", nullable: false),
                    HsCodeKey = table.Column<string>(type: "TEXT", nullable: false, computedColumnSql: "coalesce(\"HsCode\", '')", stored: true),
                    MonthKey = table.Column<int>(type: "INTEGER", nullable: false, computedColumnSql: "coalesce(\"Month\", 0)", stored: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FlightId = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "IX_TradeRecords_Flow_Id",
                table: "TradeRecords",
                columns: new[] { "Flow", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_HsCode_Id",
                table: "TradeRecords",
                columns: new[] { "HsCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_ReporterCountry_PartnerCountry_Flow_Year_MonthKey_HsCodeKey",
                table: "TradeRecords",
                columns: new[] { "ReporterCountry", "PartnerCountry", "Flow", "Year", "MonthKey", "HsCodeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_ValueUsdCents_Id",
                table: "TradeRecords",
                columns: new[] { "ValueUsdCents", "Id" });

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
