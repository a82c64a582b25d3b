using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Migrations.Postgres.Migrations
{
    /// <summary>
    /// "TradeTotals": the sums of the trade records per reporter, partner, flow, year, month (0 for none) and HS code
    /// length (0 for none), kept by a trigger in the transaction of every insert, update and delete of a trade record, so
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
                    "ReporterCountry" text NOT NULL, "PartnerCountry" text NOT NULL, "Flow" text NOT NULL, "Year" integer NOT NULL,
                    "Month" integer NOT NULL, "HsLength" integer NOT NULL,
                    "Billions" bigint NOT NULL, "Rest" bigint NOT NULL, "Records" integer NOT NULL,
                    PRIMARY KEY {Key});
                """);
            migrationBuilder.Sql("""
                INSERT INTO "TradeTotals"
                SELECT "ReporterCountry", "PartnerCountry", "Flow", "Year", coalesce("Month", 0), coalesce(length("HsCode"), 0),
                    sum("ValueUsdCents" / 1000000000), sum("ValueUsdCents" % 1000000000), count(*)
                FROM "TradeRecords" GROUP BY 1, 2, 3, 4, 5, 6;
                """);
            migrationBuilder.Sql($"""
                CREATE FUNCTION trade_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE "TradeTotals" SET "Billions" = "Billions" - OLD."ValueUsdCents" / 1000000000,
                            "Rest" = "Rest" - OLD."ValueUsdCents" % 1000000000, "Records" = "Records" - 1
                        WHERE {Group("OLD")};
                        DELETE FROM "TradeTotals" WHERE "Records" = 0 AND {Group("OLD")};
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO "TradeTotals" VALUES (NEW."ReporterCountry", NEW."PartnerCountry", NEW."Flow", NEW."Year",
                            coalesce(NEW."Month", 0), coalesce(length(NEW."HsCode"), 0), NEW."ValueUsdCents" / 1000000000, NEW."ValueUsdCents" % 1000000000, 1)
                        ON CONFLICT {Key} DO UPDATE SET "Billions" = "TradeTotals"."Billions" + excluded."Billions",
                            "Rest" = "TradeTotals"."Rest" + excluded."Rest", "Records" = "TradeTotals"."Records" + 1;
                    END IF;
                    RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TradeTotals_Kept" AFTER INSERT OR DELETE
                    OR UPDATE OF "ReporterCountry", "PartnerCountry", "Flow", "Year", "Month", "HsCode", "ValueUsdCents" ON "TradeRecords"
                FOR EACH ROW EXECUTE FUNCTION trade_totals_apply();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "TradeTotals_Kept" ON "TradeRecords"; DROP FUNCTION trade_totals_apply(); DROP TABLE "TradeTotals";""");
        }

        /// <summary>The condition that selects the group of the trade record <paramref name="row"/> (OLD or NEW).</summary>
        private static string Group(string row) => $"""
            "ReporterCountry" = {row}."ReporterCountry" AND "PartnerCountry" = {row}."PartnerCountry" AND "Flow" = {row}."Flow"
            AND "Year" = {row}."Year" AND "Month" = coalesce({row}."Month", 0) AND "HsLength" = coalesce(length({row}."HsCode"), 0)
            """;
    }
}
