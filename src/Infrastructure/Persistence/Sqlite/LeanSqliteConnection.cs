using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

#pragma warning disable EF1001 // EF offers no public hook for this; the override is one method and the tests cover every query.
/// <summary>
/// EF's SQLite connection without the functions EF registers on every connection for decimal arithmetic and
/// <c>Regex.IsMatch</c>. Microsoft.Data.Sqlite registers those again on each open and removes them on each close,
/// a dozen native calls and as many objects left to the finalizer per query, while this model never needs them:
/// money is stored as whole cents (an integer) and no query uses regular expressions. The function the model does use
/// is registered once per native connection by <see cref="ConnectionSetup"/>.
/// </summary>
internal sealed class LeanSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override DbConnection CreateDbConnection() =>
        new SqliteConnection(GetValidatedConnectionString()) { DefaultTimeout = CommandTimeout ?? 30 };
}
#pragma warning restore EF1001
