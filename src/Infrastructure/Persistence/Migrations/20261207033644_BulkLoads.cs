using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// "BulkLoads": while an import's transaction runs it holds one row, the last search document id and the last trade
    /// record id stored before the import began; the row is deleted before the import commits, so no other connection
    /// ever sees it. The triggers that keep the search index and the trade totals current leave alone the rows created
    /// after those ids, and the import adds all of those at once before it commits (SqliteEngine's bulk load): one
    /// statement for a whole file instead of trigger programs row by row. Rows stored before the import began are kept
    /// current by the triggers as before, whatever the import does to them.
    /// </summary>
    public partial class BulkLoads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "BulkLoads" ("LastDocument" INTEGER NOT NULL, "LastTradeRecord" INTEGER NOT NULL);""");
            CreateTriggers(migrationBuilder,
                document: row => $"""WHEN NOT EXISTS (SELECT 1 FROM "BulkLoads" WHERE "LastDocument" < {row}."Id")""",
                tradeRecord: row => $"""WHEN NOT EXISTS (SELECT 1 FROM "BulkLoads" WHERE "LastTradeRecord" < {row}."Id")""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            CreateTriggers(migrationBuilder, document: _ => "", tradeRecord: _ => "");
            migrationBuilder.Sql("""DROP TABLE "BulkLoads";""");
        }

        /// <summary>
        /// Replaces the search index's and the trade totals' triggers with the same ones under the given WHEN clauses
        /// (of the row a trigger concerns: new for an insert, old for an update or a delete; ids do not change).
        /// </summary>
        private static void CreateTriggers(MigrationBuilder migrationBuilder, Func<string, string> document, Func<string, string> tradeRecord)
        {
            const string Index = """INSERT INTO "SearchIndex" (rowid, "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")""";
            const string IndexCommand = """INSERT INTO "SearchIndex" ("SearchIndex", rowid, "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")""";
            migrationBuilder.Sql($"""
                DROP TRIGGER "SearchDocuments_Inserted";
                CREATE TRIGGER "SearchDocuments_Inserted" AFTER INSERT ON "SearchDocuments" {document("new")} BEGIN
                    {Index} VALUES (new."Id", new."TitleKey", new."FieldsKey", new."TitleWords", new."FieldsWords");
                END;
                DROP TRIGGER "SearchDocuments_Deleted";
                CREATE TRIGGER "SearchDocuments_Deleted" AFTER DELETE ON "SearchDocuments" {document("old")} BEGIN
                    {IndexCommand} VALUES ('delete', old."Id", old."TitleKey", old."FieldsKey", old."TitleWords", old."FieldsWords");
                END;
                DROP TRIGGER "SearchDocuments_Updated";
                CREATE TRIGGER "SearchDocuments_Updated" AFTER UPDATE ON "SearchDocuments" {document("old")} BEGIN
                    {IndexCommand} VALUES ('delete', old."Id", old."TitleKey", old."FieldsKey", old."TitleWords", old."FieldsWords");
                    {Index} VALUES (new."Id", new."TitleKey", new."FieldsKey", new."TitleWords", new."FieldsWords");
                END;
                """);
            migrationBuilder.Sql($"""
                DROP TRIGGER "TradeTotals_Added";
                CREATE TRIGGER "TradeTotals_Added" AFTER INSERT ON "TradeRecords" {tradeRecord("new")} BEGIN {TradeTotals.Add("new")} END;
                DROP TRIGGER "TradeTotals_Removed";
                CREATE TRIGGER "TradeTotals_Removed" AFTER DELETE ON "TradeRecords" {tradeRecord("old")} BEGIN {TradeTotals.Remove("old")} END;
                DROP TRIGGER "TradeTotals_Changed";
                CREATE TRIGGER "TradeTotals_Changed"
                AFTER UPDATE OF "ReporterCountry", "PartnerCountry", "Flow", "Year", "Month", "HsCode", "ValueUsdCents" ON "TradeRecords"
                {tradeRecord("old")} BEGIN {TradeTotals.Remove("old")} {TradeTotals.Add("new")} END;
                """);
        }
    }
}
