using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChangeLogCompaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeCompactions",
                columns: table => new
                {
                    Run = table.Column<long>(type: "INTEGER", nullable: false),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HighestRemovedSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    CompactedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeCompactions", x => new { x.Run, x.Resource });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_Resource_RecordId_Sequence",
                table: "Changes",
                columns: new[] { "Resource", "RecordId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeCompactions");

            migrationBuilder.DropIndex(
                name: "IX_Changes_Resource_RecordId_Sequence",
                table: "Changes");
        }
    }
}
