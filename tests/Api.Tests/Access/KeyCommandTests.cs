using System.Net;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Access;

/// <summary>The keys verbs as an owner runs them: the built Api with a command line, on the database the API serves.</summary>
public sealed class KeyCommandTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateListRevoke_FromTheCommandLine_GovernWhatTheApiAccepts()
    {
        var (created, secret, _) = await RunAsync("keys", "create", "--name", "first-admin", "--scope", "admin");
        Assert.Equal(0, created);
        Assert.Matches("^kkr_[A-Za-z0-9_-]{43}$", secret.Trim());

        var client = _api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/admin/audit", Cancel)).StatusCode);

        var (listed, list, _) = await RunAsync("keys", "list");
        Assert.Equal(0, listed);
        Assert.Contains("first-admin", list);
        Assert.DoesNotContain(secret.Trim(), list);

        var (revoked, _, _) = await RunAsync("keys", "revoke", "--name", "first-admin");
        Assert.Equal(0, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/admin/audit", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("keys", "create", "--name", "x", "--scope", "root")]
    [InlineData("keys", "create", "--name", "not a name", "--scope", "write")]
    [InlineData("keys", "revoke", "--name", "nobody")]
    [InlineData("keys", "create", "--scope", "write")]
    public async Task BadCommands_ExitNonZero_WithAMessage_AndNoStackTrace(params string[] args)
    {
        var (exit, output, errors) = await RunAsync(args);

        Assert.NotEqual(0, exit);
        Assert.False(string.IsNullOrWhiteSpace(output + errors));
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public async Task ANameTwice_IsRefused()
    {
        Assert.Equal(0, (await RunAsync("keys", "create", "--name", "twice")).Exit);

        var (exit, _, errors) = await RunAsync("keys", "create", "--name", "twice");

        Assert.Equal(1, exit);
        Assert.Contains("twice", errors);
    }

    private Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        _ = _api.Services;   // the database exists and is migrated, as when the API has run before
        return ApiProcess.RunAsync(_api.ProcessEnvironment, Cancel, args);
    }
}
