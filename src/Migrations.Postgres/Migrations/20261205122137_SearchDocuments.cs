using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RelationsApi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Resource = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Fields = table.Column<string>(type: "text", nullable: false),
                    TitleKey = table.Column<string>(type: "text", nullable: false),
                    FieldsKey = table.Column<string>(type: "text", nullable: false),
                    TitleWords = table.Column<string>(type: "text", nullable: false),
                    FieldsWords = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_Resource_RecordId",
                table: "SearchDocuments",
                columns: new[] { "Resource", "RecordId" },
                unique: true);

            // The text indexes: pg_trgm's GIN trigram indexes on the expressions the search compares with LIKE.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_SearchDocuments_Keys" ON "SearchDocuments"
                USING gin (("TitleKey" || E'\x1f' || "FieldsKey") gin_trgm_ops);
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_SearchDocuments_Words" ON "SearchDocuments"
                USING gin (("TitleWords" || "FieldsWords") gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchDocuments");
        }
    }
}
