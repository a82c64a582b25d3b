using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Common;

namespace RelationsApi.Api.Tests.Csv;

/// <summary>GET on a list with Accept: text/csv (as in v1.1; the export operation documents it).</summary>
public sealed class CsvExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<HttpResponseMessage> GetCsvAsync(string path, string accept = "text/csv")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await _client.SendAsync(request, Cancel);
    }

    private async Task<int> CreateAsync(string path, object body)
    {
        var response = await _client.PostJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["id"]!;
    }

    [Theory]
    [InlineData("events", "id,externalId,title,summary,category,date,endDate,countryCode,city,venue,participants,sources,version,createdAt,updatedAt")]
    [InlineData("flights", "id,externalId,originAirport,destinationAirport,airlines,weeklyFrequency,durationMinutes,status,validFrom,validTo,sources,version,createdAt,updatedAt")]
    [InlineData("trade-records", "id,externalId,reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd,sources,version,createdAt,updatedAt")]
    [InlineData("agreements", "id,externalId,title,type,status,signedDate,effectiveDate,parties,summary,sources,version,createdAt,updatedAt")]
    public async Task List_AcceptCsv_ReturnsAttachmentWithHeaderRow(string resource, string header)
    {
        var response = await GetCsvAsync($"/api/v1/{resource}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"{resource}.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.False(response.Headers.Contains("Link"));
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.StartsWith(header + "\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/json, text/csv")]
    public async Task List_WithoutCsvPreferred_StaysJson(string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await _client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/csv, */*")]
    [InlineData("application/json;q=0.5, text/csv")]
    public async Task List_CsvPreferred_ReturnsCsv(string accept)
    {
        var response = await GetCsvAsync("/api/v1/events", accept);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_AcceptCsvWithBadQuery_IsProblem400()
    {
        var response = await GetCsvAsync("/api/v1/trade-records?year=abc&sort=colour");

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
    }

    [Fact]
    public async Task List_AcceptCsv_AppliesFiltersAndSortWithoutPaging()
    {
        // 25 records under an HS code prefix of their own: more than a default page, and more than pageSize below.
        for (var i = 0; i < 25; i++)
        {
            await CreateAsync("/api/v1/trade-records", Bodies.TradeRecord(2015, $"9{i:D3}00", valueUsd: 1000 - i));
        }
        await CreateAsync("/api/v1/trade-records", Bodies.TradeRecord(2016, "910000", valueUsd: 5));

        var response = await GetCsvAsync("/api/v1/trade-records?year=2015&hsCode=9&sort=valueUsd&page=2&pageSize=10");
        var rows = await ReadAsync<TradeRecordWrite>(response);

        Assert.Equal(25, rows.Count);
        Assert.All(rows, r => Assert.Equal(2015, r.Year));
        Assert.Equal(rows.Select(r => r.ValueUsd).Order(), rows.Select(r => r.ValueUsd));
        var json = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=2015&hsCode=9&sort=valueUsd&pageSize=100");
        Assert.Equal(json.Items.Select(t => t.Id), rows.Select(r => r.Id!.Value));
    }

    [Fact]
    public async Task Export_ThenRead_GivesBodiesEqualToTheRecords()
    {
        var tricky = new EventWrite
        {
            ExternalId = "-csv-roundtrip",
            Title = "=HYPERLINK(\"http://example.org\"), with \"quotes\"",
            Summary = "Line one\nline two; a | pipe \\ and a backslash",
            Category = Domain.Events.EventCategory.Cultural,
            Date = PartialDate.Parse("2019-07"),
            CountryCode = "KR",
            City = "+Seoul",
            Venue = "'tis the venue",
            Participants = ["Kim; Lee", "A | B", "C:\\path\\", "@handle"],
            Sources = [new SourceWrite { Name = "News | Daily; \"Ed.\"", Url = "https://example.org/a?x=1;y=2", PublishedOn = new DateOnly(2019, 7, 1) }, new SourceWrite { Name = "Name only" }],
        };
        var eventId = await CreateAsync("/api/v1/events", tricky);
        var flightId = await CreateAsync("/api/v1/flights", new FlightWrite
        {
            OriginAirport = "ALA", DestinationAirport = "PUS", WeeklyFrequency = 4, Status = Domain.Flights.FlightStatus.Operating, DurationMinutes = 400,
            ValidFrom = new DateOnly(2024, 3, 31), ValidTo = new DateOnly(2024, 10, 26),
            Airlines = [new AirlineWrite { Code = "KC", Name = "Air Astana" }, new AirlineWrite { Code = "OZ", Name = "Asiana; \"Airlines\" | Co" }],
            Sources = [Bodies.Source],
        });

        var events = await ReadAsync<EventWrite>(await GetCsvAsync("/api/v1/events?externalId=-csv-roundtrip"));
        var flights = await ReadAsync<FlightWrite>(await GetCsvAsync("/api/v1/flights?destinationAirport=PUS"));

        Assert.Equal(Json(await _client.GetJsonAsync<EventWrite>($"/api/v1/events/{eventId}")), Json(Assert.Single(events)));
        Assert.Equal(Json(await _client.GetJsonAsync<FlightWrite>($"/api/v1/flights/{flightId}")), Json(Assert.Single(flights)));
    }

    [Fact]
    public async Task Export_FormulaLookingText_IsPrefixedInTheFile()
    {
        await CreateAsync("/api/v1/agreements", Bodies.Agreement("=cmd|' /C calc'!A0"));

        var text = await (await GetCsvAsync("/api/v1/agreements?q=calc")).Content.ReadAsStringAsync(Cancel);

        Assert.Contains(",'=cmd|' /C calc'!A0,memorandum,signed,2019-04,", text.Split("\r\n")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_ListOperationsDocumentOnlyJson_AndTheExportDocumentsCsv()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json", Cancel))!;

        foreach (var path in new[] { "/api/v1/events", "/api/v1/flights", "/api/v1/trade-records", "/api/v1/agreements" })
        {
            var ok = document["paths"]![path]!["get"]!["responses"]!["200"]!;
            Assert.Equal(["application/json"], ok["content"]!.AsObject().Select(c => c.Key));
            Assert.Null(ok["headers"]?["Content-Disposition"]);
            var export = document["paths"]![path + "/export"]!["get"]!["responses"]!["200"]!;
            Assert.NotNull(export["content"]!["text/csv"]);
            Assert.NotNull(export["headers"]!["Content-Disposition"]);
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, HttpClientExtensions.Json);

    private static async Task<List<TWrite>> ReadAsync<TWrite>(HttpResponseMessage response) where TWrite : RecordWrite, new()
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = new List<TWrite>();
        await foreach (var row in CsvFormat.ReadAsync<TWrite>(await response.Content.ReadAsStreamAsync(Cancel), Cancel))
        {
            Assert.True(row.Errors is null, string.Join("; ", row.Errors?.SelectMany(e => e.Value) ?? []));
            rows.Add(row.Body!);
        }
        return rows;
    }
}
