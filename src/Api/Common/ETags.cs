using Microsoft.Net.Http.Headers;

namespace RelationsApi.Api.Common;

/// <summary>A record's ETag is its version in quotes: "3".</summary>
internal static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    public static void SetETag(this HttpResponse response, int version) => response.Headers.ETag = For(version);

    /// <summary>If-None-Match names the current version (or *): the client's copy is fresh. Weak comparison, as RFC 9110 asks.</summary>
    public static bool MatchesETag(this HttpRequest request, int version)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }
        var current = new EntityTagHeaderValue(For(version));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }

    /// <summary>True when there is no If-Match, or it names the current version (or *). Strong comparison, as RFC 9110 asks.</summary>
    public static bool IfMatchAllows(this HttpRequest request, int version)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return true;
        }
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }
        var current = new EntityTagHeaderValue(For(version));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true));
    }
}
