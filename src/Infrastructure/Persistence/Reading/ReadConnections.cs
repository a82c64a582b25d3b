using System.Data.Common;
using System.Globalization;
using System.Text;

namespace RelationsApi.Infrastructure.Persistence.Reading;

/// <summary>
/// Connections for the hand-written reads, one engine's way: each lends a connection whose commands for a given SQL text
/// are prepared once and reused (<see cref="ReadConnection.ExecuteAsync"/>). One implementation per engine, in its folder.
/// </summary>
/// <remarks>
/// Asynchronous, because a PostgreSQL read waits on the network: a thread blocked on it is a thread the server cannot
/// use for another request. SQLite's statements run synchronously whatever the method, so its connections complete
/// each call before returning, without allocating a task.
/// </remarks>
internal interface IReadConnections : IDisposable
{
    /// <summary>An open connection for one read; disposing it gives it back.</summary>
    ValueTask<ReadConnection> RentAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A data reader that lends a text column as UTF-8 without making a string (SQLite's, whose text is UTF-8 already): the
/// JSON writer takes the bytes as they are. Readers without it are read through <see cref="DbDataReader.GetString"/>.
/// </summary>
internal interface IUtf8Text
{
    /// <summary>The column's text as UTF-8, valid until the reader moves on.</summary>
    ReadOnlySpan<byte> GetUtf8(int ordinal);
}

/// <summary>One open connection lent to one read at a time.</summary>
internal abstract class ReadConnection : IDisposable
{
    /// <summary>
    /// Runs <paramref name="sql"/> with its values bound, on the command prepared for that text on this connection.
    /// Dispose the reader before the connection.
    /// </summary>
    public abstract ValueTask<DbDataReader> ExecuteAsync(Sql sql, CancellationToken cancellationToken);

    /// <summary>Gives the connection back.</summary>
    public abstract void Dispose();
}

/// <summary>SQL text and its parameter values, @p0, @p1, … in order of appearance: the form both engines' providers bind by name.</summary>
internal sealed class Sql(string start)
{
    private readonly StringBuilder _text = new StringBuilder(512).Append(start);

    public List<object> Values { get; } = [];

    /// <summary>
    /// True when one plan serves every value of the parameters: the conditions are equalities on the leading columns of
    /// an index, so the values change which entries are read, never how. PostgreSQL then plans the statement once per
    /// connection; otherwise it plans each execution for its values, which a statement with LIMIT and OFFSET parameters
    /// always gets, since its one plan cannot know how many rows are wanted. SQLite plans every statement once.
    /// </summary>
    public bool PlanOnce { get; set; }

    public string Text => _text.ToString();

    public Sql Append(string text)
    {
        _text.Append(text);
        return this;
    }

    public Sql Parameter(object value)
    {
        _text.Append(ParameterName(Values.Count));
        Values.Add(value);
        return this;
    }

    /// <summary>The name of the <paramref name="index"/>th parameter.</summary>
    public static string ParameterName(int index) => index switch
    {
        0 => "@p0",
        1 => "@p1",
        2 => "@p2",
        3 => "@p3",
        _ => "@p" + index.ToString(CultureInfo.InvariantCulture),
    };
}
