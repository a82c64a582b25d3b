namespace RelationsApi.Api.Common;

internal static class ApiRoutes
{
    /// <summary>Every resource lives under this path; Program.cs maps them in one group, so what applies to all is said once.</summary>
    public const string Base = "/api/v1";
}
