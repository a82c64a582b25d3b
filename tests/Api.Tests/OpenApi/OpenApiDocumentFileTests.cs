using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>
/// Saves the OpenAPI document exactly as the app serves it to artifacts/openapi/openapi.json (ignored by git), so
/// offline tools can read it: .ci/run lints it with Redocly and generates a TypeScript client from it after
/// <c>dotnet test</c>, with no server to start and no network to reach.
/// </summary>
public sealed class OpenApiDocumentFileTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static string DocumentFile => Path.Combine(RepositoryRoot(), "artifacts", "openapi", "openapi.json");

    [Fact]
    public async Task Document_IsSavedForOfflineTools()
    {
        var json = await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);

        Directory.CreateDirectory(Path.GetDirectoryName(DocumentFile)!);
        await File.WriteAllTextAsync(DocumentFile, json, TestContext.Current.CancellationToken);

        Assert.Equal(json, await File.ReadAllTextAsync(DocumentFile, TestContext.Current.CancellationToken));
    }
}
