using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace RelationsApi.Api.Common;

/// <summary>The file formats an export and an import template are written in.</summary>
public enum ExportFormat
{
    /// <summary>CSV (text/csv, UTF-8, comma-separated), as the import reads it.</summary>
    Csv,

    /// <summary>An XLSX workbook: the first worksheet, row 1 the header, one record a row.</summary>
    Xlsx,
}

/// <summary>Which file format to write.</summary>
public sealed class ExportQuery
{
    /// <summary>csv (default) or xlsx.</summary>
    /// <remarks>Bound as text, so that any letter case is read (the framework's enum binding is case-sensitive); documented as the enum.</remarks>
    [FromQuery(Name = "format")]
    public string? Format { get; init; }

    /// <summary>The format, CSV when none is given; only for a query its validator accepted.</summary>
    internal ExportFormat FormatOrDefault => EnumText<ExportFormat>.ParseOr(Format, ExportFormat.Csv);
}

internal sealed class ExportQueryValidator : AbstractValidator<ExportQuery>
{
    public ExportQueryValidator() =>
        RuleFor(q => q.Format).OneOf<ExportQuery, ExportFormat>();
}

/// <summary>
/// Records as a file: the export operation (every record a list's filters match, in its sort order, without paging,
/// as CSV or XLSX), the list with <c>Accept: text/csv</c> (CSV, as in v1.1), and the import template.
/// </summary>
internal static class RecordExport
{
    /// <summary>
    /// Whether the request prefers CSV to JSON: text/csv (or text/*) with a higher quality than application/json, or
    /// the same quality and named more precisely ("text/csv, */*"). No Accept, */* and application/json get JSON.
    /// Marks the response as varying by Accept either way, so caches keep the two apart.
    /// </summary>
    public static bool WantsCsv(HttpContext http)
    {
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        var accept = http.Request.GetTypedHeaders().Accept;
        var csv = Preference(accept, "text", "csv");
        var json = Preference(accept, "application", "json");
        return csv.Quality > 0 && (csv.Quality > json.Quality || (csv.Quality == json.Quality && csv.Specificity > json.Specificity));
    }

    /// <summary>The records as export rows, read as the file is written: untracked and streamed, one record in memory at a time.</summary>
    public static Func<CancellationToken, IAsyncEnumerable<ExportRow<TWrite>>> Rows<TEntity, TWrite>(IQueryable<TEntity> records, Func<TEntity, TWrite> toWrite)
        where TEntity : Entity
        where TWrite : RecordWrite =>
        cancellationToken => Read(records, toWrite, cancellationToken);

    /// <summary>The rows as a download named <paramref name="resource"/>.csv or .xlsx, in the export columns.</summary>
    public static ExportFile<TWrite> File<TWrite>(ExportFormat format, Func<CancellationToken, IAsyncEnumerable<ExportRow<TWrite>>> rows, string resource)
        where TWrite : RecordWrite =>
        new(format, CsvSchema<TWrite>.Columns, rows, $"{resource}.{Extension(format)}", resource);

    /// <summary>
    /// The import template of a resource: the write columns (no server fields) and the example row, as a download named
    /// <paramref name="resource"/>-template.csv or .xlsx.
    /// </summary>
    public static ExportFile<TWrite> Template<TWrite>(ExportFormat format, TWrite example, string resource)
        where TWrite : RecordWrite =>
        new(format, CsvSchema<TWrite>.WriteColumns, _ => new[] { new ExportRow<TWrite>(example, 0, 0, default, default) }.ToAsyncEnumerable(),
            $"{resource}-template.{Extension(format)}", resource);

    private static string Extension(ExportFormat format) => format == ExportFormat.Xlsx ? "xlsx" : "csv";

    private static async IAsyncEnumerable<ExportRow<TWrite>> Read<TEntity, TWrite>(
        IQueryable<TEntity> records, Func<TEntity, TWrite> toWrite, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEntity : Entity
        where TWrite : RecordWrite
    {
        await foreach (var record in records.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new ExportRow<TWrite>(toWrite(record), record.Id, record.Version, record.CreatedAt, record.UpdatedAt);
        }
    }

    /// <summary>The quality of the most specific Accept entry that covers type/subtype, and how specific it is (2 exact, 1 type/*, 0 */*).</summary>
    private static (double Quality, int Specificity) Preference(IList<MediaTypeHeaderValue> accept, string type, string subtype)
    {
        (double Quality, int Specificity) best = (0, -1);
        foreach (var entry in accept)
        {
            var specificity = entry.MatchesAllTypes ? 0
                : !entry.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? -1
                : entry.MatchesAllSubTypes ? 1
                : entry.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
            if (specificity > best.Specificity)
            {
                best = (entry.Quality ?? 1, specificity);
            }
        }
        return best;
    }
}

/// <summary>
/// A download of records as CSV (see <see cref="CsvFormat"/>) or XLSX (see <see cref="XlsxFormat"/>), written as they
/// are read. CSV goes straight to the client; a workbook is a zip, written to a temporary file first and then sent.
/// </summary>
internal sealed class ExportFile<TWrite>(
    ExportFormat format, IReadOnlyList<CsvColumn<TWrite>> columns, Func<CancellationToken, IAsyncEnumerable<ExportRow<TWrite>>> rows, string fileName, string sheetName)
    : IResult
    where TWrite : RecordWrite
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        // The first record is read before the response starts, so that a failing query is still a problem+json 500
        // rather than a file cut short.
        await using var records = rows(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var any = await records.MoveNextAsync();
        // The request timeout bounds the wait for the first record; the download itself then takes as long as the
        // client needs to read it (Kestrel drops a client that stops reading), rather than being cut short.
        httpContext.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();

        var response = httpContext.Response;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        if (format == ExportFormat.Csv)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = $"{CsvFormat.ContentType}; charset=utf-8";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await CsvFormat.WriteAsync(response.Body, columns, Resume(records, any), cancellationToken);
            return;
        }

        await using var workbook = TemporaryFile.Create();
        await XlsxFormat.WriteAsync(workbook, sheetName, columns, Resume(records, any), cancellationToken);
        workbook.Position = 0;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = XlsxFormat.ContentType;
        response.ContentLength = workbook.Length;
        await workbook.CopyToAsync(response.Body, cancellationToken);
    }

    private static async IAsyncEnumerable<ExportRow<TWrite>> Resume(IAsyncEnumerator<ExportRow<TWrite>> records, bool any)
    {
        if (!any)
        {
            yield break;
        }
        do
        {
            yield return records.Current;
        }
        while (await records.MoveNextAsync());
    }
}

/// <summary>Endpoint metadata: the operation answers with an export file (see <see cref="ExportFile{TWrite}"/>), as CSV or XLSX.</summary>
/// <param name="Template">True for the import template, false for the export of records.</param>
internal sealed record ExportMetadata(bool Template);

/// <summary>A temporary file, deleted when it is closed: where a workbook is spooled, since a zip needs seeking.</summary>
internal static class TemporaryFile
{
    public static FileStream Create() =>
        new(Path.Combine(Path.GetTempPath(), $"relations-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
