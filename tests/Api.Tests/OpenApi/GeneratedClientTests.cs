using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>
/// What a partner does: generate a C# client from the published OpenAPI document with NSwag's defaults
/// (System.Text.Json), compile it untouched, and call the API with it.
/// </summary>
public sealed class GeneratedClientTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Code a partner would write against the generated client; compiled together with it.</summary>
    private const string Usage = """
        using System;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Partner;

        public static class Scenario
        {
            public static async Task<string> RunAsync(HttpClient http)
            {
                var client = new RelationsClient(http);
                var log = new System.Collections.Generic.List<string>();

                // A list filter is a list of the enum, sent comma-separated (status=operating,planned).
                var seeded = await client.ListFlightsAsync(airlineCode: "OZ", status: new[] { FlightStatus.Operating, FlightStatus.Planned });
                log.Add($"seeded={seeded.Items.First().OriginAirport}-{seeded.Items.First().DestinationAirport}:{seeded.Items.First().WeeklyFrequency}");

                var created = await client.CreateEventAsync(new EventWrite
                {
                    Title = "Generated client event",
                    Category = EventCategory.Education,
                    Date = "2019-09",
                    CountryCode = "KR",
                    Participants = new[] { "Students" },
                    Sources = new[] { new SourceWrite { Name = "Partner feed", Url = "https://partner.example/feed" } },
                });
                log.Add($"created={created.Title}|{created.Date}|{created.Category}|v{created.Version}");

                // NSwag sends every member of a typed patch: the required ones must be given, and an optional one left unset
                // goes as null, which removes it (participants and sources here).
                var patched = await client.PatchEventAsync(created.Id, new EventPatch
                {
                    Summary = "Patched by a generated client", Title = created.Title, Category = created.Category, Date = created.Date, CountryCode = created.CountryCode,
                });
                log.Add($"patched={patched.Summary}|{patched.Title}|{patched.Date}|v{patched.Version}|participants={patched.Participants.Count}");

                var trade = await client.CreateTradeRecordAsync(new TradeRecordWrite
                {
                    ReporterCountry = "KR", PartnerCountry = "KZ", Flow = TradeFlow.Import, Year = 2020, Month = 4, HsCode = "8703", ValueUsd = 1234567.89m,
                });
                log.Add($"trade={trade.ValueUsd}|{trade.Flow}");

                try
                {
                    await client.CreateTradeRecordAsync(new TradeRecordWrite
                    {
                        ReporterCountry = "KR", PartnerCountry = "KZ", Flow = TradeFlow.Import, Year = 2020, Month = 4, HsCode = "8703", ValueUsd = 1m,
                    });
                    log.Add("duplicate=accepted");
                }
                catch (ApiException e)
                {
                    log.Add($"duplicate={e.StatusCode}");
                }

                await client.DeleteEventAsync(created.Id);
                try
                {
                    await client.GetEventAsync(created.Id);
                    log.Add("deleted=still there");
                }
                catch (ApiException e)
                {
                    log.Add($"deleted={e.StatusCode}");
                }

                var page = await client.ListAgreementsAsync(status: new[] { AgreementStatus.UnderNegotiation }, q: "TIPF");
                log.Add($"agreements={page.TotalCount}|{page.Items.First().Status}");

                var import = new[]
                {
                    new TradeRecordWrite { ExternalId = "partner:gen-1", ReporterCountry = "KZ", PartnerCountry = "KR", Flow = TradeFlow.Export, Year = 2021, HsCode = "2601", ValueUsd = 10m },
                    new TradeRecordWrite { ExternalId = "partner:gen-2", ReporterCountry = "KZ", PartnerCountry = "KR", Flow = TradeFlow.Export, Year = 2021, HsCode = "2602", ValueUsd = 20m },
                };
                var imported = await client.ImportTradeRecordsAsync(import, mode: ImportMode.Upsert, dryRun: false);
                var again = await client.ImportTradeRecordsAsync(import, mode: ImportMode.Upsert, dryRun: false);
                log.Add($"import={imported.Created}/{imported.Updated}/{imported.Unchanged}, again={again.Created}/{again.Updated}/{again.Unchanged}");
                return string.Join("\n", log);
            }
        }
        """;

    [Fact]
    public async Task GeneratedClient_FromOpenApiDocument_CompilesAndWorksAgainstTheApi()
    {
        var http = api.CreateClient();
        var json = await http.GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        var document = await OpenApiDocument.FromJsonAsync(json, TestContext.Current.CancellationToken);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "RelationsClient",
            UseBaseUrl = false,
            GenerateOptionalParameters = true,
            CSharpGeneratorSettings = { Namespace = "Partner", JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        var clientCode = new CSharpClientGenerator(document, settings).GenerateFile();

        var assembly = Compile(clientCode, Usage);
        var run = assembly.GetType("Partner.Scenario")!.GetMethod("RunAsync")!;
        var log = await (Task<string>)run.Invoke(null, [http])!;

        Assert.Equal(
            """
            seeded=ALA-SEL:11
            created=Generated client event|2019-09|Education|v1
            patched=Patched by a generated client|Generated client event|2019-09|v2|participants=0
            trade=1234567.89|Import
            duplicate=409
            deleted=404
            agreements=1|UnderNegotiation
            import=2/0/0, again=0/0/2
            """.ReplaceLineEndings("\n"),
            log);
    }

    private static Assembly Compile(params string[] sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            $"Partner{Guid.NewGuid():N}",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(result.Success, "The generated client does not compile:\n" + string.Join("\n", errors.Take(20)));
        image.Position = 0;
        return new AssemblyLoadContext(name: null, isCollectible: true).LoadFromStream(image);
    }
}
