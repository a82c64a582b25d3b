namespace RelationsApi.Api.Common;

/// <summary>One data row of an import body: where it is, and the write body read from it or why it could not be read.</summary>
/// <param name="Index">The 0-based data row (the header is not a data row).</param>
/// <param name="Line">The 1-based line of the file the row starts on, for CSV; null for JSON.</param>
/// <param name="Body">The write body; null when <paramref name="Errors"/> says why the row could not be read.</param>
/// <param name="Errors">Field path within the row ("year", "sources[0].url") → messages; null when the row was read.</param>
public sealed record ImportRow<TWrite>(int Index, int? Line, TWrite? Body, IDictionary<string, string[]>? Errors)
    where TWrite : RecordWrite;

/// <summary>A record as one export row: its write body plus the fields the server manages.</summary>
public sealed record ExportRow<TWrite>(TWrite Body, int Id, int Version, DateTime CreatedAt, DateTime UpdatedAt)
    where TWrite : RecordWrite;

/// <summary>A CSV file that cannot be read at all (its header names an unknown field, a column twice, ...).</summary>
internal sealed class CsvFileException(string message) : Exception(message);

/// <summary>The CSV form of every resource: the import columns are the write body's fields, the export adds the server's.</summary>
internal static class CsvFormat
{
    public const string ContentType = "text/csv";

    /// <summary>
    /// Reads write bodies from CSV as they arrive (the stream is never read whole). A row that cannot be read comes back
    /// with errors that name its line; a file that cannot be read at all throws <see cref="CsvFileException"/>.
    /// </summary>
    public static IAsyncEnumerable<ImportRow<TWrite>> ReadAsync<TWrite>(Stream csv, CancellationToken cancellationToken)
        where TWrite : RecordWrite, new() =>
        throw new NotImplementedException();

    /// <summary>Writes the header and then each row as it comes, flushing as it goes.</summary>
    public static Task WriteAsync<TWrite>(Stream output, IAsyncEnumerable<ExportRow<TWrite>> rows, CancellationToken cancellationToken)
        where TWrite : RecordWrite =>
        throw new NotImplementedException();
}
