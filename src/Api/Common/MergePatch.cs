using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace RelationsApi.Api.Common;

/// <summary>JSON merge patch (RFC 7396): read a patch document and merge it into a record's current write body.</summary>
internal static class MergePatch
{
    public const string ContentType = "application/merge-patch+json";

    /// <summary>Reads the request body as a merge-patch object; 415 for another media type, 400 for anything but a JSON object.</summary>
    public static async Task<JsonObject> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException($"PATCH reads {ContentType}.", StatusCodes.Status415UnsupportedMediaType);
        }
        var document = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        return document as JsonObject ?? throw new JsonException("A merge patch must be a JSON object.");
    }

    /// <summary>
    /// The first member of <paramref name="patch"/> that the write body <paramref name="body"/> does not have (names match
    /// regardless of letter case, as in bodies), whatever its value; null when every member is known.
    /// </summary>
    public static string? UnknownMember(JsonObject patch, JsonTypeInfo body)
    {
        foreach (var (name, _) in patch)
        {
            if (!body.Properties.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="target"/>: members in the patch replace those in the target,
    /// null removes a member, nested objects merge the same way, anything else replaces the target whole.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Apply(result[name], value);
                result.Remove(name);
                result[name] = merged;
            }
        }
        return result;
    }
}
