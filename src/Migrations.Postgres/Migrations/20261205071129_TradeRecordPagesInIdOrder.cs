using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TradeRecordPagesInIdOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TradeRecords_Year_Flow",
                table: "TradeRecords");

            migrationBuilder.DropIndex(
                name: "IX_TradeRecords_Year_Flow_ValueUsdCents",
                table: "TradeRecords");

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow_Id",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow_ValueUsdCents_Id",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow", "ValueUsdCents", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TradeRecords_Year_Flow_Id",
                table: "TradeRecords");

            migrationBuilder.DropIndex(
                name: "IX_TradeRecords_Year_Flow_ValueUsdCents_Id",
                table: "TradeRecords");

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow_ValueUsdCents",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow", "ValueUsdCents" });
        }
    }
}
