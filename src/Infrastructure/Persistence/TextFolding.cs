namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Case-insensitive text search for every script. SQLite's own LIKE and lower() fold ASCII letters only, so
/// "казахстан" would not find "Казахстан"; a "fold" function backed by .NET's invariant lower-casing is registered
/// on every native connection (<see cref="ConnectionSetup"/>) and mapped for LINQ as <see cref="Fold"/>.
/// </summary>
public static class TextFolding
{
    public const string FunctionName = "fold";

    /// <summary>The text in invariant lower case; in LINQ it runs inside SQLite.</summary>
    public static string? Fold(string? text) => text?.ToLowerInvariant();
}
