using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Case-insensitive text search for every script. SQLite's own LIKE and lower() fold ASCII letters only, so
/// "казахстан" would not find "Казахстан"; a "fold" function backed by .NET's invariant lower-casing is registered
/// on every connection and mapped for LINQ as <see cref="Fold"/>.
/// </summary>
public static class TextFolding
{
    public const string FunctionName = "fold";

    /// <summary>The text in invariant lower case; in LINQ it runs inside SQLite.</summary>
    public static string? Fold(string? text) => text?.ToLowerInvariant();

    internal sealed class Registration : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Register(connection);
            return Task.CompletedTask;
        }

        private static void Register(DbConnection connection) =>
            ((SqliteConnection)connection).CreateFunction<string?, string?>(FunctionName, Fold, isDeterministic: true);
    }
}
