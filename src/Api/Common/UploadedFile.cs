using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace RelationsApi.Api.Common;

/// <summary>
/// The part named <c>file</c> of a multipart/form-data import, as a browser's file chooser sends it: a CSV file, read
/// as it streams out of the body, or an XLSX workbook, copied to a temporary file first (a zip is read from its end).
/// The body has already arrived whole (see <see cref="Hardening.UseWholeWriteBodies"/>); the parts are read from it
/// with the framework's <see cref="MultipartReader"/>, not bound as a form, so no form or antiforgery rules apply.
/// </summary>
internal sealed class UploadedFile : IAsyncDisposable
{
    public const string ContentType = "multipart/form-data";

    /// <summary>The name of the part that holds the file.</summary>
    public const string PartName = "file";

    private static readonly string[] CsvExtensions = [".csv", ".tsv", ".txt"];

    private readonly Stream _content;

    private UploadedFile(ExportFormat format, Stream content)
    {
        Format = format;
        _content = content;
    }

    public ExportFormat Format { get; }

    /// <summary>The file's rows, read as its format says.</summary>
    public IAsyncEnumerable<ImportRow<TWrite>> Rows<TWrite>(CancellationToken cancellationToken) where TWrite : RecordWrite, new() =>
        Format == ExportFormat.Xlsx ? XlsxFormat.Read<TWrite>(_content).ToAsyncEnumerable() : CsvFormat.ReadAsync<TWrite>(_content, cancellationToken);

    /// <summary>
    /// Finds the part named file in a multipart/form-data body and tells its format: from its Content-Type when that
    /// is text/csv or the XLSX type, else from its file name's extension. A problem instead when the body cannot be read
    /// or has no such part (400), or when the file is neither CSV nor XLSX (415).
    /// </summary>
    public static async Task<(UploadedFile? File, ProblemHttpResult? Problem)> FindAsync(
        HttpRequest request, MediaTypeHeaderValue contentType, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            return (null, Problems.Malformed("A multipart/form-data body needs a boundary parameter in its Content-Type; nothing was written."));
        }
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, PartName, StringComparison.Ordinal))
                {
                    continue;
                }
                if (FormatOf(section.ContentType, disposition) is not { } format)
                {
                    return (null, Problems.UnsupportedContentType(
                        $"The file must be CSV (Content-Type {CsvFormat.ContentType}, or a name ending .csv, .tsv or .txt) "
                        + $"or XLSX (Content-Type {XlsxFormat.ContentType}, or a name ending .xlsx); nothing was written."));
                }
                if (format == ExportFormat.Csv)
                {
                    return (new UploadedFile(format, section.Body), null);
                }
                var workbook = TemporaryFile.Create();
                try
                {
                    await section.Body.CopyToAsync(workbook, cancellationToken);
                }
                catch
                {
                    await workbook.DisposeAsync();
                    throw;
                }
                workbook.Position = 0;
                return (new UploadedFile(format, workbook), null);
            }
        }
        catch (Exception failure) when (IsMalformed(failure) || failure is ArgumentException)   // a boundary longer than the reader takes
        {
            return (null, Unreadable());
        }
        return (null, Problems.Malformed($"A multipart/form-data import needs a part named '{PartName}' holding a CSV or XLSX file; nothing was written."));
    }

    /// <summary>How the framework's multipart reader says the body is not well-formed multipart (no closing boundary, overlong headers, ...).</summary>
    public static bool IsMalformed(Exception failure) => failure is IOException or InvalidDataException;

    public static ProblemHttpResult Unreadable() =>
        Problems.Malformed("The multipart/form-data body could not be read: each part must start with the boundary of the Content-Type, "
            + "and the last part must end with it followed by \"--\". Nothing was written.");

    private static ExportFormat? FormatOf(string? partContentType, ContentDispositionHeaderValue disposition)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(partContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (string.Equals(mediaType, CsvFormat.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return ExportFormat.Csv;
        }
        if (string.Equals(mediaType, XlsxFormat.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return ExportFormat.Xlsx;
        }
        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        var extension = Path.GetExtension(fileName ?? "");
        return CsvExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) ? ExportFormat.Csv
            : string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Xlsx
            : null;
    }

    public ValueTask DisposeAsync() => Format == ExportFormat.Xlsx ? _content.DisposeAsync() : ValueTask.CompletedTask;
}
