// The ceiling for a JSON API on this machine: Kestrel and System.Text.Json serialising one fixed page shaped like
// the API's trade record list, with no routing groups, filters, validation, database or middleware besides routing.
// The same host defaults as the API (CreateBuilder); only what the API adds on top is missing.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
var page = ReferencePage.Build();
app.MapGet("/page", () => TypedResults.Ok(page));   // the default web JSON options: camelCase
app.Run();

internal sealed record SourceItem(string Name, string? Url, DateOnly? PublishedOn);

internal sealed record TradeRecordItem(
    int Id,
    string ReporterCountry,
    string PartnerCountry,
    string Flow,
    int Year,
    int? Month,
    string? HsCode,
    string? Commodity,
    decimal ValueUsd,
    IReadOnlyList<SourceItem> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

internal sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

internal static class ReferencePage
{
    /// <summary>Twenty rows like the ones the data generator writes; built once, serialised on every request.</summary>
    public static ListPage<TradeRecordItem> Build()
    {
        var random = new Random(20261202);
        var stamp = new DateTime(2026, 12, 2, 7, 32, 16, 82, DateTimeKind.Utc).AddTicks(7781);
        var source = new SourceItem("Synthetic benchmark data: customs statistics of Kazakhstan", null, new DateOnly(2024, 3, 15));
        var items = Enumerable.Range(0, 20).Select(i => new TradeRecordItem(
            Id: 500_000 + i,
            ReporterCountry: i % 2 == 0 ? "KZ" : "KR",
            PartnerCountry: i % 2 == 0 ? "KR" : "KZ",
            Flow: (i % 3) switch { 0 => "export", 1 => "import", _ => "turnover" },
            Year: 2019,
            Month: i % 13 == 0 ? null : i % 13,
            HsCode: random.Next(10_000, 990_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            Commodity: i % 4 == 0 ? "Machinery and mechanical appliances" : null,
            ValueUsd: random.Next(100_000, 900_000_000) * 0.01m,   // scale 2, as the API writes money
            Sources: [source],
            CreatedAt: stamp,
            UpdatedAt: stamp,
            Version: 1)).ToList();
        return new ListPage<TradeRecordItem>(items, 1, 20, 1_000_000);
    }
}
