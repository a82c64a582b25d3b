using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using RelationsApi.Domain.Common;

namespace RelationsApi.Api.Common;

/// <summary>
/// The CSV form of a list: with <c>Accept: text/csv</c>, a list endpoint streams every record its filters match, in its
/// sort order and without paging, straight from the database.
/// </summary>
internal static class CsvExport
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

    /// <summary>The records as a CSV download named <paramref name="resource"/>.csv; they are read as the file is written.</summary>
    public static CsvFile<TWrite> File<TEntity, TWrite>(IQueryable<TEntity> records, Func<TEntity, TWrite> toWrite, string resource)
        where TEntity : Entity
        where TWrite : RecordWrite =>
        new(cancellationToken => Rows(records, toWrite, cancellationToken), $"{resource}.csv");

    /// <summary>Rows read without EF as a CSV download named <paramref name="resource"/>.csv; they too are read as the file is written.</summary>
    public static CsvFile<TWrite> File<TWrite>(Func<CancellationToken, IAsyncEnumerable<ExportRow<TWrite>>> rows, string resource)
        where TWrite : RecordWrite =>
        new(rows, $"{resource}.csv");

    private static async IAsyncEnumerable<ExportRow<TWrite>> Rows<TEntity, TWrite>(
        IQueryable<TEntity> records, Func<TEntity, TWrite> toWrite, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEntity : Entity
        where TWrite : RecordWrite
    {
        // Untracked and streamed: one record in memory at a time, however many match.
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

/// <summary>A CSV download of records (see <see cref="CsvFormat"/>), written as they are read.</summary>
internal sealed class CsvFile<TWrite>(Func<CancellationToken, IAsyncEnumerable<ExportRow<TWrite>>> rows, string fileName)
    : IResult, IEndpointMetadataProvider
    where TWrite : RecordWrite
{
    public string FileName => fileName;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        // The first record is read before the response starts, so that a failing query is still a problem+json 500
        // rather than a file cut short.
        await using var records = rows(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var any = await records.MoveNextAsync();

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = $"{CsvFormat.ContentType}; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // The request timeout bounds the wait for the first record; the download itself then takes as long as the
        // client needs to read it (Kestrel drops a client that stops reading), rather than being cut short.
        httpContext.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        await CsvFormat.WriteAsync(response.Body, Resume(records, any), cancellationToken);
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

    /// <summary>Marks the operation so that the OpenAPI document lists text/csv beside JSON for its 200 response.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => builder.Metadata.Add(CsvExportMetadata.Instance);
}

/// <summary>Endpoint metadata: the operation also answers with CSV (see <see cref="CsvExport"/>).</summary>
internal sealed class CsvExportMetadata
{
    public static readonly CsvExportMetadata Instance = new();
}
