using System.Buffers;
using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RelationsApi.Infrastructure.Persistence.Reading;

/// <summary>
/// Reading the storage formats EF's conversions define (<see cref="Conversions"/>) from a data reader, and writing them
/// as the API's JSON writes the values they hold: instants as UTC, money from whole cents, sources from their JSON.
/// </summary>
internal static class StoredValues
{
    /// <summary>
    /// An instant column as EF reads it, marked UTC. SQLite keeps instants as text ("yyyy-MM-dd HH:mm:ss.FFFFFFF"),
    /// PostgreSQL as timestamp with time zone.
    /// </summary>
    public static DateTime Instant(DbDataReader row, int column)
    {
        if (row is IUtf8Text utf8)
        {
            // SQLite's text, read without making a string when it is in the format EF writes (ASCII, at most 27 characters).
            var bytes = utf8.GetUtf8(column);
            Span<char> chars = stackalloc char[27];
            if (bytes.Length <= chars.Length && Ascii.ToUtf16(bytes, chars, out var length) == OperationStatus.Done
                && StoredInstant.TryParse(chars[..length], out var instant))
            {
                return instant;
            }
        }
        if (row.GetFieldType(column) == typeof(string))
        {
            var text = row.GetString(column);
            return StoredInstant.TryParse(text, out var value)
                ? value
                : DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);   // what EF does
        }
        return DateTime.SpecifyKind(row.GetDateTime(column), DateTimeKind.Utc);
    }

    /// <summary>An amount of whole cents as the decimal number the response type writes: always two decimals ("6530000000.00").</summary>
    public static void WriteCents(Utf8JsonWriter json, ReadOnlySpan<byte> name, long cents)
    {
        Span<byte> text = stackalloc byte[24];
        var length = 0;
        if (cents < 0)
        {
            text[length++] = (byte)'-';
        }
        Utf8Formatter.TryFormat(Math.Abs(cents / 100), text[length..], out var written);
        length += written;
        var hundredths = (int)Math.Abs(cents % 100);
        text[length++] = (byte)'.';
        text[length++] = (byte)('0' + (hundredths / 10));
        text[length++] = (byte)('0' + (hundredths % 10));
        json.WritePropertyName(name);
        json.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>A text column that may be NULL.</summary>
    public static void WriteText(Utf8JsonWriter json, ReadOnlySpan<byte> name, DbDataReader row, int column)
    {
        if (row.IsDBNull(column))
        {
            json.WriteNull(name);
        }
        else if (row is IUtf8Text utf8)
        {
            json.WriteString(name, utf8.GetUtf8(column));
        }
        else
        {
            json.WriteString(name, row.GetString(column));
        }
    }

    /// <summary>A sources column as the JSON of the response's source list: name, url, publishedOn, nulls included.</summary>
    public static void WriteSources(Utf8JsonWriter json, ReadOnlySpan<byte> name, DbDataReader row, int column)
    {
        if (row is IUtf8Text utf8)
        {
            WriteSources(json, name, utf8.GetUtf8(column));
            return;
        }
        var sourcesJson = row.GetString(column);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(sourcesJson.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(sourcesJson, buffer);
            WriteSources(json, name, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteSources(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> sourcesJson)
    {
        json.WriteStartArray(name);
        var sources = new SourceReader(sourcesJson);
        while (sources.Read())
        {
            json.WriteStartObject();
            WriteText(json, "name"u8, sources.Name);
            WriteText(json, "url"u8, sources.Url);
            WriteText(json, "publishedOn"u8, sources.PublishedOn);   // a DateOnly the column wrote as yyyy-MM-dd, as the response does
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter json, ReadOnlySpan<byte> name, Utf8Value value)
    {
        if (value.IsNull)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value.Bytes);
        }
    }
}
