using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The search on SQLite: "SearchIndex" is an FTS5 table with the trigram tokenizer over the documents' folded texts
/// (kept in step with "SearchDocuments" by triggers, see the SearchDocuments migration). The texts are folded before they
/// are stored, as the query is, so the index compares them as they are (case_sensitive 1) and finds exactly what
/// <see cref="SearchTerms.MatchesIn"/> finds in them; accents stay (remove_diacritics is off for trigrams).
/// The query goes in as one FTS5 string, its double quotes doubled, so no input is read as query syntax.
/// </summary>
internal static class SqliteSearch
{
    private const string Columns =
        """d."Resource", d."RecordId", d."Title", d."Fields", d."TitleKey", d."FieldsKey", """;

    // Every query here joins the documents to the index with CROSS JOIN, which SQLite never reorders: the index's MATCH
    // runs once and its rows look their documents up by id. With a plain JOIN and a condition on the resource, the planner
    // went through the resource's documents and ran the MATCH again for each of them (13 s for one word at 1M records).

    /// <summary>An FTS5 query for <paramref name="needle"/> as one string in <paramref name="columns"/>: nothing in it is read as query syntax.</summary>
    private static string Match(string columns, string needle) => $"{columns} : \"{needle.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static Sql For(SearchTerms terms, IReadOnlyList<string> resources, (long Skip, int Take)? page)
    {
        var (titleColumn, columns, needle) = terms.WholeWord
            ? ("TitleWords", "{TitleWords FieldsWords}", terms.Word)
            : ("TitleKey", "{TitleKey FieldsKey}", terms.Needle);
        var match = Match(columns, needle);
        if (page is null)
        {
            // Every row of the index is a document's, so without a resource to check the documents are not read at all.
            return resources.Count == 0
                ? new Sql("""SELECT count(*) FROM "SearchIndex" WHERE "SearchIndex" MATCH """).Parameter(match)
                : Resources(
                    new Sql("""SELECT count(*) FROM "SearchIndex" CROSS JOIN "SearchDocuments" d ON d."Id" = "SearchIndex".rowid WHERE "SearchIndex" MATCH """)
                        .Parameter(match),
                    resources);
        }
        // bm25 is negative, better matches lower; r = -bm25 ≥ 0 becomes r / (1 + r) in [0, 1). A title match scores
        // 0.5 and up, any other 0.49 at most, so title matches come first whatever the weights.
        const string Rank = """(-bm25("SearchIndex", 2.0, 1.0, 2.0, 1.0))""";
        if (resources.Count > 0)
        {
            var sql = new Sql("SELECT ").Append(Columns)
                .Append($"round(CASE WHEN instr(d.\"{titleColumn}\", ").Parameter(needle)
                .Append($") > 0 THEN 0.5 + 0.5 * {Rank} / (1.0 + {Rank}) ELSE 0.49 * {Rank} / (1.0 + {Rank}) END, 4) AS \"Score\" ")
                .Append("""FROM "SearchIndex" CROSS JOIN "SearchDocuments" d ON d."Id" = "SearchIndex".rowid WHERE "SearchIndex" MATCH """)
                .Parameter(match);
            return Resources(sql, resources).Append(""" ORDER BY "Score" DESC, d."Resource", d."RecordId" LIMIT """).Parameter(page.Value.Take)
                .Append(" OFFSET ").Parameter(page.Value.Skip);
        }
        // Across all resources the scores come from the index alone (a title match is a match of the title's column), and
        // only the documents that can make the page are read: those scoring at least the page's last score. Reading every
        // match's document cost as much again as ranking them (about 50 ms for a word found 17,000 times in a million).
        return new Sql("""WITH s AS MATERIALIZED (SELECT rowid AS "Id", round(CASE WHEN rowid IN (SELECT rowid FROM "SearchIndex" WHERE "SearchIndex" MATCH """)
            .Parameter(Match($"{{{titleColumn}}}", needle))
            .Append($") THEN 0.5 + 0.5 * {Rank} / (1.0 + {Rank}) ELSE 0.49 * {Rank} / (1.0 + {Rank}) END, 4) AS \"Score\" ")
            .Append("""FROM "SearchIndex" WHERE "SearchIndex" MATCH """).Parameter(match)
            .Append(") SELECT ").Append(Columns).Append("""s."Score" FROM s CROSS JOIN "SearchDocuments" d ON d."Id" = s."Id" """)
            .Append("""WHERE s."Score" >= coalesce((SELECT "Score" FROM s ORDER BY "Score" DESC LIMIT 1 OFFSET """)
            .Parameter(page.Value.Skip + page.Value.Take - 1)
            .Append("""), -1) ORDER BY s."Score" DESC, d."Resource", d."RecordId" LIMIT """).Parameter(page.Value.Take)
            .Append(" OFFSET ").Parameter(page.Value.Skip);
    }

    private static Sql Resources(Sql sql, IReadOnlyList<string> resources)
    {
        for (var i = 0; i < resources.Count; i++)
        {
            sql.Append(i == 0 ? """ AND d."Resource" IN (""" : ", ").Parameter(resources[i]);
        }
        return resources.Count > 0 ? sql.Append(")") : sql;
    }
}
