using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentValidation;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.Flights;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Validators;

/// <summary>
/// The write validators as plain unit tests, no HTTP. Each broken case is a valid body from <see cref="Bodies"/> with a
/// JSON merge patch applied (as a client's PATCH would be), so a case reads as the JSON a client sends. In a patch,
/// the string "@201" stands for a string of 201 characters.
/// </summary>
public sealed partial class WriteValidatorTests
{
    private readonly EventWriteValidator _events;
    private readonly FlightWriteValidator _flights;
    private readonly TradeRecordWriteValidator _trade;
    private readonly AgreementWriteValidator _agreements;

    // The camelCase names are a global FluentValidation setting the app makes at start-up, before any validator is
    // built (a rule takes its name when it is created); tests that build validators without the app make it first too.
    public WriteValidatorTests()
    {
        Validation.UseCamelCaseNames();
        (_events, _flights, _trade, _agreements) = (new(), new(), new(new FixedClock(2030)), new());
    }

    /// <summary>A clock stopped at 1 July of <paramref name="year"/>, UTC.</summary>
    private sealed class FixedClock(int year) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(year, 7, 1, 12, 0, 0, TimeSpan.Zero);
    }

    private static T Patched<T>(T valid, string mergePatch)
    {
        var expanded = LongString().Replace(mergePatch, m => $"\"{new string('x', int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))}\"");
        var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(valid, HttpClientExtensions.Json), JsonNode.Parse(expanded));
        return merged.Deserialize<T>(HttpClientExtensions.Json)!;
    }

    private static string Items(int count, string item) => $"[{string.Join(",", Enumerable.Repeat(item, count))}]";

    /// <summary>"airlines[0].code" → "code", "participants[1]" → "participants": the name a message should quote.</summary>
    private static string QuotedName(string path) => $"'{ElementIndex().Replace(path.Split('.')[^1], "")}'";

    private static void AssertValid<T>(IValidator<T> validator, T body)
    {
        var result = validator.Validate(body);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    /// <summary>Fails at exactly <paramref name="path"/>, and every message there names the field in camelCase.</summary>
    private static void AssertFailsAt<T>(IValidator<T> validator, T body, string path)
    {
        var errors = validator.Validate(body).ToErrors();

        Assert.Equal([path], errors.Keys);
        Assert.All(errors[path], message => Assert.Contains(QuotedName(path), message, StringComparison.Ordinal));
    }

    [GeneratedRegex("\"@([0-9]+)\"")]
    private static partial Regex LongString();

    [GeneratedRegex(@"\[[0-9]+\]$")]
    private static partial Regex ElementIndex();

    // Events

    [Fact]
    public void Event_ValidBody_Passes()
    {
        var body = Patched(Bodies.Event(), """{"summary":"@4000","endDate":"2024-05","venue":"@200","participants":["@200"]}""");

        AssertValid(_events, body);
    }

    [Fact]
    public void Event_OnlyRequiredFields_Passes()
    {
        var body = new EventWrite { Title = "x", Category = EventCategory.Other, Date = PartialDate.Parse("1992"), CountryCode = "KR" };

        AssertValid(_events, body);
    }

    [Fact]
    public void Event_MissingRequiredFields_SaysEachIsRequiredInCamelCase()
    {
        var errors = _events.Validate(new EventWrite()).ToErrors();

        Assert.Equal(["category", "countryCode", "date", "title"], errors.Keys.Order());
        Assert.Contains("'countryCode' is required.", errors["countryCode"]);
        Assert.Contains("'title' is required.", errors["title"]);
    }

    [Theory]
    [InlineData("""{"title":" "}""", "title")]
    [InlineData("""{"title":""}""", "title")]
    [InlineData("""{"title":"@201"}""", "title")]
    [InlineData("""{"summary":"@4001"}""", "summary")]
    [InlineData("""{"date":"2024-05-10","endDate":"2024-04"}""", "endDate")]
    [InlineData("""{"date":"2024-05-10","endDate":"2023"}""", "endDate")]
    [InlineData("""{"countryCode":"XX"}""", "countryCode")]
    [InlineData("""{"countryCode":"kz"}""", "countryCode")]
    [InlineData("""{"countryCode":"KAZ"}""", "countryCode")]
    [InlineData("""{"city":"@101"}""", "city")]
    [InlineData("""{"venue":"@201"}""", "venue")]
    [InlineData("""{"participants":["ok",""]}""", "participants[1]")]
    [InlineData("""{"participants":["ok"," "]}""", "participants[1]")]
    [InlineData("""{"participants":[null]}""", "participants[0]")]
    [InlineData("""{"participants":["@201"]}""", "participants[0]")]
    [InlineData("""{"sources":[{"name":""}]}""", "sources[0].name")]
    [InlineData("""{"sources":[{"name":"@301"}]}""", "sources[0].name")]
    [InlineData("""{"sources":[{"name":"a"},{"name":"b","url":"ftp://example.org"}]}""", "sources[1].url")]
    [InlineData("""{"sources":[{"name":"a","url":"/relative/path"}]}""", "sources[0].url")]
    [InlineData("""{"sources":[{"name":"a"},null]}""", "sources[1]")]
    public void Event_BrokenRule_FailsAtItsCamelCasePath(string patch, string path)
    {
        var body = Patched(Bodies.Event(), patch);

        AssertFailsAt(_events, body, path);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("category")]
    [InlineData("date")]
    [InlineData("countryCode")]
    public void Event_RequiredFieldNull_FailsAtIt(string field)
    {
        var body = Patched(Bodies.Event(), $$"""{"{{field}}":null}""");

        AssertFailsAt(_events, body, field);
    }

    [Fact]
    public void Event_CategoryOutsideTheEnum_FailsAtCategory()
    {
        var body = new EventWrite { Title = "x", Category = (EventCategory)99, Date = PartialDate.Parse("1992"), CountryCode = "KR" };

        AssertFailsAt(_events, body, "category");
    }

    [Fact]
    public void Event_FiftyParticipantsAndTenSources_Pass()
    {
        var body = Patched(Bodies.Event(), $$"""{"participants":{{Items(50, "\"p\"")}},"sources":{{Items(10, """{"name":"s"}""")}}}""");

        AssertValid(_events, body);
    }

    [Fact]
    public void Event_FiftyOneParticipants_FailsAtParticipants()
    {
        var body = Patched(Bodies.Event(), $$"""{"participants":{{Items(51, "\"p\"")}}}""");

        AssertFailsAt(_events, body, "participants");
    }

    [Fact]
    public void Event_ElevenSources_FailsAtSources()
    {
        var body = Patched(Bodies.Event(), $$"""{"sources":{{Items(11, """{"name":"s"}""")}}}""");

        AssertFailsAt(_events, body, "sources");
    }

    // Flights

    [Fact]
    public void Flight_ValidBody_Passes()
    {
        var body = Patched(Bodies.Flight(), """{"weeklyFrequency":168,"durationMinutes":1440,"validFrom":"2024-05-01","validTo":"2024-05-01"}""");

        AssertValid(_flights, body);
    }

    [Theory]
    [InlineData("planned")]
    [InlineData("suspended")]
    [InlineData("discontinued")]
    public void Flight_NoAirlinesWhenNotOperating_Passes(string status)
    {
        var body = Patched(Bodies.Flight(), $$"""{"status":"{{status}}","airlines":[]}""");

        AssertValid(_flights, body);
    }

    [Fact]
    public void Flight_MissingRequiredFields_SaysEachIsRequiredInCamelCase()
    {
        var errors = _flights.Validate(new FlightWrite()).ToErrors();

        Assert.Equal(["destinationAirport", "originAirport", "status", "weeklyFrequency"], errors.Keys.Order());
        Assert.Contains("'originAirport' is required.", errors["originAirport"]);
        Assert.Contains("'weeklyFrequency' is required.", errors["weeklyFrequency"]);
    }

    [Theory]
    [InlineData("""{"originAirport":null}""", "originAirport")]
    [InlineData("""{"originAirport":"ala"}""", "originAirport")]
    [InlineData("""{"originAirport":"AL"}""", "originAirport")]
    [InlineData("""{"originAirport":"AL1"}""", "originAirport")]
    [InlineData("""{"destinationAirport":"SEOUL"}""", "destinationAirport")]
    [InlineData("""{"destinationAirport":"ALA"}""", "destinationAirport")]
    [InlineData("""{"airlines":[{"code":"kc","name":"Air Astana"}]}""", "airlines[0].code")]
    [InlineData("""{"airlines":[{"code":"KC","name":"Air Astana"},{"code":"OZZ","name":"Asiana"}]}""", "airlines[1].code")]
    [InlineData("""{"airlines":[{"name":"Air Astana"}]}""", "airlines[0].code")]
    [InlineData("""{"airlines":[{"code":"KC","name":" "}]}""", "airlines[0].name")]
    [InlineData("""{"airlines":[{"code":"KC"}]}""", "airlines[0].name")]
    [InlineData("""{"airlines":[{"code":"KC","name":"@101"}]}""", "airlines[0].name")]
    [InlineData("""{"airlines":[{"code":"KC","name":"Air Astana"},null]}""", "airlines[1]")]
    [InlineData("""{"weeklyFrequency":null}""", "weeklyFrequency")]
    [InlineData("""{"weeklyFrequency":-1}""", "weeklyFrequency")]
    [InlineData("""{"weeklyFrequency":169}""", "weeklyFrequency")]
    [InlineData("""{"durationMinutes":0}""", "durationMinutes")]
    [InlineData("""{"durationMinutes":1441}""", "durationMinutes")]
    [InlineData("""{"status":null}""", "status")]
    [InlineData("""{"validFrom":"2024-05-02","validTo":"2024-05-01"}""", "validTo")]
    [InlineData("""{"sources":[{"name":"s","url":"mailto:someone@example.org"}]}""", "sources[0].url")]
    public void Flight_BrokenRule_FailsAtItsCamelCasePath(string patch, string path)
    {
        var body = Patched(Bodies.Flight(), patch);

        AssertFailsAt(_flights, body, path);
    }

    [Fact]
    public void Flight_OperatingWithoutAirlines_FailsAtAirlines()
    {
        var body = Patched(Bodies.Flight(), """{"status":"operating","airlines":[]}""");

        var errors = _flights.Validate(body).ToErrors();

        Assert.Equal(["airlines"], errors.Keys);
        Assert.Equal(["An operating service names at least one airline."], errors["airlines"]);
    }

    [Fact]
    public void Flight_ElevenAirlines_FailsAtAirlines()
    {
        var body = Patched(Bodies.Flight(), $$"""{"airlines":{{Items(11, """{"code":"KC","name":"Air Astana"}""")}}}""");

        AssertFailsAt(_flights, body, "airlines");
    }

    [Fact]
    public void Flight_StatusOutsideTheEnum_FailsAtStatus()
    {
        var body = new FlightWrite { OriginAirport = "ALA", DestinationAirport = "ICN", WeeklyFrequency = 0, Status = (FlightStatus)99 };

        AssertFailsAt(_flights, body, "status");
    }

    // Trade records

    [Fact]
    public void TradeRecord_ValidBody_Passes()
    {
        var body = Patched(Bodies.TradeRecord(2022, "270900"), """{"month":12,"commodity":"@200","valueUsd":999999999999999.99}""");

        AssertValid(_trade, body);
    }

    [Fact]
    public void TradeRecord_MissingRequiredFields_SaysEachIsRequiredInCamelCase()
    {
        var errors = _trade.Validate(new TradeRecordWrite()).ToErrors();

        Assert.Equal(["flow", "partnerCountry", "reporterCountry", "valueUsd", "year"], errors.Keys.Order());
        Assert.Contains("'reporterCountry' is required.", errors["reporterCountry"]);
        Assert.Contains("'valueUsd' is required.", errors["valueUsd"]);
    }

    [Theory]
    [InlineData("""{"reporterCountry":null}""", "reporterCountry")]
    [InlineData("""{"reporterCountry":"US"}""", "reporterCountry")]
    [InlineData("""{"reporterCountry":"kr"}""", "reporterCountry")]
    [InlineData("""{"partnerCountry":"KR"}""", "partnerCountry")]
    [InlineData("""{"partnerCountry":"JP"}""", "partnerCountry")]
    [InlineData("""{"reporterCountry":"KZ","partnerCountry":"KZ"}""", "partnerCountry")]
    [InlineData("""{"flow":null}""", "flow")]
    [InlineData("""{"year":null}""", "year")]
    [InlineData("""{"year":1990}""", "year")]
    [InlineData("""{"year":2031}""", "year")]
    [InlineData("""{"month":0}""", "month")]
    [InlineData("""{"month":13}""", "month")]
    [InlineData("""{"hsCode":"270"}""", "hsCode")]
    [InlineData("""{"hsCode":"2a"}""", "hsCode")]
    [InlineData("""{"hsCode":"2709000"}""", "hsCode")]
    [InlineData("""{"hsCode":""}""", "hsCode")]
    [InlineData("""{"commodity":"@201"}""", "commodity")]
    [InlineData("""{"valueUsd":null}""", "valueUsd")]
    [InlineData("""{"valueUsd":-0.01}""", "valueUsd")]
    [InlineData("""{"valueUsd":1.234}""", "valueUsd")]
    [InlineData("""{"valueUsd":1000000000000000}""", "valueUsd")]
    [InlineData("""{"valueUsd":79228162514264337593543950335}""", "valueUsd")]
    [InlineData("""{"sources":[{"name":"s"},{"name":"t","url":"https://"}]}""", "sources[1].url")]
    public void TradeRecord_BrokenRule_FailsAtItsCamelCasePath(string patch, string path)
    {
        var body = Patched(Bodies.TradeRecord(2020, "2709"), patch);

        AssertFailsAt(_trade, body, path);
    }

    [Fact]
    public void TradeRecord_FlowOutsideTheEnum_FailsAtFlow()
    {
        var body = new TradeRecordWrite { ReporterCountry = "KZ", PartnerCountry = "KR", Flow = (TradeFlow)99, Year = 2020, ValueUsd = 1m };

        AssertFailsAt(_trade, body, "flow");
    }

    [Theory]
    [InlineData(2030, 2030, true)]
    [InlineData(2030, 2031, false)]
    [InlineData(2030, 1991, true)]
    [InlineData(2024, 2024, true)]
    [InlineData(2024, 2025, false)]
    [InlineData(2024, 2030, false)]
    public void TradeRecord_YearLimit_FollowsTheClock(int now, int year, bool valid)
    {
        var validator = new TradeRecordWriteValidator(new FixedClock(now));

        var result = validator.Validate(Bodies.TradeRecord(year));

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal([$"'year' must be 1991..{now}."], result.ToErrors()["year"]);
        }
    }

    // Agreements

    [Fact]
    public void Agreement_ValidBody_Passes()
    {
        var body = Patched(Bodies.Agreement(), """{"title":"@300","summary":"@4000","effectiveDate":"2019-04-01","parties":["KZ","KR","UZ"]}""");

        AssertValid(_agreements, body);
    }

    [Theory]
    [InlineData("proposed")]
    [InlineData("underNegotiation")]
    public void Agreement_StillDiscussedWithoutSignedDate_Passes(string status)
    {
        var body = Patched(Bodies.Agreement(), $$"""{"status":"{{status}}","signedDate":null}""");

        AssertValid(_agreements, body);
    }

    [Fact]
    public void Agreement_PartiesAbsent_Passes()
    {
        var body = Patched(Bodies.Agreement(), """{"parties":null}""");

        AssertValid(_agreements, body);
    }

    [Fact]
    public void Agreement_MissingRequiredFields_SaysEachIsRequiredInCamelCase()
    {
        var errors = _agreements.Validate(new AgreementWrite()).ToErrors();

        Assert.Equal(["status", "title", "type"], errors.Keys.Order());
        Assert.Contains("'title' is required.", errors["title"]);
        Assert.Contains("'status' is required.", errors["status"]);
    }

    [Theory]
    [InlineData("""{"title":null}""", "title")]
    [InlineData("""{"title":"  "}""", "title")]
    [InlineData("""{"title":"@301"}""", "title")]
    [InlineData("""{"type":null}""", "type")]
    [InlineData("""{"status":null}""", "status")]
    [InlineData("""{"status":"proposed"}""", "signedDate")]
    [InlineData("""{"status":"underNegotiation"}""", "signedDate")]
    [InlineData("""{"signedDate":"2019-04","effectiveDate":"2019-03"}""", "effectiveDate")]
    [InlineData("""{"signedDate":"2019-04-10","effectiveDate":"2018"}""", "effectiveDate")]
    [InlineData("""{"parties":["KZ"]}""", "parties")]
    [InlineData("""{"parties":[]}""", "parties")]
    [InlineData("""{"parties":["KZ","KZ"]}""", "parties")]
    [InlineData("""{"parties":["KZ","XX"]}""", "parties[1]")]
    [InlineData("""{"parties":["KZ","kr"]}""", "parties[1]")]
    [InlineData("""{"parties":["KZ",null]}""", "parties[1]")]
    [InlineData("""{"summary":"@4001"}""", "summary")]
    [InlineData("""{"sources":[{"url":"https://example.org"}]}""", "sources[0].name")]
    public void Agreement_BrokenRule_FailsAtItsCamelCasePath(string patch, string path)
    {
        var body = Patched(Bodies.Agreement(), patch);

        AssertFailsAt(_agreements, body, path);
    }

    [Fact]
    public void Agreement_TwentyOneParties_FailsAtParties()
    {
        var countries = CountryCodes.Take(21).Select(c => $"\"{c}\"");

        var body = Patched(Bodies.Agreement(), $$"""{"parties":[{{string.Join(",", countries)}}]}""");

        AssertFailsAt(_agreements, body, "parties");
    }

    [Fact]
    public void Agreement_TypeAndStatusOutsideTheEnums_FailAtEach()
    {
        var body = new AgreementWrite { Title = "x", Type = (AgreementType)99, Status = (AgreementStatus)99 };

        var errors = _agreements.Validate(body).ToErrors();

        Assert.Equal(["status", "type"], errors.Keys.Order());
    }

    private static readonly string[] CountryCodes =
        ["KZ", "KR", "UZ", "KG", "TJ", "TM", "CN", "JP", "MN", "RU", "US", "DE", "FR", "GB", "IT", "ES", "TR", "IN", "AZ", "GE", "AM"];
}
