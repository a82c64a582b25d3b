using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;

namespace RelationsApi.Api.Tests.Support;

/// <summary>Files as a partner sends them: uploads in a multipart/form-data body, and workbooks made with MiniExcel.</summary>
public static class ExchangeFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>POSTs <paramref name="content"/> to the resource's import as a browser's file chooser does: one part named <paramref name="partName"/>.</summary>
    public static Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, string resource, byte[] content, string fileName, string? contentType, string query = "", string partName = "file")
    {
        var file = new ByteArrayContent(content);
        if (contentType is not null)
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        var form = new MultipartFormDataContent { { file, partName, fileName } };
        return client.PostAsync($"/api/v1/{resource}/import{query}", form, Cancel);
    }

    public static Task<HttpResponseMessage> UploadCsvAsync(this HttpClient client, string resource, string csv, string query = "") =>
        client.UploadAsync(resource, Encoding.UTF8.GetBytes(csv), $"{resource}.csv", "text/csv", query);

    public static Task<HttpResponseMessage> UploadXlsxAsync(this HttpClient client, string resource, byte[] workbook, string query = "") =>
        client.UploadAsync(resource, workbook, $"{resource}.xlsx", XlsxType, query);

    /// <summary>A workbook of one worksheet whose rows are <paramref name="rows"/>, the first being the header; values keep their types (numbers, dates).</summary>
    public static byte[] Workbook(params object?[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var sheet = rows.Select(r => Enumerable.Range(0, width).ToDictionary(i => $"c{i}", i => i < r.Length ? r[i] : null)).ToList();
        using var output = new MemoryStream();
        output.SaveAs(sheet, printHeader: false, excelType: ExcelType.XLSX);
        return output.ToArray();
    }

    /// <summary>A CSV file turned into a workbook with MiniExcel, every cell text, as a spreadsheet that opened it and saved it as XLSX would hold it.</summary>
    public static byte[] WorkbookOfCsv(string csv)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var rows = input.Query(useHeaderRow: false, excelType: ExcelType.CSV)
            .Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.Select(v => (object?)(v?.ToString() is { Length: > 0 } text ? text : null)).ToArray())
            .ToArray();
        return Workbook(rows);
    }

    /// <summary>The rows of the first worksheet of a workbook, each cell as MiniExcel reads it (text, double, DateTime or null).</summary>
    public static List<object?[]> ReadWorkbook(byte[] workbook)
    {
        using var input = new MemoryStream(workbook);
        return input.Query(useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.ToArray())
            .ToList();
    }
}
