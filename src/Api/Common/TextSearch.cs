namespace RelationsApi.Api.Common;

internal static class TextSearch
{
    public const char Escape = '\\';

    /// <summary>A LIKE pattern that finds <paramref name="text"/> anywhere, with its own % and _ taken literally.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
