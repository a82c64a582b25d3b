using System.Globalization;
using System.Runtime.CompilerServices;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace RelationsApi.Api.Common;

/// <summary>
/// The XLSX form of every resource, in the layout of its CSV (see <see cref="CsvFormat"/>): the first worksheet, row 1
/// the header with the CSV column names, one record a row. Cells are read through the same column rules as CSV cells
/// (<see cref="CsvCell"/>), so a typed number or date cell is turned into its canonical text first, and the rules and
/// their messages are one; messages name the spreadsheet row. Read and written with MiniExcel, row by row.
/// </summary>
/// <remarks>
/// Text is written as it is: a workbook's text cell is never run as a formula, so no apostrophe guards it (as in CSV),
/// and none is removed on reading. Whole numbers and amounts that a spreadsheet holds exactly are written as number cells.
/// </remarks>
internal static class XlsxFormat
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Reads write bodies from the first worksheet of <paramref name="workbook"/> (a seekable stream: a zip is read from
    /// its end). A row that cannot be read comes back with errors that name its row; a workbook that cannot be read at
    /// all throws <see cref="ImportFileException"/>. Rows with no value at all are skipped, as spreadsheets leave them.
    /// </summary>
    public static IEnumerable<ImportRow<TWrite>> Read<TWrite>(Stream workbook)
        where TWrite : RecordWrite, new()
    {
        using var sheet = Open(workbook);
        if (!Next(sheet))
        {
            throw new ImportFileException($"The first worksheet is empty. Its row 1 must be a header naming the columns, any of: {CsvSchema<TWrite>.NameList}.");
        }
        var (letters, columns) = Resolve<TWrite>(sheet.Current);
        var texts = new string[columns.Length];
        var rowNumber = 1;
        var index = -1;
        while (Next(sheet))
        {
            rowNumber++;
            var cells = sheet.Current;
            if (cells.Values.All(value => Text(value).Length == 0))
            {
                continue;
            }
            index++;
            var errors = new CsvRowErrors(rowNumber, "row");
            for (var i = 0; i < columns.Length; i++)
            {
                texts[i] = cells.TryGetValue(letters[i], out var value) ? Text(value) : "";
                if (columns[i] is null && texts[i].Length > 0)
                {
                    errors.Add("", $"column {letters[i]} has a value but no header.");
                }
            }
            foreach (var (letter, value) in cells)
            {
                if (!letters.Contains(letter) && Text(value).Length > 0)
                {
                    errors.Add("", $"column {letter} has a value but no header.");
                }
            }
            yield return CsvFormat.ReadRow(columns, i => texts[i], index, errors, unprotect: false, decimalComma: false);
        }
    }

    /// <summary>Writes a workbook of one worksheet: the header of <paramref name="columns"/>, then each row as it comes.</summary>
    public static async Task WriteAsync<TWrite>(
        Stream output, string sheetName, IReadOnlyList<CsvColumn<TWrite>> columns, IAsyncEnumerable<ExportRow<TWrite>> rows, CancellationToken cancellationToken)
        where TWrite : RecordWrite
    {
        // The header goes in as the first row, so that a workbook with no records still names its columns.
        var configuration = new OpenXmlConfiguration { FastMode = false, EnableAutoWidth = false, AutoFilter = false };
        await output.SaveAsAsync(Sheet(columns, rows, cancellationToken), printHeader: false, sheetName: sheetName, excelType: ExcelType.XLSX,
            configuration: configuration, cancellationToken: cancellationToken);
    }

    private static async IAsyncEnumerable<IDictionary<string, object?>> Sheet<TWrite>(
        IReadOnlyList<CsvColumn<TWrite>> columns, IAsyncEnumerable<ExportRow<TWrite>> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TWrite : RecordWrite
    {
        yield return columns.ToDictionary(c => c.Name, c => (object?)c.Name);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return columns.ToDictionary(c => c.Name, c => Value(c, row));
        }
    }

    /// <summary>A cell's value: a number where the spreadsheet holds it exactly, else the CSV cell's text (null for an empty cell).</summary>
    private static object? Value<TWrite>(CsvColumn<TWrite> column, ExportRow<TWrite> row) where TWrite : RecordWrite =>
        column.ExportValue(row) switch
        {
            null => null,
            int number => number,
            decimal amount when (decimal)(double)amount == amount => amount,   // a spreadsheet keeps 15 significant digits
            var value => column.Cell.Write(value),
        };

    private static IEnumerator<IDictionary<string, object?>> Open(Stream workbook)
    {
        try
        {
            var configuration = new OpenXmlConfiguration { FillMergedCells = false, IgnoreEmptyRows = false };
            return workbook.Query(useHeaderRow: false, excelType: ExcelType.XLSX, configuration: configuration)
                .Cast<IDictionary<string, object?>>()
                .GetEnumerator();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw NotAWorkbook();
        }
    }

    /// <summary>The next row; any failure of the reader is a file that cannot be read (not a zip, no worksheet, broken XML, ...).</summary>
    private static bool Next(IEnumerator<IDictionary<string, object?>> sheet)
    {
        try
        {
            return sheet.MoveNext();
        }
        catch (Exception failure) when (failure is not (OperationCanceledException or ImportFileException))
        {
            throw NotAWorkbook();
        }
    }

    private static ImportFileException NotAWorkbook() =>
        new("The file is not an XLSX workbook that can be read (an Excel 2007 or later .xlsx file with at least one worksheet).");

    /// <summary>The column letter and the column of each header cell (null where the header cell is empty); throws when a name is unknown or repeated.</summary>
    private static (string[] Letters, CsvColumn<TWrite>?[] Columns) Resolve<TWrite>(IDictionary<string, object?> header) where TWrite : RecordWrite
    {
        var letters = header.Keys.ToArray();
        var columns = new CsvColumn<TWrite>?[letters.Length];
        for (var i = 0; i < letters.Length; i++)
        {
            var name = Text(header[letters[i]]);
            if (name.Trim().Length == 0)
            {
                continue;
            }
            var column = CsvSchema<TWrite>.Find(name) ?? throw new ImportFileException(
                $"Row 1: column {letters[i]} of the header, '{name}', is not a field. The columns are (in any order and letter case): {CsvSchema<TWrite>.NameList}.");
            var first = Array.IndexOf(columns, column);
            if (first >= 0)
            {
                throw new ImportFileException($"Row 1: the header names '{column.Name}' twice (columns {letters[first]} and {letters[i]}).");
            }
            columns[i] = column;
        }
        if (columns.All(c => c is null))
        {
            throw new ImportFileException($"Row 1 of the first worksheet is empty. It must be a header naming the columns, any of: {CsvSchema<TWrite>.NameList}.");
        }
        return (letters, columns);
    }

    /// <summary>
    /// A cell's value as the text a CSV cell would hold: numbers in invariant notation without exponent where a decimal
    /// can hold them, a date cell as YYYY-MM-DD (with its time, as UTC, when it has one), booleans as true and false.
    /// </summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        double number => Math.Abs(number) < 1e28
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture),
        DateTime date => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
