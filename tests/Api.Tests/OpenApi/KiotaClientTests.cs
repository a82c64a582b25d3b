using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>
/// What a partner using Kiota does: generate a C# client from the published OpenAPI document with the Kiota tool pinned in
/// the repository's tool manifest, compile it untouched with the Kiota runtime packages, and call the API with it.
/// </summary>
public sealed class KiotaClientTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Code a partner would write against the generated client; compiled together with it.</summary>
    private const string Usage = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Abstractions.Serialization;
        using Microsoft.Kiota.Http.HttpClientLibrary;
        using Partner.Relations;
        using Partner.Relations.Models;

        namespace Partner;

        public static class Scenario
        {
            public static async Task<string> RunAsync(HttpClient http, string apiKey)
            {
                // Kiota's API key provider sends keys over HTTPS only, so the key rides on the HttpClient for every request.
                http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
                var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http);
                var client = new RelationsClient(adapter);
                var log = new List<string>();
                void Log(FormattableString line) => log.Add(FormattableString.Invariant(line));

                // List filters and the sort are arrays of enums, sent comma-separated (flow=turnover,export).
                var trade = await client.Api.V1.TradeRecords.GetAsync(request =>
                {
                    request.QueryParameters.Year = 2022;
                    request.QueryParameters.Flow = [TradeFlow.Turnover, TradeFlow.Export];
                    request.QueryParameters.Sort = [Partner.Relations.Api.V1.TradeRecords.GetSortQueryParameterType.Minus_valueUsd];
                    request.QueryParameters.Page = 1;
                    request.QueryParameters.PageSize = 5;
                });
                var seededTrade = trade!.Items!.Single();
                Log($"trade={trade.TotalCount}|{seededTrade.ReporterCountry}-{seededTrade.PartnerCountry}|{seededTrade.Flow}|{seededTrade.Year}|{seededTrade.ValueUsd}");

                var seededEvent = await client.Api.V1.Events[1].GetAsync();
                Log($"event={seededEvent!.Title}|{seededEvent.Date}|{seededEvent.Category}|{seededEvent.CountryCode}");

                var created = await client.Api.V1.Events.PostAsync(new EventWrite
                {
                    Title = "Kiota client event",
                    Category = EventCategory.Education,
                    Date = "2019-09",
                    CountryCode = "KZ",
                    Participants = ["Students", "Teachers"],
                    Sources = [new SourceWrite { Name = "Partner feed", Url = "https://partner.example/feed" }],
                });
                var id = created!.Id!.Value;
                var read = await client.Api.V1.Events[id].GetAsync();
                Log($"created={created.Title}|{created.Date}|{created.Category}|v{created.Version}; read={read!.Title}|{read.Date}|v{read.Version}|{read.Sources!.Single().Name}");

                // Kiota sends only the members that were set, so this merge patch changes the summary and nothing else.
                var patched = await client.Api.V1.Events[id].PatchAsync(new EventPatch { Summary = "Patched by a Kiota client" });
                Log($"patched={patched!.Summary}|{patched.Title}|{patched.Date}|v{patched.Version}|participants={string.Join("+", patched.Participants!)}");

                try
                {
                    await client.Api.V1.Events.PostAsync(new EventWrite { Category = EventCategory.Cultural, Date = "2020", CountryCode = "KR" });
                    Log($"untitled=accepted");
                }
                catch (HttpValidationProblemDetails problem)
                {
                    // The field errors are a map of string arrays, which Kiota leaves as untyped nodes in AdditionalData.
                    var errors = problem.Errors!.AdditionalData.Select(field =>
                        $"{field.Key}: {string.Join(" ", ((UntypedArray)field.Value).GetValue().Select(message => ((UntypedString)message).GetValue()))}");
                    Log($"untitled={problem.ResponseStatusCode}|{problem.Status}|{problem.Title}|{string.Join("; ", errors)}");
                }

                try
                {
                    await client.Api.V1.Events[999999].GetAsync();
                    Log($"missing=found");
                }
                catch (ProblemDetails problem)
                {
                    Log($"missing={problem.ResponseStatusCode}|{problem.Status}|{problem.Title}|traced={!string.IsNullOrEmpty(problem.TraceId)}");
                }

                var record = new TradeRecordWrite
                {
                    ExternalId = "partner:kiota-1", ReporterCountry = "KR", PartnerCountry = "KZ", Flow = TradeFlow.Export, Year = 2021, Month = 6, HsCode = "8703", ValueUsd = 1234567.89m,
                };
                var stored = await client.Api.V1.TradeRecords.PostAsync(record);
                var byExternalId = await client.Api.V1.TradeRecords.GetAsync(request => request.QueryParameters.ExternalId = "partner:kiota-1");
                Log($"stored={stored!.ValueUsd}|{stored.Flow}|{stored.Month}; found={byExternalId!.TotalCount}|{byExternalId.Items!.Single().Id == stored.Id}");
                try
                {
                    record.ExternalId = "partner:kiota-2";
                    await client.Api.V1.TradeRecords.PostAsync(record);
                    Log($"duplicate=accepted");
                }
                catch (ProblemDetails problem)
                {
                    Log($"duplicate={problem.ResponseStatusCode}|{problem.Title}|existing={problem.ExistingId == stored.Id}");
                }

                return string.Join("\n", log);
            }
        }
        """;

    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(5);   // a fresh machine downloads the tool first
    private static readonly TimeSpan GenerateTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task KiotaClient_FromOpenApiDocument_CompilesAndWorksAgainstTheApi()
    {
        var work = Directory.CreateTempSubdirectory("relations-kiota-");
        try
        {
            var document = Path.Combine(work.FullName, "openapi.json");
            var output = Path.Combine(work.FullName, "client");
            await File.WriteAllTextAsync(document, await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json", Cancel), Cancel);

            await RunDotnetAsync(RestoreTimeout, "tool", "restore");
            await RunDotnetAsync(
                GenerateTimeout, "kiota", "generate", "--language", "CSharp", "--openapi", document, "--output", output,
                "--class-name", "RelationsClient", "--namespace-name", "Partner.Relations", "--exclude-backward-compatible");
            var sources = Directory.GetFiles(output, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText);

            var assembly = Compile([.. sources, Usage]);
            var run = assembly.GetType("Partner.Scenario")!.GetMethod("RunAsync")!;
            var log = await (Task<string>)run.Invoke(null, [api.CreateAnonymousClient(), api.WriteKey])!;

            Assert.Equal(
                """
                trade=1|KZ-KR|Turnover|2022|6530000000.00
                event=Kazakhstan's Republic Day reception in Seoul|2023-10-25|Diplomatic|KR
                created=Kiota client event|2019-09|Education|v1; read=Kiota client event|2019-09|v1|Partner feed
                patched=Patched by a Kiota client|Kiota client event|2019-09|v2|participants=Students+Teachers
                untitled=400|400|One or more fields are invalid|title: 'title' is required. 'title' must not be empty or blank.
                missing=404|404|Not found|traced=True
                stored=1234567.89|Export|6; found=1|True
                duplicate=409|Conflict|existing=True
                """.ReplaceLineEndings("\n"),
                log);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs the dotnet CLI in the repository root, where the tool manifest is; fails the test with its output unless it succeeds in time.</summary>
    private static async Task RunDotnetAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // No telemetry, update checks, hints or colours: the run must need nothing but the package registry.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_CONSOLE_COLORS_ENABLED"] = "false";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        var finished = false;
        try
        {
            await process.WaitForExitAsync(Cancel).WaitAsync(timeout, Cancel);
            finished = true;
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            if (!finished)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        var command = "dotnet " + string.Join(' ', args);
        var printed = $"\nstdout:\n{await output}\nstderr:\n{await errors}";
        Assert.True(finished, $"`{command}` did not finish within {timeout}.{printed}");
        Assert.True(process.ExitCode == 0, $"`{command}` exited with {process.ExitCode}.{printed}");
    }

    private static Assembly Compile(IEnumerable<string> sources)
    {
        // As a net10.0 project compiles it: the generated code keys its nullable annotations on NETCOREAPP3_1_OR_GREATER.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["NET", "NETCOREAPP", "NETCOREAPP3_1_OR_GREATER", "NET10_0_OR_GREATER"]);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)   // the Kiota packages are among them
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            $"PartnerKiota{Guid.NewGuid():N}",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, parseOptions)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(result.Success, "The Kiota client does not compile:\n" + string.Join("\n", errors.Take(20)));
        image.Position = 0;
        return new AssemblyLoadContext(name: null, isCollectible: true).LoadFromStream(image);
    }
}
