namespace RelationsApi.Domain.Common;

/// <summary>What counts as text at all.</summary>
public static class TextRules
{
    /// <summary>
    /// Null, empty, or made only of white space and zero-width characters (U+200B–U+200D, U+FEFF): nothing a reader
    /// would see. Blank text is refused where text is required and stored as absent where it is optional.
    /// </summary>
    public static bool IsBlank(string? text)
    {
        foreach (var c in text ?? "")
        {
            if (!char.IsWhiteSpace(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\uFEFF'))
            {
                return false;
            }
        }
        return true;
    }
}
