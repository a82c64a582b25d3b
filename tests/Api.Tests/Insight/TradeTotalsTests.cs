using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>
/// The trade totals the database keeps with every write (the statistics read them instead of every record) stay equal
/// to the totals added up from the records themselves, whatever the writes: creates, replacements that move a record to
/// another group, merge patches, deletions and imports (of new records, and over records stored before them or by an earlier import),
/// and creates after imports.
/// </summary>
public sealed class TradeTotalsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task KeptTotals_AfterEveryKindOfWrite_EqualTheTotalsOfTheRecords()
    {
        var reads = api.Services.GetRequiredService<InsightReads>();
        var created = new List<TradeRecordResponse>();
        foreach (var (year, hsCode, value) in new[] { (2001, (string?)null, 10.01m), (2001, "27", 999_999_999_999.99m), (2002, "2709", 5m), (2003, null, 7.5m) })
        {
            var response = await _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(year, hsCode, value));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add(await response.ReadAsync<TradeRecordResponse>());
        }
        var token = Guid.NewGuid().ToString("N");
        var movedLater = Bodies.TradeRecord(2004, "270900", 1.23m);
        movedLater.ExternalId = $"totals-{token}";
        var imported = await _client.PostJsonAsync("/api/v1/trade-records/import", new[] { movedLater, Bodies.TradeRecord(2004, null, 4m) });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        // An import that moves a record of an earlier import to another group, and one stored before any import.
        var moved = Bodies.TradeRecord(2006, "27", 2m);
        moved.ExternalId = movedLater.ExternalId;
        var storedBefore = JsonSerializer.SerializeToNode(Bodies.TradeRecord(2006, "2709", 6m), HttpClientExtensions.Json)!;
        storedBefore["id"] = created[2].Id;
        var reimported = await _client.PostJsonAsync("/api/v1/trade-records/import", new[]
        {
            JsonSerializer.SerializeToNode(moved, HttpClientExtensions.Json), storedBefore, JsonSerializer.SerializeToNode(Bodies.TradeRecord(2006, null, 8m), HttpClientExtensions.Json),
        });
        Assert.Equal(HttpStatusCode.OK, reimported.StatusCode);
        var importedRecord = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={movedLater.ExternalId}");
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/api/v1/trade-records/{Assert.Single(importedRecord.Items).Id}", """{"year": 2007}""")).StatusCode);

        // Into another year and another code length, a new value only, then gone.
        Assert.Equal(HttpStatusCode.OK, (await _client.PutJsonAsync($"/api/v1/trade-records/{created[0].Id}", Bodies.TradeRecord(2005, "2710", 3m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/api/v1/trade-records/{created[1].Id}", """{"valueUsd": 0.01}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"/api/v1/trade-records/{created[2].Id}", """{"month": 4, "hsCode": null}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/trade-records/{created[3].Id}", ifMatch: null)).StatusCode);

        // A record created after the committed imports above and after one refused as a whole is added up as it is created.
        var refused = await _client.PostJsonAsync("/api/v1/trade-records/import", new[] { Bodies.TradeRecord(2009, "84", 1m), Bodies.TradeRecord(1000) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2008, "84", 9m))).StatusCode);

        var kept = await reads.ReadKeptTotalsAsync(Cancel);
        var counted = await reads.ReadTotalsAsync(new TradeRecordFilter(), Cancel);

        Assert.Equal(Ordered(counted), Ordered(kept));
        Assert.DoesNotContain(kept, t => t.Year == 2003);   // its last record deleted: the group is gone, not zero
        Assert.Contains(kept, t => t.Year == 2006 && t.Month == 4 && t.HsCodeLength is null);   // moved by the second import, then patched
        Assert.Contains(kept, t => t.Year == 2007 && t.HsCodeLength == 2);   // imported, moved by an import, then patched
        Assert.DoesNotContain(kept, t => t.Year == 2004 && t.HsCodeLength == 6);
        Assert.Contains(kept, t => t.Year == 2008 && t.HsCodeLength == 2);   // created after the imports
        Assert.DoesNotContain(kept, t => t.Year == 2009 && t.HsCodeLength == 2);   // in the refused import only
    }

    private static List<TradeTotal> Ordered(IEnumerable<TradeTotal> totals) =>
        [.. totals.OrderBy(t => (t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month ?? 0, t.HsCodeLength ?? 0))];
}
