using System.Text;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence.Postgres;

/// <summary>
/// The search on PostgreSQL: LIKE over the documents' folded texts, served by pg_trgm's GIN trigram indexes on the
/// same expressions (see the SearchDocuments migration), and ranked by trigram similarity to the query. The texts are
/// folded before they are stored, as the query is, so matching does not depend on the database's locale and finds
/// exactly what <see cref="SearchTerms.MatchesIn"/> finds. The query is a parameter, its LIKE wildcards escaped.
/// </summary>
internal static class PostgresSearch
{
    private const string Keys = """(d."TitleKey" || E'\x1f' || d."FieldsKey")""";
    private const string Words = """(d."TitleWords" || d."FieldsWords")""";

    private const string Columns =
        """d."Resource", d."RecordId", d."Title", d."Fields", d."TitleKey", d."FieldsKey", """;

    public static Sql For(SearchTerms terms, IReadOnlyList<string> resources, (long Skip, int Take)? page)
    {
        var (titleColumn, bodyColumn, searched, needle) = terms.WholeWord
            ? ("TitleWords", "FieldsWords", Words, terms.Word)
            : ("TitleKey", "FieldsKey", Keys, terms.Needle);
        var pattern = "%" + EscapeLike(needle) + "%";
        Sql sql;
        if (page is null)
        {
            sql = new Sql($"SELECT count(*) FROM \"SearchDocuments\" d WHERE {searched} LIKE ").Parameter(pattern);
            return Resources(sql, resources);
        }
        // A title match scores 0.5 and up, any other 0.49 at most, so title matches come first. Among title matches the
        // title closer to the query as a whole (pg_trgm's similarity) ranks higher; among the others, the fields with
        // more matches for their length (n / (n + 4 + length / 100), n the number of matches), which is cheap to compute
        // for long texts where similarity would have to take every trigram of them.
        var body = $"d.\"{bodyColumn}\"";
        sql = new Sql("SELECT ").Append(Columns)
            .Append($"round((CASE WHEN strpos(d.\"{titleColumn}\", ").Parameter(needle)
            .Append(") > 0 THEN 0.5 + 0.5 * similarity(").Parameter(terms.Needle)
            .Append(", d.\"TitleKey\") ELSE 0.49 * ");
        sql = Occurrences(sql, body, needle).Append(" / (");
        sql = Occurrences(sql, body, needle).Append($" + 4.0 + length({body}) / 100.0) END)::numeric, 4) AS \"Score\" ")
            .Append($"FROM \"SearchDocuments\" d WHERE {searched} LIKE ").Parameter(pattern);
        Resources(sql, resources);
        return sql.Append(""" ORDER BY "Score" DESC, d."Resource", d."RecordId" LIMIT """).Parameter(page.Value.Take)
            .Append(" OFFSET ").Parameter(page.Value.Skip);
    }

    /// <summary>How many times <paramref name="needle"/> occurs in <paramref name="text"/>, as SQL.</summary>
    private static Sql Occurrences(Sql sql, string text, string needle) =>
        sql.Append($"((length({text}) - length(replace({text}, ").Parameter(needle).Append(", '')))::numeric / length(").Parameter(needle).Append("))");

    /// <summary>The text with LIKE's wildcards and its escape character (backslash, the default) escaped.</summary>
    private static string EscapeLike(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
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
