using System.Data;
using System.Globalization;
using System.Text;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// One record as the search sees it: the title to show, the searchable text of its title and of its other fields (the
/// fields joined by a unit separator, U+001F, so that no match spans two of them), and the same texts case-folded with
/// <see cref="TextFolding"/> (*Key) and their short words between spaces (*Words), which is what the engines index
/// (SQLite: an FTS5 trigram table; PostgreSQL: pg_trgm). Folding keeps the length of a text, so a match's offset in a
/// key is its offset in the original text.
/// </summary>
internal sealed class SearchDocument
{
    public int Id { get; init; }

    /// <summary>The resource's name: events, flights, trade-records or agreements.</summary>
    public required string Resource { get; init; }

    public int RecordId { get; init; }

    /// <summary>The title to show (for a trade record without a commodity, one made from its key).</summary>
    public required string Title { get; init; }

    /// <summary>The other searchable fields, joined by U+001F.</summary>
    public required string Fields { get; init; }

    /// <summary>The folded title when the title is searchable text; empty when it is only made up for display.</summary>
    public required string TitleKey { get; init; }

    public required string FieldsKey { get; init; }

    /// <summary>The title's short folded words, each between spaces (" kc oz "): what whole-word queries look for.</summary>
    public required string TitleWords { get; init; }

    public required string FieldsWords { get; init; }
}

/// <summary>
/// Keeps the search documents in step with the records: every change the change log appends also writes or removes
/// the record's document, on the same connection and in the same transaction (see <see cref="ChangeLog.AppendAsync"/>),
/// so a search sees a record exactly when it is committed. Records stored before the search existed are given their
/// documents once, at start-up (<see cref="FillAsync"/>).
/// </summary>
internal static class SearchDocuments
{
    public const string Separator = "\u001f";
    private const string MarkerName = "search-documents";

    internal const string Upsert = """
        INSERT INTO "SearchDocuments" ("Resource", "RecordId", "Title", "Fields", "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")
        VALUES (@resource, @id, @title, @fields, @titleKey, @fieldsKey, @titleWords, @fieldsWords)
        ON CONFLICT ("Resource", "RecordId") DO UPDATE SET "Title" = excluded."Title", "Fields" = excluded."Fields",
            "TitleKey" = excluded."TitleKey", "FieldsKey" = excluded."FieldsKey",
            "TitleWords" = excluded."TitleWords", "FieldsWords" = excluded."FieldsWords"
        """;

    /// <summary><see cref="Upsert"/> for the record a statement inserts, read as "Id" from its "inserted" rows (see <see cref="Engine.InsertWith"/>).</summary>
    internal const string UpsertOfInserted = """
        INSERT INTO "SearchDocuments" ("Resource", "RecordId", "Title", "Fields", "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")
        SELECT @resource, "Id", @title, @fields, @titleKey, @fieldsKey, @titleWords, @fieldsWords FROM inserted
        ON CONFLICT ("Resource", "RecordId") DO UPDATE SET "Title" = excluded."Title", "Fields" = excluded."Fields",
            "TitleKey" = excluded."TitleKey", "FieldsKey" = excluded."FieldsKey",
            "TitleWords" = excluded."TitleWords", "FieldsWords" = excluded."FieldsWords"
        """;

    internal const string Remove = """DELETE FROM "SearchDocuments" WHERE "Resource" = @resource AND "RecordId" = @id""";

    /// <summary>The parameters of <see cref="Upsert"/> besides @resource and @id, in the order <see cref="SetDocument"/> sets them.</summary>
    internal static readonly string[] DocumentParameters = ["@title", "@fields", "@titleKey", "@fieldsKey", "@titleWords", "@fieldsWords"];

    /// <summary>Sets the <see cref="DocumentParameters"/>, from the one at <paramref name="first"/> on, to <paramref name="document"/>'s texts.</summary>
    internal static void SetDocument(DbParameterCollection parameters, int first, SearchDocument document)
    {
        parameters[first].Value = document.Title;
        parameters[first + 1].Value = document.Fields;
        parameters[first + 2].Value = document.TitleKey;
        parameters[first + 3].Value = document.FieldsKey;
        parameters[first + 4].Value = document.TitleWords;
        parameters[first + 5].Value = document.FieldsWords;
    }

    /// <summary>The document of <paramref name="record"/>, a record of the resource named <paramref name="resource"/>.</summary>
    public static SearchDocument Of(string resource, Entity record)
    {
        var (title, searchableTitle, fields) = record switch
        {
            Event e => (e.Title, true, new[] { e.Summary, e.City, e.Venue }.Concat(e.Participants)),
            Agreement a => (a.Title, true, [a.Summary]),
            Flight f => ($"{f.OriginAirport} – {f.DestinationAirport}", true, f.Airlines.Select(airline => $"{airline.Code} {airline.Name}")),
            TradeRecord t => (TitleOf(t), t.Commodity is not null, [t.HsCode]),
            _ => throw new ArgumentException($"{record.GetType().Name} is not searched.", nameof(record)),
        };
        var body = string.Join(Separator, fields.Where(f => !string.IsNullOrEmpty(f)));
        var titleKey = searchableTitle ? TextFolding.Fold(title)! : "";
        var fieldsKey = TextFolding.Fold(body)!;
        return new SearchDocument
        {
            Resource = resource,
            RecordId = record.Id,
            Title = title,
            Fields = body,
            TitleKey = titleKey,
            FieldsKey = fieldsKey,
            TitleWords = Words(titleKey),
            FieldsWords = Words(fieldsKey),
        };
    }

    /// <summary>A trade record's title: its commodity, else "HS &lt;hsCode&gt;", else "&lt;reporter&gt; &lt;flow&gt; &lt;year&gt;".</summary>
    private static string TitleOf(TradeRecord t) =>
        t.Commodity ?? (t.HsCode is { } code ? $"HS {code}" : string.Create(CultureInfo.InvariantCulture, $"{t.ReporterCountry} {t.Flow.ToString().ToLowerInvariant()} {t.Year}"));

    /// <summary>
    /// The short words of folded text (fewer than <see cref="SearchTerms.SubstringLength"/> characters), each between
    /// spaces: " kc oz 27 ". Only they are needed: a query of a whole word that long is found by its substring search.
    /// </summary>
    internal static string Words(string folded)
    {
        var words = new StringBuilder();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i < folded.Length && SearchTerms.IsWordCharacter(folded[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }
            // A rune is one or two UTF-16 units: more than four units are three runes or more.
            var units = i - start;
            if (start >= 0 && units <= 4 && folded.Substring(start, units).EnumerateRunes().Count() < SearchTerms.SubstringLength)
            {
                words.Append(words.Length == 0 ? " " : "").Append(folded, start, i - start).Append(' ');
            }
            start = -1;
        }
        return words.ToString();
    }

    /// <summary>Writes the documents of <paramref name="records"/>, all of the resource named <paramref name="resource"/>, in the context's current transaction.</summary>
    private static async Task WriteAsync(RelationsDbContext db, string resource, IEnumerable<Entity> records, CancellationToken cancellationToken)
    {
        await using var upsert = Command(db, Upsert, ["@resource", "@id", .. DocumentParameters]);
        upsert.Parameters[0].Value = resource;
        foreach (var record in records)
        {
            upsert.Parameters[1].Value = record.Id;
            SetDocument(upsert.Parameters, 2, Of(resource, record));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Gives every record a document, once per database (a marker row says it was done): records stored before the
    /// search existed. Later writes keep the documents current themselves.
    /// </summary>
    public static async Task FillAsync(RelationsDbContext db, StoredResources resources, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);   // with the write lock: API processes starting together fill once
        if (await db.SeedRuns.AnyAsync(r => r.Name == MarkerName, cancellationToken))
        {
            return;
        }
        foreach (var resource in resources.All)
        {
            var batch = new List<Entity>(1000);
            await foreach (var record in resource.All(db, cancellationToken))
            {
                batch.Add(record);
                if (batch.Count == batch.Capacity)
                {
                    await WriteAsync(db, resource.Name, batch, cancellationToken);
                    batch.Clear();
                }
            }
            await WriteAsync(db, resource.Name, batch, cancellationToken);
        }
        db.SeedRuns.Add(new SeedRun { Name = MarkerName, AppliedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static DbCommand Command(RelationsDbContext db, string sql, params string[] names)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = name == "@id" ? DbType.Int32 : DbType.String;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
