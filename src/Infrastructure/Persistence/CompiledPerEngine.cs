using RelationsApi.Infrastructure.Persistence.Postgres;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// One compiled query for each engine. EF binds a compiled query to the model it first runs with, and each engine
/// builds its own model, so a process that opens both (the tests, a copy from one to the other) needs one of each.
/// </summary>
internal sealed class CompiledPerEngine<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly TQuery _sqlite = compile();
    private readonly TQuery _postgres = compile();

    public TQuery For(DbContext db) => Engine.Of(db) is PostgresEngine ? _postgres : _sqlite;
}
