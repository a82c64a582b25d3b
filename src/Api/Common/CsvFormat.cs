using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace RelationsApi.Api.Common;

/// <summary>One data row of an import body: where it is, and the write body read from it or why it could not be read.</summary>
/// <param name="Index">The 0-based data row (the header is not a data row).</param>
/// <param name="Line">The 1-based line of the CSV file, or row of the spreadsheet, the row starts on; null for JSON.</param>
/// <param name="Body">The write body; when <paramref name="Errors"/> says some fields could not be read, the fields that could (null when none could be).</param>
/// <param name="Errors">Field path within the row ("year", "sources[0].url") → messages; null when the row was read.</param>
/// <param name="LineName">What messages call <paramref name="Line"/>: "line" in a CSV file, "row" in a spreadsheet.</param>
public sealed record ImportRow<TWrite>(int Index, int? Line, TWrite? Body, IDictionary<string, string[]>? Errors, string LineName = "line")
    where TWrite : RecordWrite;

/// <summary>A record as one export row: its write body plus the fields the server manages.</summary>
public sealed record ExportRow<TWrite>(TWrite Body, int Id, int Version, DateTime CreatedAt, DateTime UpdatedAt)
    where TWrite : RecordWrite;

/// <summary>An import file (CSV or XLSX) that cannot be read at all (its header names an unknown field, a column twice, ...).</summary>
internal sealed class ImportFileException(string message) : Exception(message);

/// <summary>
/// The CSV form of every resource: the import columns are the write body's fields, the export adds the server's.
/// The columns and how each value is written come from <see cref="CsvSchema{TWrite}"/>, for both directions.
/// </summary>
/// <remarks>
/// RFC 4180, UTF-8 (a byte order mark is accepted on input, none is written), CRLF line ends. Written with a comma; read
/// as spreadsheets write it: the separator (',', ';' or tab) is the one the header line uses most, and with ';' a
/// decimal comma ("1234,50") is a decimal point. An empty cell is an absent field, quoted ("") or not. Lists are joined with ';', an
/// item's fields with '|', and inside a list cell '\', ';' and '|' are escaped with a backslash. Text cells that a
/// spreadsheet would run as a formula get a leading apostrophe, which reading removes again (<see cref="CsvText"/>).
/// </remarks>
internal static class CsvFormat
{
    public const string ContentType = "text/csv";

    /// <summary>The longest record read (1 MiB): a quote that is never closed must not make the reader buffer the whole upload.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>
    /// Reads write bodies from CSV as they arrive (the stream is never read whole). A row that cannot be read comes back
    /// with errors that name its line; a file that cannot be read at all throws <see cref="ImportFileException"/>.
    /// </summary>
    public static async IAsyncEnumerable<ImportRow<TWrite>> ReadAsync<TWrite>(
        Stream csv, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TWrite : RecordWrite, new()
    {
        CsvMalformedReason? malformed = null;
        var separator = await SeparatorAsync(csv, cancellationToken);
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,
            DetectSeparatorHint = false,
            OnMalformedRecord = record => malformed ??= record.Reason,
        };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);

        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException)
        {
            throw new ImportFileException($"Line 1: the header is longer than {MaxRecordBytes / 1024} KiB; a quote in it is probably never closed.");
        }
        if (malformed is not null)
        {
            throw new ImportFileException("Line 1: the header has a misplaced or unclosed quote. " + QuoteRule);
        }
        var columns = Resolve<TWrite>(reader.Headers);

        var index = -1;
        while (true)
        {
            bool more;
            ImportRow<TWrite>? tooLong = null;
            try
            {
                more = await reader.ReadAsync(cancellationToken);
            }
            catch (CsvFormatException e)
            {
                // Only the record size limit throws with these options: report it on the row and stop.
                var line = (int)e.LineNumber;
                var errors = new CsvRowErrors(line);
                errors.Add("", $"the row is longer than {MaxRecordBytes / 1024} KiB; a quote in it is probably never closed, so nothing after it can be read.");
                tooLong = new ImportRow<TWrite>(index + 1, line, null, errors.ToDictionary());
                more = false;
            }
            if (tooLong is not null)
            {
                yield return tooLong;
            }
            if (!more)
            {
                yield break;
            }

            index++;
            var row = new CsvRowErrors((int)reader.LineNumber);
            var reason = malformed;
            malformed = null;
            if (reason == CsvMalformedReason.UnterminatedQuote)
            {
                row.Add("", "a quoted value is never closed, so it runs to the end of the file and nothing after it can be read. " + QuoteRule);
                yield return Failed<TWrite>(index, row);
                yield break;
            }
            if (reason is not null)
            {
                row.Add("", "a quote is misplaced (inside an unquoted value, or followed by text after the closing quote). " + QuoteRule);
                yield return Failed<TWrite>(index, row);
                continue;
            }
            if (reader.FieldCount != columns.Length)
            {
                row.Add("", string.Create(CultureInfo.InvariantCulture,
                    $"the row has {reader.FieldCount} values but the header has {columns.Length} columns."));
                yield return Failed<TWrite>(index, row);
                continue;
            }
            yield return ReadRow(columns, reader.GetString, index, row, unprotect: true, decimalComma: separator == ';');
        }
    }

    private const string QuoteRule = "A value with the separator, a quote or a line break must be enclosed in quotes, with each quote inside it doubled (\"\").";

    /// <summary>Writes the header of <paramref name="columns"/> and then each row as it comes, flushing as it goes.</summary>
    public static async Task WriteAsync<TWrite>(
        Stream output, IReadOnlyList<CsvColumn<TWrite>> columns, IAsyncEnumerable<ExportRow<TWrite>> rows, CancellationToken cancellationToken)
        where TWrite : RecordWrite
    {
        var options = new CsvWriterOptions { Separator = ',', Injection = CsvInjection.None };   // formulas: CsvText.Protect
        await using var writer = CsvWriter.Create(output, options, leaveOpen: true);
        foreach (var column in columns)
        {
            writer.WriteField(column.Name);
        }
        await writer.EndRecordAsync(cancellationToken);

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var column in columns)
            {
                var cell = column.Cell.Write(column.ExportValue(row));
                if (cell is null)
                {
                    writer.WriteField((string?)null);
                }
                else
                {
                    writer.WriteField(column.Cell.IsText ? CsvText.Protect(cell) : cell);
                }
            }
            await writer.EndRecordAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The longest header line looked at for its separator.</summary>
    private const int HeaderProbeBytes = 64 * 1024;

    /// <summary>
    /// The separator the header line uses most among ',', ';' and tab (a comma when none, or when the body cannot be
    /// read twice); the stream is put back where it was. The header alone decides: data rows hold ';' and '|' inside
    /// their list cells.
    /// </summary>
    private static async Task<char> SeparatorAsync(Stream csv, CancellationToken cancellationToken)
    {
        if (!csv.CanSeek)
        {
            return ',';
        }
        var start = csv.Position;
        var buffer = new byte[HeaderProbeBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await csv.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        csv.Position = start;
        var header = buffer.AsSpan(0, length);
        var end = header.IndexOf((byte)'\n');
        header = end >= 0 ? header[..end] : header;
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var b in header)
        {
            switch (b)
            {
                case (byte)'"': quoted = !quoted; break;
                case (byte)',' when !quoted: commas++; break;
                case (byte)';' when !quoted: semicolons++; break;
                case (byte)'\t' when !quoted: tabs++; break;
            }
        }
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    /// <summary>The column of each header position; throws when a name is unknown or repeated.</summary>
    private static CsvColumn<TWrite>[] Resolve<TWrite>(IReadOnlyList<string> headers) where TWrite : RecordWrite
    {
        if (headers.Count == 0)
        {
            throw new ImportFileException($"The file is empty. Its first line must be a header naming the columns, any of: {CsvSchema<TWrite>.NameList}.");
        }
        var columns = new CsvColumn<TWrite>[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var column = CsvSchema<TWrite>.Find(headers[i]) ?? throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"Line 1: column {i + 1} of the header, '{headers[i]}', is not a field. The columns are (in any order and letter case): {CsvSchema<TWrite>.NameList}."));
            var first = Array.IndexOf(columns, column);
            if (first >= 0)
            {
                throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                    $"Line 1: the header names '{column.Name}' twice (columns {first + 1} and {i + 1})."));
            }
            columns[i] = column;
        }
        return columns;
    }

    /// <summary>
    /// Reads one row's cells into a write body through the columns' cell rules, CSV's and a spreadsheet's alike: an
    /// empty cell is an absent field, and a cell that does not convert is an error naming the row.
    /// </summary>
    /// <param name="columns">The column of each cell position; null for a position that is no field's.</param>
    /// <param name="cell">The text of the cell at a position.</param>
    /// <param name="index">The 0-based data row.</param>
    /// <param name="errors">Where the row's errors go; they name its line or row.</param>
    /// <param name="unprotect">Whether text cells may carry the formula guard of <see cref="CsvText.Protect"/> (CSV only).</param>
    /// <param name="decimalComma">Whether "1234,50" is read as 1234.50 (a ';'-separated file).</param>
    internal static ImportRow<TWrite> ReadRow<TWrite>(
        IReadOnlyList<CsvColumn<TWrite>?> columns, Func<int, string> cell, int index, CsvRowErrors errors, bool unprotect, bool decimalComma)
        where TWrite : RecordWrite, new()
    {
        var body = new TWrite();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] is not { } column)
            {
                continue;
            }
            var text = cell(i);
            if (text.Length == 0)
            {
                continue;   // an empty cell is an absent field, quoted ("") or not, as spreadsheets write both
            }
            if (column.Cell.IsText && unprotect)
            {
                text = CsvText.Unprotect(text);
            }
            else if (decimalComma && column.IsDecimal && text.Count(c => c == ',') == 1 && !text.Contains('.'))
            {
                text = text.Replace(',', '.');   // a Russian- or Kazakh-locale spreadsheet's "1234,50"
            }
            if (column.Cell.TryRead(text, column.Name, errors, out var value))
            {
                column.Property.SetValue(body, value);
            }
        }
        // A row with errors keeps the fields that did read, so that the rules can report on them in the same answer.
        return new ImportRow<TWrite>(index, errors.Line, body, errors.Any ? errors.ToDictionary() : null, errors.LineName);
    }

    private static ImportRow<TWrite> Failed<TWrite>(int index, CsvRowErrors errors) where TWrite : RecordWrite =>
        new(index, errors.Line, default, errors.ToDictionary());
}
