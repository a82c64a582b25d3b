using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// What the text filter <c>q</c> searches, kept in a column of its own on events and agreements: the title, the summary
/// and (for events) each participant, case-folded with <see cref="TextFolding"/> and joined by a unit separator
/// (U+001F), so that no match spans two fields. It is written on every save, so a search compares stored text with
/// <c>instr</c> and calls no function per row.
/// </summary>
public static class SearchText
{
    public const string Column = "SearchText";
    private const char Separator = '\u001f';

    /// <summary>The folded form of a query, to look for in the column.</summary>
    // Without NUL characters: PostgreSQL text cannot hold one (a parameter with one is an error, not a miss).
    public static string Needle(string query) => TextFolding.Fold(query)!;

    internal static string Of(Event e) =>
        TextFolding.Fold(string.Join(Separator, [e.Title, e.Summary ?? "", .. e.Participants]))!;

    internal static string Of(Agreement a) => TextFolding.Fold(string.Join(Separator, a.Title, a.Summary ?? ""))!;
}

/// <summary>Fills the <see cref="SearchText"/> column of every event and agreement a save adds or changes.</summary>
internal sealed class SearchTextColumns : SaveChangesInterceptor
{
    public static readonly SearchTextColumns Instance = new();

    private SearchTextColumns()
    {
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var entry in eventData.Context!.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            var text = entry.Entity switch
            {
                Event e => SearchText.Of(e),
                Agreement a => SearchText.Of(a),
                _ => null,
            };
            if (text is not null)
            {
                entry.Property(SearchText.Column).CurrentValue = text;
            }
        }
        return ValueTask.FromResult(result);
    }
}
