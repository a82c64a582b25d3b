using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationsApi.Infrastructure.Persistence.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Fields = table.Column<string>(type: "TEXT", nullable: false),
                    TitleKey = table.Column<string>(type: "TEXT", nullable: false),
                    FieldsKey = table.Column<string>(type: "TEXT", nullable: false),
                    TitleWords = table.Column<string>(type: "TEXT", nullable: false),
                    FieldsWords = table.Column<string>(type: "TEXT", nullable: false)
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

            // The text index: FTS5 with trigrams over the folded texts (folded before they are stored, so compared as
            // they are), its content read from SearchDocuments, kept in step by triggers in the writer's transaction.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
                    "TitleKey", "FieldsKey", "TitleWords", "FieldsWords",
                    content='SearchDocuments', content_rowid='Id', tokenize='trigram case_sensitive 1');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_Inserted" AFTER INSERT ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" (rowid, "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")
                    VALUES (new."Id", new."TitleKey", new."FieldsKey", new."TitleWords", new."FieldsWords");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_Deleted" AFTER DELETE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")
                    VALUES ('delete', old."Id", old."TitleKey", old."FieldsKey", old."TitleWords", old."FieldsWords");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_Updated" AFTER UPDATE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")
                    VALUES ('delete', old."Id", old."TitleKey", old."FieldsKey", old."TitleWords", old."FieldsWords");
                    INSERT INTO "SearchIndex" (rowid, "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")
                    VALUES (new."Id", new."TitleKey", new."FieldsKey", new."TitleWords", new."FieldsWords");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchIndex";""");
            migrationBuilder.DropTable(
                name: "SearchDocuments");
        }
    }
}
