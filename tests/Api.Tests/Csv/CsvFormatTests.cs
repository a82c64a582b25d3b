using System.Text;
using System.Text.Json;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Csv;

/// <summary>The CSV format itself: what ReadAsync makes of a file, and what WriteAsync writes.</summary>
public sealed class CsvFormatTests
{
    private const string TradeHeader = "reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd,sources";

    [Fact]
    public async Task Read_ValidRows_GivesBodiesWithIndexAndLine()
    {
        var rows = await ReadAsync<TradeRecordWrite>(
            TradeHeader + "\r\n"
            + "KZ,KR,turnover,2022,,,,6530000000.00,Embassy news|https://example.org/a|2023-11-02\r\n"
            + "KR,KZ,export,2021,3,2709,\"Crude oil, refined\",12.5,\r\n");

        Assert.Equal([0, 1], rows.Select(r => r.Index));
        Assert.Equal([2, 3], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Errors));
        var first = rows[0].Body!;
        Assert.Equal(("KZ", "KR", TradeFlow.Turnover, 2022, (int?)null, (string?)null), (first.ReporterCountry, first.PartnerCountry, first.Flow!.Value, first.Year!.Value, first.Month, first.HsCode));
        Assert.Equal(6530000000.00m, first.ValueUsd);
        var source = Assert.Single(first.Sources!);
        Assert.Equal(("Embassy news", "https://example.org/a", new DateOnly(2023, 11, 2)), (source.Name, source.Url, source.PublishedOn));
        Assert.Equal("Crude oil, refined", rows[1].Body!.Commodity);
        Assert.Null(rows[1].Body!.Sources);
    }

    [Fact]
    public async Task Read_Utf8ByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("title,category,date,countryCode\r\nДень Республики,diplomatic,2023-10-25,KR\r\n")).ToArray();

        var rows = await ReadAsync<EventWrite>(bytes);

        var body = Assert.Single(rows).Body!;
        Assert.Equal("День Республики", body.Title);
        Assert.Equal(EventCategory.Diplomatic, body.Category);
    }

    [Fact]
    public async Task Read_HeaderNames_MatchInAnyLetterCaseAndOrder()
    {
        var rows = await ReadAsync<EventWrite>("COUNTRYCODE, Title ,date\nKZ,Independence,1991-12-16\n");

        var body = Assert.Single(rows).Body!;
        Assert.Equal(("KZ", "Independence", "1991-12-16"), (body.CountryCode, body.Title, body.Date.ToString()));
    }

    [Fact]
    public async Task Read_UnclosedQuote_ReportsItsLineAndStops()
    {
        var rows = await ReadAsync<EventWrite>(
            "title,category,date,countryCode\n"
            + "Fine,cultural,2024,KZ\n"
            + "\"Broken,cultural,2024,KZ\n"
            + "Never read,cultural,2024,KZ\n");

        Assert.Equal(2, rows.Count);
        Assert.NotNull(rows[0].Body);
        var error = Assert.Single(rows[1].Errors!);
        Assert.Equal("", error.Key);
        Assert.StartsWith("line 3: a quoted value is never closed", Assert.Single(error.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_StrayQuote_IsARowErrorAndReadingGoesOn()
    {
        var rows = await ReadAsync<EventWrite>("title,category,date,countryCode\nSay \"hi\",cultural,2024,KZ\nNext,cultural,2024,KZ\n");

        Assert.StartsWith("line 2: a quote is misplaced", Assert.Single(rows[0].Errors![""]), StringComparison.Ordinal);
        Assert.Equal("Next", rows[1].Body!.Title);
    }

    [Theory]
    [InlineData("A,cultural,2024,KZ,extra", 5)]
    [InlineData("A,cultural,2024", 3)]
    public async Task Read_WrongNumberOfValues_IsARowErrorNamingTheLine(string row, int values)
    {
        var rows = await ReadAsync<EventWrite>($"title,category,date,countryCode\n\nGood,cultural,2024,KZ\n{row}\n");

        Assert.Equal([3, 4], rows.Select(r => r.Line));   // the empty line 2 is skipped, and counted
        Assert.NotNull(rows[0].Body);
        Assert.Null(rows[1].Body);
        Assert.Equal($"line 4: the row has {values} values but the header has 4 columns.", Assert.Single(rows[1].Errors![""]));
    }

    [Fact]
    public async Task Read_ValuesThatDoNotConvert_AreErrorsNamingLineAndField()
    {
        var rows = await ReadAsync<TradeRecordWrite>(
            TradeHeader + "\n"
            + "KZ,KR,sideways,abc,,,,1 000,Good|https://example.org|2024-01-01;Bad|https://example.org|2024-02-30\n");

        var errors = Assert.Single(rows).Errors!;
        Assert.Equal(["flow", "sources[1].publishedOn", "valueUsd", "year"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("line 2: 'flow' must be one of: export, import, turnover; 'sideways' is not.", Assert.Single(errors["flow"]));
        Assert.StartsWith("line 2: 'year' must be a whole number; 'abc'", Assert.Single(errors["year"]), StringComparison.Ordinal);
        Assert.StartsWith("line 2: 'valueUsd' must be a number", Assert.Single(errors["valueUsd"]), StringComparison.Ordinal);
        Assert.StartsWith("line 2: 'sources[1].publishedOn' must be a full date", Assert.Single(errors["sources[1].publishedOn"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_BadPartialDate_IsAnErrorOnThatField()
    {
        var rows = await ReadAsync<EventWrite>("title,category,date,countryCode\nA,cultural,1992-13,KZ\n");

        Assert.StartsWith("line 2: 'date' must be a partial date", Assert.Single(Assert.Single(rows).Errors!["date"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnknownColumn_ThrowsNamingItAndTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => ReadAsync<EventWrite>("title,colour\nA,red\n"));

        Assert.Contains("'colour'", error.Message, StringComparison.Ordinal);
        Assert.Contains("id, externalId, title, summary, category, date, endDate, countryCode, city, venue, participants, sources, version, createdAt, updatedAt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_SameColumnTwice_Throws()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => ReadAsync<EventWrite>("title,date,Title\nA,2024,B\n"));

        Assert.Equal("Line 1: the header names 'title' twice (columns 1 and 3).", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public async Task Read_EmptyFile_Throws(string csv)
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => ReadAsync<EventWrite>(csv));

        Assert.StartsWith("The file is empty.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_HeaderOnly_GivesNoRows()
    {
        Assert.Empty(await ReadAsync<EventWrite>("title,date\r\n"));
    }

    [Fact]
    public async Task Read_MissingOptionalColumns_AreAbsentFields()
    {
        var body = Assert.Single(await ReadAsync<AgreementWrite>("title,type,status\nTIPF,framework,underNegotiation\n")).Body!;

        Assert.Equal(("TIPF", AgreementType.Framework, AgreementStatus.UnderNegotiation), (body.Title, body.Type!.Value, body.Status!.Value));
        Assert.Null(body.Parties);
        Assert.Null(body.SignedDate);
    }

    [Fact]
    public async Task Read_LineNumbers_CountLineBreaksInsideValues()
    {
        var rows = await ReadAsync<EventWrite>("title,summary\nA,\"one\ntwo\nthree\"\nB,x\n");

        Assert.Equal([2, 5], rows.Select(r => r.Line));
        Assert.Equal("one\ntwo\nthree", rows[0].Body!.Summary);
    }

    [Fact]
    public async Task Write_FormulaLookingText_IsPrefixedWithAnApostrophe()
    {
        var csv = await WriteAsync(new ExportRow<EventWrite>(
            new EventWrite { Title = "=1+2", Summary = "+cmd", City = "-Almaty", Venue = "@venue", Participants = ["=x", "y"], Category = EventCategory.Other, Date = PartialDate.Parse("2024"), CountryCode = "KZ" },
            7, 1, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));

        var line = csv.Split("\r\n")[1];
        Assert.Equal("7,,'=1+2,'+cmd,other,2024,,KZ,'-Almaty,'@venue,'=x;y,,1,2024-01-02T03:04:05Z,2024-01-02T03:04:05Z", line);
    }

    [Fact]
    public async Task WriteThenRead_TrickyValues_RoundTripExactly()
    {
        var written = new EventWrite
        {
            ExternalId = "-partner:1",
            Title = "Commas, \"quotes\",\nnew lines; semicolons | pipes \\ backslashes",
            Summary = "'=already protected",
            Category = EventCategory.Cultural,
            Date = PartialDate.Parse("1992-12"),
            EndDate = PartialDate.Parse("1993"),
            CountryCode = "KR",
            City = "",
            Venue = "'tis a venue",
            Participants = ["A; B", "C | D", "back\\slash\\", "=SUM(A1)", "\\;", "'"],
            Sources =
            [
                new SourceWrite { Name = "Name|with;all\\three", Url = "https://example.org/?a=1;b=2|c", PublishedOn = new DateOnly(2024, 2, 29) },
                new SourceWrite { Name = "Only a name" },
                new SourceWrite { Name = "Name and date", PublishedOn = new DateOnly(2020, 1, 1) },
            ],
        };
        var stamp = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc).AddTicks(4567);

        var csv = await WriteAsync(new ExportRow<EventWrite>(written, 42, 3, stamp, stamp.AddDays(1)));
        var read = Assert.Single(await ReadAsync<EventWrite>(csv));

        Assert.Null(read.Errors);
        var expected = new EventWrite
        {
            Id = 42, Version = 3, CreatedAt = stamp, UpdatedAt = stamp.AddDays(1), ExternalId = written.ExternalId, Title = written.Title, Summary = written.Summary,
            Category = written.Category, Date = written.Date, EndDate = written.EndDate, CountryCode = written.CountryCode, City = null,   // empty is absent
            Venue = written.Venue, Participants = written.Participants, Sources = written.Sources,
        };
        Assert.Equal(Json(expected), Json(read.Body!));
    }

    [Fact]
    public async Task WriteThenRead_AirlinesAndMoney_RoundTrip()
    {
        var flight = new FlightWrite
        {
            OriginAirport = "ALA",
            DestinationAirport = "SEL",
            Airlines = [new AirlineWrite { Code = "KC", Name = "Air Astana" }, new AirlineWrite { Code = "OZ", Name = "Asiana | \"Airlines\"; Inc." }],
            WeeklyFrequency = 11,
            Status = Domain.Flights.FlightStatus.Operating,
            ValidFrom = new DateOnly(2024, 3, 31),
        };
        var trade = Bodies.TradeRecord(2020, "2709", 0.1m);

        var flightCsv = await WriteAsync(new ExportRow<FlightWrite>(flight, 1, 1, DateTime.UnixEpoch, DateTime.UnixEpoch));
        var tradeCsv = await WriteAsync(new ExportRow<TradeRecordWrite>(trade, 1, 1, DateTime.UnixEpoch, DateTime.UnixEpoch));

        Assert.Contains(",\"KC|Air Astana;OZ|Asiana \\| \"\"Airlines\"\"\\; Inc.\",", flightCsv, StringComparison.Ordinal);
        Assert.Contains(",0.10,", tradeCsv, StringComparison.Ordinal);
        var readFlight = Assert.Single(await ReadAsync<FlightWrite>(flightCsv)).Body!;
        Assert.Equal(Json(flight.Airlines), Json(readFlight.Airlines!));
        Assert.Equal(0.1m, Assert.Single(await ReadAsync<TradeRecordWrite>(tradeCsv)).Body!.ValueUsd);
    }

    [Fact]
    public async Task Read_ApostropheBeforeFormula_IsDropped_OtherApostrophesStay()
    {
        var rows = await ReadAsync<EventWrite>("title,summary,city\n'=1+2,'tis,''-x\n");

        var body = Assert.Single(rows).Body!;
        Assert.Equal(("=1+2", "'tis", "'-x"), (body.Title, body.Summary, body.City));
    }

    [Fact]
    public async Task Read_EmptyCell_QuotedOrNot_IsAbsent()
    {
        var body = Assert.Single(await ReadAsync<EventWrite>("title,city,venue,participants\nA,,\"\",\"\"\n")).Body!;

        Assert.Equal((null, null, null), (body.City, body.Venue, body.Participants));
    }

    [Fact]
    public async Task Read_SemicolonHeader_ReadsSemicolonsAndADecimalComma()
    {
        var rows = await ReadAsync<TradeRecordWrite>(
            "reporterCountry;partnerCountry;flow;year;commodity;valueUsd;sources\r\n"
            + "KZ;KR;export;2020;\"\";1234,50;\"A|https://example.org/a;B\"\r\n"
            + "KZ;KR;import;2020;Wheat, durum;99.5;\r\n");

        Assert.All(rows, r => Assert.Null(r.Errors));
        Assert.Equal((1234.50m, (string?)null), (rows[0].Body!.ValueUsd, rows[0].Body!.Commodity));
        Assert.Equal(["A", "B"], rows[0].Body!.Sources!.Select(s => s.Name));
        Assert.Equal((99.5m, "Wheat, durum"), (rows[1].Body!.ValueUsd, rows[1].Body!.Commodity));
    }

    [Fact]
    public async Task Read_TabHeader_ReadsTabs_AndACommaHeaderKeepsItsDecimalPoint()
    {
        var tabs = Assert.Single(await ReadAsync<EventWrite>("title\tcity\tsummary\nA, b\tAlmaty\tx; y\n")).Body!;
        var commas = Assert.Single(await ReadAsync<TradeRecordWrite>("reporterCountry,partnerCountry,flow,year,valueUsd\nKZ,KR,export,2020,\"1234,50\"\n"));

        Assert.Equal(("A, b", "Almaty", "x; y"), (tabs.Title, tabs.City, tabs.Summary));
        Assert.Equal(["valueUsd"], commas.Errors!.Keys);
    }

    [Fact]
    public async Task Read_SourceWithTooManyParts_IsAnErrorOnThatSource()
    {
        var rows = await ReadAsync<EventWrite>("title,sources\nA,Ok;a|https://x.org|2024-01-01|extra\n");

        Assert.StartsWith("line 2: 'sources[1]' has 4 parts", Assert.Single(Assert.Single(rows).Errors!["sources[1]"]), StringComparison.Ordinal);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, HttpClientExtensions.Json);

    private static Task<List<ImportRow<TWrite>>> ReadAsync<TWrite>(string csv) where TWrite : RecordWrite, new() =>
        ReadAsync<TWrite>(Encoding.UTF8.GetBytes(csv));

    private static async Task<List<ImportRow<TWrite>>> ReadAsync<TWrite>(byte[] csv) where TWrite : RecordWrite, new()
    {
        var rows = new List<ImportRow<TWrite>>();
        await foreach (var row in CsvFormat.ReadAsync<TWrite>(new MemoryStream(csv), TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static async Task<string> WriteAsync<TWrite>(params ExportRow<TWrite>[] rows) where TWrite : RecordWrite
    {
        using var output = new MemoryStream();
        await CsvFormat.WriteAsync(output, CsvSchema<TWrite>.Columns, rows.ToAsyncEnumerable(), TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
