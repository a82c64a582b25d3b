using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// "TradeTotals": the sums of the trade records per reporter, partner, flow, year, month (0 for none) and HS code
    /// length (0 for none), kept by triggers in the transaction of every insert, update and delete of a trade record, so
    /// that the statistics read a few thousand groups instead of adding up every record after each write. Values are
    /// added as two sums (whole thousand-millions of cents, and the rest) so that they never pass 64 bits.
    /// </summary>
    public partial class TradeTotals : Migration
    {
        private const string Key = """("ReporterCountry", "PartnerCountry", "Flow", "Year", "Month", "HsLength")""";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "TradeTotals" (
                    "ReporterCountry" TEXT NOT NULL, "PartnerCountry" TEXT NOT NULL, "Flow" TEXT NOT NULL, "Year" INTEGER NOT NULL,
                    "Month" INTEGER NOT NULL, "HsLength" INTEGER NOT NULL,
                    "Billions" INTEGER NOT NULL, "Rest" INTEGER NOT NULL, "Records" INTEGER NOT NULL,
                    PRIMARY KEY {Key}) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "TradeTotals"
                SELECT "ReporterCountry", "PartnerCountry", "Flow", "Year", coalesce("Month", 0), coalesce(length("HsCode"), 0),
                    sum("ValueUsdCents" / 1000000000), sum("ValueUsdCents" % 1000000000), count(*)
                FROM "TradeRecords" GROUP BY 1, 2, 3, 4, 5, 6;
                """);
            migrationBuilder.Sql($"""CREATE TRIGGER "TradeTotals_Added" AFTER INSERT ON "TradeRecords" BEGIN {Add("new")} END;""");
            migrationBuilder.Sql($"""CREATE TRIGGER "TradeTotals_Removed" AFTER DELETE ON "TradeRecords" BEGIN {Remove("old")} END;""");
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TradeTotals_Changed"
                AFTER UPDATE OF "ReporterCountry", "PartnerCountry", "Flow", "Year", "Month", "HsCode", "ValueUsdCents" ON "TradeRecords"
                BEGIN {Remove("old")} {Add("new")} END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "TradeTotals_Changed"; DROP TRIGGER "TradeTotals_Removed"; DROP TRIGGER "TradeTotals_Added";""");
            migrationBuilder.Sql("""DROP TABLE "TradeTotals";""");
        }

        /// <summary>Adds the trade record <paramref name="row"/> (new or old) to its group, making the group if it is the first.</summary>
        internal static string Add(string row) => $"""
            INSERT INTO "TradeTotals" VALUES ({row}."ReporterCountry", {row}."PartnerCountry", {row}."Flow", {row}."Year",
                coalesce({row}."Month", 0), coalesce(length({row}."HsCode"), 0), {row}."ValueUsdCents" / 1000000000, {row}."ValueUsdCents" % 1000000000, 1)
            ON CONFLICT {Key} DO UPDATE SET "Billions" = "Billions" + excluded."Billions", "Rest" = "Rest" + excluded."Rest", "Records" = "Records" + 1;
            """;

        /// <summary>Takes the trade record <paramref name="row"/> out of its group, dropping the group when it was the last.</summary>
        internal static string Remove(string row)
        {
            var group = $"""
                "ReporterCountry" = {row}."ReporterCountry" AND "PartnerCountry" = {row}."PartnerCountry" AND "Flow" = {row}."Flow"
                AND "Year" = {row}."Year" AND "Month" = coalesce({row}."Month", 0) AND "HsLength" = coalesce(length({row}."HsCode"), 0)
                """;
            return $"""
                UPDATE "TradeTotals" SET "Billions" = "Billions" - {row}."ValueUsdCents" / 1000000000,
                    "Rest" = "Rest" - {row}."ValueUsdCents" % 1000000000, "Records" = "Records" - 1
                WHERE {group};
                DELETE FROM "TradeTotals" WHERE "Records" = 0 AND {group};
                """;
        }
    }
}
