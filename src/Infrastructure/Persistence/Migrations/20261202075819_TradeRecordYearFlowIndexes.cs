using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TradeRecordYearFlowIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow" });

            migrationBuilder.CreateIndex(
                name: "IX_TradeRecords_Year_Flow_ValueUsdCents",
                table: "TradeRecords",
                columns: new[] { "Year", "Flow", "ValueUsdCents" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TradeRecords_Year_Flow",
                table: "TradeRecords");

            migrationBuilder.DropIndex(
                name: "IX_TradeRecords_Year_Flow_ValueUsdCents",
                table: "TradeRecords");
        }
    }
}
