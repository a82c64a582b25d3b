using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.TradeRecords;

/// <summary>
/// The trade record list against a filter and an order computed here, over every record in this class's own database:
/// each combination of filters and several sorts, paged. The records of the other tests of this class are in the
/// database too, and are simply part of what every filter is checked against.
/// </summary>
public sealed class TradeRecordListTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/trade-records";
    private static readonly string?[] Codes = [null, "27", "2709", "270900", "2710", "90"];
    private readonly HttpClient _client = api.CreateClient();

    /// <summary>
    /// 48 records over four years from <paramref name="firstYear"/>, three flows, both reporters, six codes (one absent)
    /// and values with ties; once per class, since their keys are unique.
    /// </summary>
    private async Task CreateGridAsync(int firstYear)
    {
        if ((await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?year={firstYear}&pageSize=1")).TotalCount > 0)
        {
            return;
        }
        for (var i = 0; i < 48; i++)
        {
            var body = new TradeRecordWrite
            {
                ReporterCountry = (i / 3) % 2 == 0 ? "KZ" : "KR",
                PartnerCountry = (i / 3) % 2 == 0 ? "KR" : "KZ",
                Flow = (TradeFlow)(i % 3),
                Year = firstYear + (i % 4),
                Month = (i / 12) + 1,
                HsCode = Codes[i % Codes.Length],
                ValueUsd = (i % 5) * 1000.5m,
                ExternalId = i % 7 == 0 ? $"grid-{firstYear}-{i}" : null,
                Sources = [Bodies.Source],
            };
            var response = await _client.PostJsonAsync(Path, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private async Task<List<TradeRecordResponse>> AllPagesAsync(string query, int pageSize)
    {
        var records = new List<TradeRecordResponse>();
        for (var page = 1; ; page++)
        {
            var list = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?{query}{(query == "" ? "" : "&")}pageSize={pageSize}&page={page}");
            records.AddRange(list.Items);
            Assert.Equal(page, list.Page);
            if (list.Items.Count < pageSize)
            {
                Assert.True(list.TotalCount == records.Count, $"totalCount of ?{query}");
                return records;
            }
        }
    }

    [Fact]
    public async Task List_EveryFilterCombination_MatchesTheRecordsTheFiltersDescribe()
    {
        await CreateGridAsync(2000);
        var all = await AllPagesAsync("sort=year", 100);
        var externalId = all.First(t => t.ExternalId is not null).ExternalId!;

        foreach (var year in new int?[] { null, 2001 })
        foreach (var (from, to) in new (int?, int?)[] { (null, null), (2001, null), (null, 2002), (2000, 2001) })
        foreach (var flows in new[] { "", "export", "import,turnover" })
        foreach (var reporter in new[] { "", "KZ" })
        foreach (var code in new[] { "", "27", "2709", "9" })
        foreach (var external in new[] { "", externalId })
        {
            var query = string.Join("&", new[]
            {
                year is null ? "" : $"year={year}",
                from is null ? "" : $"yearFrom={from}",
                to is null ? "" : $"yearTo={to}",
                flows == "" ? "" : $"flow={flows}",
                reporter == "" ? "" : $"reporterCountry={reporter}",
                code == "" ? "" : $"hsCode={code}",
                external == "" ? "" : $"externalId={external}",
            }.Where(p => p != ""));
            var expected = all
                .Where(t => year is null || t.Year == year)
                .Where(t => from is null || t.Year >= from)
                .Where(t => to is null || t.Year <= to)
                .Where(t => flows == "" || flows.Split(',').Contains(EnumText<TradeFlow>.Name(t.Flow)))
                .Where(t => reporter == "" || t.ReporterCountry == reporter)
                .Where(t => code == "" || (t.HsCode is not null && t.HsCode.StartsWith(code, StringComparison.Ordinal)))
                .Where(t => external == "" || t.ExternalId == external)
                .OrderByDescending(t => t.Year).ThenByDescending(t => t.Id)
                .Select(t => t.Id)
                .ToList();

            var listed = await AllPagesAsync(query, 100);

            Assert.True(expected.SequenceEqual(listed.Select(t => t.Id)), $"?{query}");
        }
    }

    [Theory]
    [InlineData("year")]
    [InlineData("-year")]
    [InlineData("valueUsd")]
    [InlineData("-valueUsd")]
    [InlineData("hsCode")]
    [InlineData("-hsCode")]
    [InlineData("year,-valueUsd")]
    [InlineData("-hsCode,valueUsd")]
    [InlineData("valueUsd,-year,hsCode")]
    public async Task List_Sort_OrdersEveryPageLikeTheFieldsThenIdInTheLastFieldsDirection(string sort)
    {
        await CreateGridAsync(2010);
        var all = await AllPagesAsync("sort=year", 100);
        var fields = sort.Split(',').Select(f => (Name: f.TrimStart('-'), Descending: f.StartsWith('-'))).ToList();
        IOrderedEnumerable<TradeRecordResponse>? ordered = null;
        foreach (var (name, descending) in fields)
        {
            Func<TradeRecordResponse, IComparable?> key = name switch
            {
                "year" => t => t.Year,
                "valueUsd" => t => t.ValueUsd,
                _ => t => t.HsCode,   // ordinal; a record without a code comes first, as SQL puts NULL first
            };
            var comparer = Comparer<IComparable?>.Create((a, b) => a is string x && b is string y
                ? string.CompareOrdinal(x, y)
                : Comparer<IComparable?>.Default.Compare(a, b));
            ordered = (ordered, descending) switch
            {
                (null, false) => all.OrderBy(key, comparer),
                (null, true) => all.OrderByDescending(key, comparer),
                (_, false) => ordered.ThenBy(key, comparer),
                (_, true) => ordered.ThenByDescending(key, comparer),
            };
        }
        var expected = (fields[^1].Descending ? ordered!.ThenByDescending(t => t.Id) : ordered!.ThenBy(t => t.Id)).Select(t => t.Id).ToList();

        var paged = await AllPagesAsync($"sort={sort}", 7);

        Assert.Equal(expected, paged.Select(t => t.Id).ToList());
    }

    [Fact]
    public async Task List_PagePastTheEnd_IsEmptyWithTheTotalAndLinksBackToTheLastPage()
    {
        await _client.PostJsonAsync(Path, new TradeRecordWrite
        {
            ReporterCountry = "KZ", PartnerCountry = "KR", Flow = TradeFlow.Export, Year = 1991, HsCode = "010101", ValueUsd = 1m,
        });

        var response = await _client.GetAsync($"{Path}?year=1991&hsCode=010101&page=3", TestContext.Current.CancellationToken);
        var page = await response.ReadAsync<ListPage<TradeRecordResponse>>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.Items);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal(3, page.Page);
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Contains("page=1>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1>; rel=\"last\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsCsv_WithFiltersAndSort_HasTheListsRecordsInTheListsOrder()
    {
        await CreateGridAsync(2020);
        const string query = "yearFrom=2021&flow=export,import&sort=-valueUsd,year";
        var listed = await AllPagesAsync(query, 100);
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}?{query}");
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var idColumn = Array.IndexOf(lines[0].Split(','), "id");
        var ids = lines.Skip(1).Select(l => int.Parse(l.Split(',')[idColumn], CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(listed.Select(t => t.Id).ToList(), ids);
    }

    [Theory]
    [InlineData("Crude oil & \"condensate\" <HS 2709>", "Kazakhstan's customs: экспорт нефти", "https://example.org/a?b=1&c=%27x%27")]
    [InlineData(null, "Korea Customs Service 관세청 — 2023 ✓", null)]
    public async Task Get_AndList_WriteTheRecordByteForByteAsTheSerializerDoes(string? commodity, string sourceName, string? url)
    {
        var body = new TradeRecordWrite
        {
            ReporterCountry = "KR", PartnerCountry = "KZ", Flow = TradeFlow.Turnover, Year = 1994, Month = commodity is null ? 3 : null,
            HsCode = commodity is null ? null : "270900", Commodity = commodity, ValueUsd = 1234567.8m, ExternalId = $"bytes-{commodity is null}",
            Sources = [new SourceWrite { Name = sourceName, Url = url, PublishedOn = new DateOnly(2023, 11, 2) }, new SourceWrite { Name = "Second" }],
        };
        var created = await _client.PostJsonAsync(Path, body);
        var serialized = await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);   // written by the serializer
        var id = JsonNode.Parse(serialized)!["id"]!.GetValue<int>();

        var read = await _client.GetAsync($"{Path}/{id}", TestContext.Current.CancellationToken);
        var listed = await _client.GetAsync($"{Path}?externalId={body.ExternalId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(serialized, await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json; charset=utf-8", read.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            $$"""{"items":[{{serialized}}],"page":1,"pageSize":20,"totalCount":1}""",
            await listed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reads_RightAfterEachWrite_SeeIt()
    {
        const string query = "year=1992&hsCode=020202";
        var body = new TradeRecordWrite
        {
            ReporterCountry = "KZ", PartnerCountry = "KR", Flow = TradeFlow.Import, Year = 1992, HsCode = "020202", ValueUsd = 5m,
        };
        var countBefore = (await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?{query}")).TotalCount;

        var created = await (await _client.PostJsonAsync(Path, body)).ReadAsync<TradeRecordResponse>();
        var afterCreate = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?{query}");
        var replaced = await _client.PutJsonAsync($"{Path}/{created.Id}", new TradeRecordWrite
        {
            ReporterCountry = "KZ", PartnerCountry = "KR", Flow = TradeFlow.Import, Year = 1992, HsCode = "020202", ValueUsd = 6m,
        });
        var afterReplace = await _client.GetJsonAsync<TradeRecordResponse>($"{Path}/{created.Id}");
        var deleted = await _client.DeleteAsync($"{Path}/{created.Id}", ifMatch: null);
        var afterDelete = await _client.GetAsync($"{Path}/{created.Id}", TestContext.Current.CancellationToken);
        var countAfterDelete = (await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?{query}")).TotalCount;

        Assert.Equal(0, countBefore);
        Assert.Equal([created.Id], afterCreate.Items.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal((6.00m, 2), (afterReplace.ValueUsd, afterReplace.Version));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Equal(0, countAfterDelete);
    }

    [Fact]
    public async Task Reads_ManyAtOnce_AllAnswerCorrectly()
    {
        await CreateGridAsync(1995);
        var all = await AllPagesAsync("yearFrom=1995&yearTo=1998&sort=year", 100);
        var cancel = TestContext.Current.CancellationToken;

        var reads = Enumerable.Range(0, 64).Select(async i =>
        {
            if (i % 2 == 0)
            {
                var record = all[i % all.Count];
                var read = await _client.GetJsonAsync<TradeRecordResponse>($"{Path}/{record.Id}");
                return read.Id == record.Id && read.ValueUsd == record.ValueUsd;
            }
            var year = 1995 + (i % 4);
            var page = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?year={year}&pageSize=100");
            return page.Items.Count > 0 && page.Items.All(t => t.Year == year);
        });
        var results = await Task.WhenAll(reads).WaitAsync(cancel);

        Assert.All(results, Assert.True);
    }
}
