namespace RelationsApi.Api.Common;

internal static class Json
{
    /// <summary>
    /// The API's JSON rules, applied to both the endpoints' and Swashbuckle's options so the document matches the wire:
    /// camelCase names, enums as camelCase strings, partial dates as strings, and unknown properties rejected.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new CamelCaseEnumConverter());
        options.Converters.Add(new PartialDateJsonConverter());
        // Never used on the wire (the converter above comes first and wins); its presence tells Swashbuckle that
        // enums are strings, and their names come from serializing each value, so they match the wire.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // Responses are written with source-generated metadata; the converters above still apply to their members.
        // Everything else (write bodies, problems) keeps the reflection-based resolver.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(
            [.. Resources.All.Select(r => r.ResponseJson), options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()]);
    }
}

/// <summary>Writes enums as camelCase strings; reads them in any letter case, and nothing else (no numbers).</summary>
internal sealed class CamelCaseEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Strict<>).MakeGenericType(typeToConvert))!;

    private sealed class Strict<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return EnumText<T>.TryParse(text, ignoreCase: true, out var value)
                ? value
                : throw new InputFormatException($"Expected one of: {EnumText<T>.AllowedList}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(EnumText<T>.Name(value));
    }
}

internal sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return PartialDate.TryParse(text, out var date)
            ? date
            : throw new InputFormatException("Expected a partial date as a string: YYYY, YYYY-MM or YYYY-MM-DD.");
    }

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>A value the API's own converters refuse; its message is written for clients and safe to show them.</summary>
internal sealed class InputFormatException(string message) : JsonException(message);

/// <summary>The camelCase names of an enum's values, as they appear in JSON and in query strings.</summary>
internal static class EnumText<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names =
        Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

    /// <summary>Every value's name, in the enum's order.</summary>
    public static IReadOnlyList<string> Values { get; } = [.. Names.Values];

    public static string AllowedList { get; } = string.Join(", ", Values);

    public static string Name(T value) => Names[value];

    public static bool TryParse(string? text, bool ignoreCase, out T value)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (candidate, name) in Names)
        {
            if (string.Equals(name, text, comparison))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The value <paramref name="text"/> names in any letter case, or <paramref name="fallback"/> when it is absent or names none.</summary>
    public static T ParseOr(string? text, T fallback) => TryParse(text, ignoreCase: true, out var value) ? value : fallback;

    /// <summary>Parses a comma-separated list ("diplomatic,cultural"); false when any item is not a value.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<T> values)
    {
        var list = new List<T>();
        foreach (var item in text.Split(','))
        {
            if (!TryParse(item.Trim(), ignoreCase: true, out var value))
            {
                values = [];
                return false;
            }
            list.Add(value);
        }
        values = list.Distinct().ToList();
        return true;
    }
}

/// <summary>
/// The API's JSON options outside a request: for the change log's copies of records, the import's rows and the OpenAPI
/// document's examples.
/// </summary>
internal static class RecordJson
{
    /// <summary>The API's JSON options, for use outside a request.</summary>
    internal static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>
    /// The same options for reading a record's response as its write body: the response's properties that the write
    /// body lacks are skipped, and so are the record's own stamps (id, version and times), which a write body has only
    /// to carry an export's row back in.
    /// </summary>
    internal static readonly JsonSerializerOptions ResponseAsWrite = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        TypeInfoResolver = Options.TypeInfoResolver!.WithAddedModifier(info =>
        {
            if (info.Kind == JsonTypeInfoKind.Object && info.Type.IsAssignableTo(typeof(RecordWrite)))
            {
                foreach (var stamp in info.Properties.Where(p => p.Name is "id" or "version" or "createdAt" or "updatedAt").ToList())
                {
                    info.Properties.Remove(stamp);
                }
            }
        }),
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        return options;
    }
}
