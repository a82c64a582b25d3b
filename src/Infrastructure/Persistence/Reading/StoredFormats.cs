using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RelationsApi.Infrastructure.Persistence.Reading;

/// <summary>A text column's value as UTF-8, or null; lent until the cursor moves on.</summary>
internal readonly ref struct Utf8Value(ReadOnlySpan<byte> bytes, bool isNull)
{
    public ReadOnlySpan<byte> Bytes { get; } = bytes;
    public bool IsNull { get; } = isNull;
}

/// <summary>Reads the sources column's JSON, one source at a time, with each value unescaped.</summary>
internal ref struct SourceReader
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

/// <summary>Instants as EF stores them in SQLite: UTC text "yyyy-MM-dd HH:mm:ss.FFFFFFF".</summary>
internal static class StoredInstant
{
    /// <summary>Parses exactly the format EF writes (fraction optional, 1 to 7 digits); false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length < 19 || text.Length == 20 || text.Length > 27
            || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || (text.Length > 19 && text[19] != '.'))
        {
            return false;
        }
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
        {
            return false;
        }
        var ticks = 0;
        if (text.Length > 19)
        {
            var fraction = text[20..];
            if (!Digits(fraction, out ticks))
            {
                return false;
            }
            for (var i = fraction.Length; i < 7; i++)
            {
                ticks *= 10;
            }
        }
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
