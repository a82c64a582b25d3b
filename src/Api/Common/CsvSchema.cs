using System.Globalization;
using System.Reflection;
using System.Text;

namespace RelationsApi.Api.Common;

/// <summary>
/// The columns of one resource's CSV, derived from its write body so that import and export share one definition:
/// <c>id</c>, <c>externalId</c>, the resource's own fields in declaration order, <c>sources</c>, then <c>version</c>,
/// <c>createdAt</c> and <c>updatedAt</c>. Each column is named as the field is in JSON.
/// </summary>
internal static class CsvSchema<TWrite> where TWrite : RecordWrite
{
    public static IReadOnlyList<CsvColumn<TWrite>> Columns { get; } = Build();

    /// <summary>The columns an import file fills: every column but the server's (id, version, createdAt, updatedAt), in export order.</summary>
    public static IReadOnlyList<CsvColumn<TWrite>> WriteColumns { get; } =
        Columns.Where(c => c.Name is not ("id" or "version" or "createdAt" or "updatedAt")).ToList();

    /// <summary>The column names, comma-separated, for messages.</summary>
    public static string NameList { get; } = string.Join(", ", Columns.Select(c => c.Name));

    /// <summary>Header names match regardless of letter case and of spaces around them.</summary>
    public static CsvColumn<TWrite>? Find(string headerName) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, headerName.Trim(), StringComparison.OrdinalIgnoreCase));

    private static List<CsvColumn<TWrite>> Build()
    {
        var own = typeof(TWrite).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .OrderBy(p => p.MetadataToken);
        var columns = new List<CsvColumn<TWrite>>
        {
            Column(nameof(RecordWrite.Id), row => row.Id),
            Column(nameof(RecordWrite.ExternalId)),
        };
        columns.AddRange(own.Select(p => Column(p.Name)));
        columns.Add(Column(nameof(RecordWrite.Sources)));
        columns.Add(Column(nameof(RecordWrite.Version), row => row.Version));
        columns.Add(Column(nameof(RecordWrite.CreatedAt), row => row.CreatedAt));
        columns.Add(Column(nameof(RecordWrite.UpdatedAt), row => row.UpdatedAt));
        return columns;
    }

    private static CsvColumn<TWrite> Column(string propertyName, Func<ExportRow<TWrite>, object?>? serverValue = null)
    {
        var property = typeof(TWrite).GetProperty(propertyName)!;
        return new CsvColumn<TWrite>(
            JsonNamingPolicy.CamelCase.ConvertName(property.Name),
            property,
            CsvCell.For(property.PropertyType),
            serverValue ?? (row => property.GetValue(row.Body)));
    }
}

/// <summary>One column: its header name, the write body property it fills, and how its cells are written and read.</summary>
internal sealed record CsvColumn<TWrite>(string Name, PropertyInfo Property, CsvCell Cell, Func<ExportRow<TWrite>, object?> ExportValue)
    where TWrite : RecordWrite
{
    /// <summary>Whether the column holds a decimal number (which a ';'-separated file may write with a decimal comma).</summary>
    public bool IsDecimal { get; } = (Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType) == typeof(decimal);
}

/// <summary>The errors of one row: field path → messages, each message naming the line (of a CSV file) or row (of a spreadsheet).</summary>
internal sealed class CsvRowErrors(int line, string lineName = "line")
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public int Line => line;

    /// <summary>What messages call the line: "line" or "row".</summary>
    public string LineName => lineName;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(string.Create(CultureInfo.InvariantCulture, $"{lineName} {line}: {message}"));
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>
/// How one type of value is written to a cell and read back. Text cells (strings and lists) are protected from
/// spreadsheets that would run them as formulas: see <see cref="CsvText.Protect"/>.
/// </summary>
internal abstract class CsvCell
{
    /// <summary>Whether the cell holds text, which a spreadsheet could take for a formula.</summary>
    public abstract bool IsText { get; }

    /// <summary>The cell's text for a value, or null for an empty cell.</summary>
    public abstract string? Write(object? value);

    /// <summary>The value of a non-empty cell; false (with an error added under <paramref name="field"/>) when it does not convert.</summary>
    public abstract bool TryRead(string text, string field, CsvRowErrors errors, out object? value);

    public static CsvCell For(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return new TextCell();
        }
        if (underlying.IsEnum)
        {
            return (CsvCell)Activator.CreateInstance(typeof(EnumCell<>).MakeGenericType(underlying))!;
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = underlying.GetGenericArguments()[0];
            return (CsvCell)Activator.CreateInstance(typeof(ListCell<>).MakeGenericType(item))!;
        }
        return Scalars.TryGetValue(underlying, out var scalar)
            ? scalar
            : throw new NotSupportedException($"No CSV form for {type.Name}.");
    }

    private static readonly Dictionary<Type, CsvCell> Scalars = new()
    {
        [typeof(int)] = new ScalarCell<int>(
            v => v.ToString(CultureInfo.InvariantCulture),
            (string t, out int v) => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v),
            "a whole number"),
        // Money: at least two decimals, as the JSON writes it, and never rounded.
        [typeof(decimal)] = new ScalarCell<decimal>(
            v => v.ToString("0.00##########################", CultureInfo.InvariantCulture),
            (string t, out decimal v) => decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v),
            "a number with '.' before any decimals and no thousands separators"),
        [typeof(DateOnly)] = new ScalarCell<DateOnly>(
            v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (string t, out DateOnly v) => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out v),
            "a full date, YYYY-MM-DD"),
        [typeof(DateTime)] = new ScalarCell<DateTime>(
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            (string t, out DateTime v) => DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out v),
            "an ISO 8601 timestamp such as 2024-01-31T12:00:00Z"),
        [typeof(PartialDate)] = new ScalarCell<PartialDate>(
            v => v.ToString(),
            PartialDate.TryParse,
            "a partial date: YYYY, YYYY-MM or YYYY-MM-DD"),
    };

    /// <summary>The value as a message quotes it: short enough to read.</summary>
    protected static string Quote(string text) => text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";

    private sealed class TextCell : CsvCell
    {
        public override bool IsText => true;

        public override string? Write(object? value) => (string?)value;

        public override bool TryRead(string text, string field, CsvRowErrors errors, out object? value)
        {
            value = text;
            return true;
        }
    }

    private delegate bool TryParse<T>(string text, out T value);

    private sealed class ScalarCell<T>(Func<T, string> format, TryParse<T> parse, string expected) : CsvCell where T : struct
    {
        public override bool IsText => false;

        public override string? Write(object? value) => value is T typed ? format(typed) : null;

        public override bool TryRead(string text, string field, CsvRowErrors errors, out object? value)
        {
            if (parse(text, out var parsed))
            {
                value = parsed;
                return true;
            }
            errors.Add(field, $"'{field}' must be {expected}; {Quote(text)} is not.");
            value = null;
            return false;
        }
    }

    private sealed class EnumCell<T> : CsvCell where T : struct, Enum
    {
        public override bool IsText => false;

        public override string? Write(object? value) => value is T typed ? EnumText<T>.Name(typed) : null;

        public override bool TryRead(string text, string field, CsvRowErrors errors, out object? value)
        {
            // Any letter case, as in JSON bodies.
            if (EnumText<T>.TryParse(text, ignoreCase: true, out var parsed))
            {
                value = parsed;
                return true;
            }
            errors.Add(field, $"'{field}' must be one of: {EnumText<T>.AllowedList}; {Quote(text)} is not.");
            value = null;
            return false;
        }
    }

    /// <summary>
    /// A list in one cell, its items joined with ';'. An item that is an object (an airline, a source) has its fields
    /// joined with '|' in declaration order (code|name, name|url|publishedOn), empty trailing fields left out.
    /// </summary>
    private sealed class ListCell<TItem> : CsvCell
    {
        private static readonly PropertyInfo[] Parts = typeof(TItem) == typeof(string)
            ? []
            : typeof(TItem).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken).ToArray();

        private static readonly CsvCell[] PartCells = Parts.Select(p => For(p.PropertyType)).ToArray();

        private static readonly string PartNames = string.Join("|", Parts.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

        public override bool IsText => true;

        public override string? Write(object? value)
        {
            if (value is not IReadOnlyList<TItem> { Count: > 0 } items)
            {
                return null;
            }
            return string.Join(CsvText.ItemSeparator, items.Select(WriteItem));
        }

        private static string WriteItem(TItem item)
        {
            if (item is string text)
            {
                return CsvText.Escape(text);
            }
            var parts = Parts.Select((p, i) => CsvText.Escape(PartCells[i].Write(p.GetValue(item)) ?? "")).ToList();
            while (parts.Count > 1 && parts[^1].Length == 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }
            return string.Join(CsvText.PartSeparator, parts);
        }

        public override bool TryRead(string text, string field, CsvRowErrors errors, out object? value)
        {
            var items = new List<TItem>();
            var ok = true;
            var rawItems = CsvText.Split(text, CsvText.ItemSeparator);
            for (var i = 0; i < rawItems.Count; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
                if (typeof(TItem) == typeof(string))
                {
                    items.Add((TItem)(object)CsvText.Unescape(rawItems[i]));
                    continue;
                }
                ok &= TryReadItem(rawItems[i], path, errors, out var item);
                items.Add(item!);
            }
            value = ok ? items : null;
            return ok;
        }

        private static bool TryReadItem(string raw, string path, CsvRowErrors errors, out TItem? item)
        {
            item = default;
            var rawParts = CsvText.Split(raw, CsvText.PartSeparator);
            if (rawParts.Count > Parts.Length)
            {
                errors.Add(path, $"'{path}' has {rawParts.Count} parts separated by '|'; it is written {PartNames} "
                    + "(write \\| for a '|' inside a value, \\; for a ';' and \\\\ for a '\\').");
                return false;
            }
            var created = Activator.CreateInstance<TItem>();
            var ok = true;
            for (var i = 0; i < rawParts.Count; i++)
            {
                var text = CsvText.Unescape(rawParts[i]);
                if (text.Length == 0)
                {
                    continue;   // an empty part is an absent field, as an empty cell is
                }
                var partPath = $"{path}.{JsonNamingPolicy.CamelCase.ConvertName(Parts[i].Name)}";
                if (PartCells[i].TryRead(text, partPath, errors, out var partValue))
                {
                    Parts[i].SetValue(created, partValue);
                }
                else
                {
                    ok = false;
                }
            }
            item = created;
            return ok;
        }
    }
}

/// <summary>The text rules of the CSV format: escapes inside list cells, and protection from spreadsheet formulas.</summary>
internal static class CsvText
{
    /// <summary>Between the items of a list cell: <c>KZ;KR</c>.</summary>
    public const char ItemSeparator = ';';

    /// <summary>Between the parts of an item that has several, such as a source's name and address.</summary>
    public const char PartSeparator = '|';

    /// <summary>Before a separator, or itself, that belongs to a value rather than divides it.</summary>
    public const char EscapeChar = '\\';

    /// <summary>What a spreadsheet may run as a formula when a cell starts with it (OWASP's list).</summary>
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>What a spreadsheet takes as "this cell is text", and we put in front of a formula-looking cell.</summary>
    public const char TextMarker = '\'';

    /// <summary>
    /// The cell as written: with a leading apostrophe when it starts with a formula character, or with apostrophes
    /// followed by one (so that <see cref="Unprotect"/> gives back exactly the value).
    /// </summary>
    public static string Protect(string cell) => NeedsMarker(cell) ? TextMarker + cell : cell;

    /// <summary>
    /// The value of a cell as read: one leading apostrophe is dropped when what follows it would have been protected
    /// (<c>'=1+2</c> reads as <c>=1+2</c>, <c>''=x</c> as <c>'=x</c>); any other apostrophe is part of the value (<c>'tis</c>).
    /// </summary>
    public static string Unprotect(string cell) =>
        cell.Length > 1 && cell[0] == TextMarker && NeedsMarker(cell.AsSpan(1)) ? cell[1..] : cell;

    private static bool NeedsMarker(ReadOnlySpan<char> cell)
    {
        var i = 0;
        while (i < cell.Length && cell[i] == TextMarker)
        {
            i++;
        }
        return i < cell.Length && FormulaStarts.Contains(cell[i]);
    }

    /// <summary>One list item or item field, with '\', ';' and '|' escaped by a backslash.</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny(['\\', ItemSeparator, PartSeparator]) < 0)
        {
            return value;
        }
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (IsEscapable(c))
            {
                escaped.Append(EscapeChar);
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Splits at every <paramref name="separator"/> not escaped by a backslash, leaving the escapes in the pieces.</summary>
    public static List<string> Split(string text, char separator)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == EscapeChar && i + 1 < text.Length && IsEscapable(text[i + 1]))
            {
                i++;
            }
            else if (text[i] == separator)
            {
                pieces.Add(text[start..i]);
                start = i + 1;
            }
        }
        pieces.Add(text[start..]);
        return pieces;
    }

    /// <summary>Undoes <see cref="Escape(string)"/>: \\ \; \| become \ ; |, and a backslash before anything else stays.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains(EscapeChar, StringComparison.Ordinal))
        {
            return text;
        }
        var value = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == EscapeChar && i + 1 < text.Length && IsEscapable(text[i + 1]))
            {
                i++;
            }
            value.Append(text[i]);
        }
        return value.ToString();
    }

    private static bool IsEscapable(char c) => c is EscapeChar or ItemSeparator or PartSeparator;
}
