using System.CommandLine;
using RelationsApi.Infrastructure;
using RelationsApi.Infrastructure.Access;

namespace RelationsApi.Api.Commands;

/// <summary>
/// <c>keys create|list|revoke</c>: the way the first admin key comes to exist, and a way to manage keys without one.
/// They work on the database the server uses (migrating it first, as the server would).
/// </summary>
internal static class KeyCommands
{
    public static Command Create(IServiceProvider services)
    {
        var name = new Option<string>("--name") { Description = "Who will hold the key (letters, digits, '.', '_', '-').", Required = true };
        var scope = new Option<string>("--scope") { Description = "read, write or admin.", DefaultValueFactory = _ => KeyScopes.Write };
        scope.AcceptOnlyFromAmong([.. KeyScopes.All]);
        var create = new Command("create", "Makes a key and prints its secret, which is shown only this once.") { name, scope };
        create.SetAction((result, cancellationToken) => WithDatabaseAsync(services, async db =>
        {
            var keyName = result.GetValue(name)!;
            if (!ApiKeys.IsValidName(keyName))
            {
                return Fail("A key name is 1 to 100 letters, digits, '.', '_' or '-'.");
            }
            if (await ApiKeys.CreateAsync(db, keyName, result.GetValue(scope)!, TimeProvider.System, actor: null, cancellationToken) is not var (key, secret))
            {
                return Fail($"A key named '{keyName}' exists or existed; key names are never reused.");
            }
            // The secret alone on standard output, so that a script can capture it; the explanation beside it.
            Console.Error.WriteLine($"Made key '{key.Name}' with scope {key.Scope}. Its secret follows; it is shown only now, so store it:");
            Console.Out.WriteLine(secret);
            return 0;
        }, cancellationToken));

        var list = new Command("list", "Lists every key (never a secret), revoked ones included.");
        list.SetAction((_, cancellationToken) => WithDatabaseAsync(services, async db =>
        {
            var keys = await ApiKeys.ListAsync(db, cancellationToken);
            Console.Out.WriteLine($"{"NAME",-30} {"SCOPE",-6} {"PREFIX",-12} {"CREATED (UTC)",-20} REVOKED (UTC)");
            foreach (var key in keys)
            {
                Console.Out.WriteLine($"{key.Name,-30} {key.Scope,-6} {key.Prefix,-12} {key.CreatedAt,-20:yyyy-MM-dd HH:mm:ss} {key.RevokedAt:yyyy-MM-dd HH:mm:ss}");
            }
            return 0;
        }, cancellationToken));

        var revokeName = new Option<string>("--name") { Description = "The key to revoke.", Required = true };
        var revoke = new Command("revoke", "Revokes a key: the API refuses it from the next request on.") { revokeName };
        revoke.SetAction((result, cancellationToken) => WithDatabaseAsync(services, async db =>
        {
            var keyName = result.GetValue(revokeName)!;
            if (await ApiKeys.RevokeAsync(db, keyName, TimeProvider.System, actor: null, cancellationToken) is null)
            {
                return Fail($"There is no key named '{keyName}'.");
            }
            Console.Out.WriteLine($"Revoked key '{keyName}'.");
            return 0;
        }, cancellationToken));

        return new Command("keys", "Makes, lists and revokes API keys.") { create, list, revoke };
    }

    private static async Task<int> WithDatabaseAsync(IServiceProvider services, Func<RelationsDbContext, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            await services.MigrateAndSeedAsync(cancellationToken);
        }
        catch (DatabaseInUseException inUse)
        {
            return Fail(inUse.Message);
        }
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RelationsDbContext>());
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
