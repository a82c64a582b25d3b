using System.Globalization;
using System.Text;
using System.Text.Json;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>A text column's value as UTF-8, or null; lent until the cursor moves on.</summary>
public readonly ref struct Utf8Value(ReadOnlySpan<byte> bytes, bool isNull)
{
    public ReadOnlySpan<byte> Bytes { get; } = bytes;
    public bool IsNull { get; } = isNull;
}

/// <summary>
/// The rows of one trade record query, read one at a time straight from SQLite's statement; disposing it resets the
/// statement (ending its read of the database) and gives the connection back. The values are those EF reads for the
/// same row: money from whole cents with two decimals, instants as UTC, the sources' JSON as the column holds it.
/// </summary>
public sealed class TradeRecordCursor : SqliteCursor
{
    private const int IdColumn = 0, ExternalIdColumn = 1, ReporterColumn = 2, PartnerColumn = 3, FlowColumn = 4, YearColumn = 5, MonthColumn = 6;
    private const int HsCodeColumn = 7, CommodityColumn = 8, CentsColumn = 9, SourcesColumn = 10, CreatedColumn = 11, UpdatedColumn = 12, VersionColumn = 13;

    private static readonly byte[] Export = "Export"u8.ToArray(), Import = "Import"u8.ToArray(), Turnover = "Turnover"u8.ToArray();

    internal TradeRecordCursor(ReadConnections.ReadConnection connection, Sql sql, CancellationToken cancellationToken)
        : base(connection, sql, cancellationToken)
    {
    }

    public int Id => Int32(IdColumn);
    public Utf8Value ExternalId => Text(ExternalIdColumn);
    public ReadOnlySpan<byte> ReporterCountry => Utf8(ReporterColumn);
    public ReadOnlySpan<byte> PartnerCountry => Utf8(PartnerColumn);
    public TradeFlow Flow => ParseFlow(Utf8(FlowColumn));
    public int Year => Int32(YearColumn);
    public int? Month => IsNull(MonthColumn) ? null : Int32(MonthColumn);
    public Utf8Value HsCode => Text(HsCodeColumn);
    public Utf8Value Commodity => Text(CommodityColumn);

    /// <summary>As <see cref="CentsConverter"/> reads it: always two decimals.</summary>
    public decimal ValueUsd => ValueUsdCents * 0.01m;

    /// <summary>The value in whole cents, as stored.</summary>
    public long ValueUsdCents => Int64(CentsColumn);

    /// <summary>The sources column: a JSON array of <see cref="Source"/> objects, written with <see cref="JsonColumn.Options"/>.</summary>
    public ReadOnlySpan<byte> SourcesJson => Utf8(SourcesColumn);

    public DateTime CreatedAt => StoredInstant.Parse(StoredCreatedAt);
    public DateTime UpdatedAt => StoredInstant.Parse(StoredUpdatedAt);

    /// <summary>The creation instant as stored (see <see cref="StoredInstant"/>).</summary>
    public ReadOnlySpan<byte> StoredCreatedAt => Utf8(CreatedColumn);

    /// <summary>The last change's instant as stored (see <see cref="StoredInstant"/>).</summary>
    public ReadOnlySpan<byte> StoredUpdatedAt => Utf8(UpdatedColumn);
    public int Version => Int32(VersionColumn);

    /// <summary>The current row as a record, sources parsed as EF parses them.</summary>
    public TradeRecordRow ToRow() => new(
        Id,
        String(ExternalId),
        Encoding.UTF8.GetString(ReporterCountry),
        Encoding.UTF8.GetString(PartnerCountry),
        Flow,
        Year,
        Month,
        String(HsCode),
        String(Commodity),
        ValueUsd,
        JsonSerializer.Deserialize<List<Source>>(SourcesJson, JsonColumn.Options) ?? [],
        CreatedAt,
        UpdatedAt,
        Version);

    internal static string FlowText(TradeFlow flow) => flow switch
    {
        TradeFlow.Export => nameof(TradeFlow.Export),
        TradeFlow.Import => nameof(TradeFlow.Import),
        TradeFlow.Turnover => nameof(TradeFlow.Turnover),
        _ => flow.ToString(),
    };

    private static TradeFlow ParseFlow(ReadOnlySpan<byte> text) =>
        text.SequenceEqual(Export) ? TradeFlow.Export
        : text.SequenceEqual(Import) ? TradeFlow.Import
        : text.SequenceEqual(Turnover) ? TradeFlow.Turnover
        : Enum.Parse<TradeFlow>(Encoding.UTF8.GetString(text));   // what EF's enum-to-string converter does
}

/// <summary>Reads the sources column's JSON, one source at a time, with each value unescaped.</summary>
public ref struct SourceReader
{
    private Utf8JsonReader _json;

    public SourceReader(ReadOnlySpan<byte> sourcesJson)
    {
        _json = new Utf8JsonReader(sourcesJson);
        _json.Read();
        IsNull = _json.TokenType == JsonTokenType.Null;   // "null" reads as no sources, as EF's converter has it
        if (!IsNull && _json.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("The sources column holds no JSON array.");
        }
    }

    public bool IsNull { get; }

    public Utf8Value Name { get; private set; }
    public Utf8Value Url { get; private set; }
    public Utf8Value PublishedOn { get; private set; }

    /// <summary>Moves to the next source; false after the last. Properties the response has no place for are skipped.</summary>
    public bool Read()
    {
        if (IsNull || !_json.Read() || _json.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A source in the sources column is not an object.");
        }
        Name = Url = PublishedOn = new Utf8Value(default, isNull: true);
        while (_json.Read() && _json.TokenType == JsonTokenType.PropertyName)
        {
            // Property names as JsonColumn.Options (web defaults) read them: case-insensitive.
            var name = _json.ValueTextEquals("name"u8) ? 1 : _json.ValueTextEquals("url"u8) ? 2 : _json.ValueTextEquals("publishedOn"u8) ? 3 : 0;
            if (name == 0)
            {
                name = CaseInsensitive(ref _json);
            }
            _json.Read();
            if (name == 0)
            {
                _json.Skip();
                continue;
            }
            var value = _json.TokenType == JsonTokenType.Null ? new Utf8Value(default, isNull: true) : new Utf8Value(Unescaped(), isNull: false);
            switch (name)
            {
                case 1: Name = value; break;
                case 2: Url = value; break;
                default: PublishedOn = value; break;
            }
        }
        return true;
    }

    private static int CaseInsensitive(ref Utf8JsonReader json)
    {
        var text = json.GetString();
        return string.Equals(text, "name", StringComparison.OrdinalIgnoreCase) ? 1
            : string.Equals(text, "url", StringComparison.OrdinalIgnoreCase) ? 2
            : string.Equals(text, "publishedOn", StringComparison.OrdinalIgnoreCase) ? 3
            : 0;
    }

    private readonly ReadOnlySpan<byte> Unescaped()
    {
        if (_json.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A source's value is {_json.TokenType.ToString().ToLower(CultureInfo.InvariantCulture)}, not a string.");
        }
        if (!_json.ValueIsEscaped)
        {
            return _json.ValueSpan;
        }
        var unescaped = new byte[_json.ValueSpan.Length];   // rare: only text with characters the column's encoder escapes
        return unescaped.AsSpan(0, _json.CopyString(unescaped));
    }
}
