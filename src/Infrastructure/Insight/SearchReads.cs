using System.Globalization;
using System.Text;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Insight;

/// <summary>
/// What a search looks for: the query case-folded (<see cref="TextFolding"/>) and trimmed. Three characters or more are
/// looked for anywhere in the text; fewer are looked for as a whole word (letters, digits and combining marks between
/// anything else), so a query that is not a word finds nothing.
/// </summary>
public sealed class SearchTerms
{
    /// <summary>Queries this many characters long (Unicode code points) or longer are found inside words too.</summary>
    public const int SubstringLength = 3;

    private SearchTerms(string needle, bool wholeWord) => (Needle, WholeWord) = (needle, wholeWord);

    /// <summary>The folded query.</summary>
    public string Needle { get; }

    /// <summary>True when the query is found only as a whole word.</summary>
    public bool WholeWord { get; }

    /// <summary>False when nothing can match (a short query that is not a word).</summary>
    public bool CanMatch => Needle.Length > 0 && (!WholeWord || Needle.All(IsWordCharacter));

    public static SearchTerms Parse(string query)
    {
        // Without NUL characters: PostgreSQL text cannot hold one.
        var needle = TextFolding.Fold(query.Replace("\0", "", StringComparison.Ordinal))!.Trim();
        return new SearchTerms(needle, needle.EnumerateRunes().Count() < SubstringLength);
    }

    /// <summary>A character of a word, for whole-word queries: a letter, a digit or a combining mark.</summary>
    public static bool IsWordCharacter(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => char.IsLetterOrDigit(c),
    };

    /// <summary>Where the query occurs in <paramref name="folded"/> (a folded text), first to last, without overlaps.</summary>
    public IEnumerable<int> MatchesIn(string folded)
    {
        for (var at = folded.IndexOf(Needle, StringComparison.Ordinal); at >= 0 && Needle.Length > 0;
             at = folded.IndexOf(Needle, at + 1, StringComparison.Ordinal))
        {
            var end = at + Needle.Length;
            if (WholeWord && ((at > 0 && IsWordCharacter(folded[at - 1])) || (end < folded.Length && IsWordCharacter(folded[end]))))
            {
                continue;
            }
            yield return at;
            at = end - 1;
        }
    }

    /// <summary>The whole-word form looked for in the stored words: the word between spaces.</summary>
    internal string Word => " " + Needle + " ";
}

/// <summary>One record a search found.</summary>
/// <param name="Resource">events, flights, trade-records or agreements.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Title">The record's title.</param>
/// <param name="Snippet">Up to <see cref="SearchReads.SnippetLength"/> characters of the best-matching field, around the match.</param>
/// <param name="Highlights">Each match inside the snippet: its start and length, in UTF-16 code units.</param>
/// <param name="Score">Higher is better; a title match scores 0.5 or more, a match elsewhere less.</param>
public sealed record SearchHit(string Resource, int Id, string Title, string Snippet, IReadOnlyList<int[]> Highlights, decimal Score);

/// <summary>
/// The search's reads: how many documents match and one page of them, best first, through the engine's own text index
/// (SQLite FTS5 with trigrams, PostgreSQL pg_trgm; the SQL is the engine's, see <see cref="Engine.SearchSql"/>). The
/// snippet and its highlights are cut here, from the stored text, the same on both engines.
/// </summary>
public sealed class SearchReads
{
    public const int SnippetLength = 200;

    private readonly IReadConnections _connections;
    private readonly Engine _engine;

    internal SearchReads(IReadConnections connections, Engine engine) => (_connections, _engine) = (connections, engine);

    /// <summary>How many records of <paramref name="resources"/> (all when empty) match.</summary>
    public async ValueTask<int> CountAsync(SearchTerms terms, IReadOnlyList<string> resources, CancellationToken cancellationToken)
    {
        if (!terms.CanMatch)
        {
            return 0;
        }
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(_engine.SearchSql(terms, resources, page: null), cancellationToken);
        await row.ReadAsync(cancellationToken);
        return Convert.ToInt32(row.GetValue(0), CultureInfo.InvariantCulture);
    }

    /// <summary>The matches after skipping <paramref name="skip"/>, at most <paramref name="take"/>, best first (then by resource and id).</summary>
    public async ValueTask<IReadOnlyList<SearchHit>> PageAsync(
        SearchTerms terms, IReadOnlyList<string> resources, long skip, int take, CancellationToken cancellationToken)
    {
        if (!terms.CanMatch)
        {
            return [];
        }
        var hits = new List<SearchHit>(take);
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(_engine.SearchSql(terms, resources, (skip, take)), cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            // Columns: resource, record id, title, fields, title key, fields key, score.
            var (snippet, highlights) = Snippet(terms, row.GetString(2), row.GetString(3), row.GetString(4), row.GetString(5));
            hits.Add(new SearchHit(
                row.GetString(0),
                Convert.ToInt32(row.GetValue(1), CultureInfo.InvariantCulture),
                row.GetString(2),
                snippet,
                highlights,
                Math.Round(Convert.ToDecimal(row.GetValue(6), CultureInfo.InvariantCulture), 4)));
        }
        return hits;
    }

    /// <summary>
    /// The field with the most matches (the title first among equals), cut to at most <see cref="SnippetLength"/>
    /// characters around its first match, and the matches inside the cut. The keys are the folded fields, as long as the
    /// fields themselves, so their offsets are the fields' offsets.
    /// </summary>
    internal static (string Snippet, int[][] Highlights) Snippet(SearchTerms terms, string title, string fields, string titleKey, string fieldsKey)
    {
        var candidates = new List<(string Text, string Key)>();
        if (titleKey.Length > 0)
        {
            candidates.Add((title, titleKey));
        }
        if (fields.Length > 0)
        {
            var texts = fields.Split(SearchDocuments.Separator);
            var keys = fieldsKey.Split(SearchDocuments.Separator);
            candidates.AddRange(texts.Zip(keys).Where(f => f.First.Length == f.Second.Length));
        }
        var best = (Text: title, Matches: new List<int>());
        foreach (var (text, key) in candidates)
        {
            var matches = terms.MatchesIn(key).ToList();
            if (matches.Count > best.Matches.Count)
            {
                best = (text, matches);
            }
        }
        var length = terms.Needle.Length;
        var start = 0;
        var snippetText = best.Text;
        if (snippetText.Length > SnippetLength)
        {
            var first = best.Matches.Count > 0 ? best.Matches[0] : 0;
            start = Math.Clamp(first - ((SnippetLength - length) / 2), 0, snippetText.Length - SnippetLength);
            var end = start + SnippetLength;
            if (start > 0 && char.IsLowSurrogate(snippetText[start]))
            {
                start++;   // never half a character
            }
            if (char.IsHighSurrogate(snippetText[end - 1]))
            {
                end--;
            }
            snippetText = StartAtWord(snippetText, ref start, end, first);
        }
        var highlights = best.Matches
            .Where(m => m >= start && m + length <= start + snippetText.Length)
            .Select(m => new[] { m - start, length })
            .ToArray();
        return (snippetText, highlights);
    }

    /// <summary>The text from <paramref name="start"/> to <paramref name="end"/>, its start moved to the next word when that keeps the match.</summary>
    private static string StartAtWord(string text, ref int start, int end, int match)
    {
        if (start > 0 && SearchTerms.IsWordCharacter(text[start - 1]))
        {
            var space = text.IndexOf(' ', start, Math.Max(0, Math.Min(match, end) - start));
            if (space >= 0)
            {
                start = space + 1;
            }
        }
        return new StringBuilder(end - start).Append(text, start, end - start).ToString();
    }
}
