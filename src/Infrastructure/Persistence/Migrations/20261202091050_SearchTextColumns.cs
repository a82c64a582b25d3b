using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SearchTextColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Agreements",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // The rows already there get their search text as SearchText.Of writes it: title, summary and participants
            // joined by U+001F, folded by the same "fold" function the API registers on each connection (ConnectionSetup).
            // Like every migration here, this one is applied by the API at start-up.
            migrationBuilder.Sql("""
                UPDATE "Events" SET "SearchText" = fold("Title" || char(31) || coalesce("Summary", '')
                    || coalesce((SELECT group_concat(char(31) || "value", '') FROM json_each("Events"."Participants")), ''));
                """);
            migrationBuilder.Sql("""
                UPDATE "Agreements" SET "SearchText" = fold("Title" || char(31) || coalesce("Summary", ''));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Agreements");
        }
    }
}
