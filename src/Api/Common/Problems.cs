using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RelationsApi.Api.Common;

/// <summary>
/// The kinds of error the API reports. Each has a stable <c>type</c> URI (relative to the API's own address, where
/// <c>GET /problems/{kind}</c> describes it) that clients may branch on.
/// </summary>
internal static class Problems
{
    public const string Validation = "validation";
    public const string MalformedRequest = "malformed-request";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string Conflict = "conflict";
    public const string PreconditionFailed = "precondition-failed";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string UriTooLong = "uri-too-long";
    public const string HeadersTooLarge = "headers-too-large";
    public const string TooManyRequests = "too-many-requests";
    public const string InternalError = "internal-error";
    public const string Unavailable = "service-unavailable";
    public const string Timeout = "timeout";
    public const string ChangesCompacted = "changes-compacted";
    public const string Other = "http-error";

    /// <summary>What each kind means, served at /problems/{kind}.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Validation] = "One or more fields or query parameters break a rule; 'errors' maps each field path to its messages.",
        [MalformedRequest] = "The request could not be read: broken JSON, a value of the wrong type, an unknown property, or a bad header.",
        [Unauthorized] = "The request needs an API key (header X-Api-Key) and came without one, or with one that is unknown or revoked.",
        [Forbidden] = "The API key is valid but its scope does not allow this request.",
        [NotFound] = "No resource or record exists at this address.",
        [MethodNotAllowed] = "The address exists but does not accept this HTTP method; the Allow header lists those it does.",
        [Conflict] = "The write would duplicate a unique key; 'existingId' names the record that already has it.",
        [PreconditionFailed] = "If-Match named a version that is no longer current; nothing was changed. GET the record and try again.",
        [PayloadTooLarge] = "The request body is larger than the API accepts.",
        [UnsupportedMediaType] = "The request body's Content-Type is not one this operation reads.",
        [UriTooLong] = "The query string is longer than the API accepts.",
        [HeadersTooLarge] = "The request has more header fields, or larger ones, than the API accepts.",
        [TooManyRequests] = "Too many requests in a short time; wait and retry.",
        [InternalError] = "The server failed unexpectedly; the traceId identifies the failure in its logs.",
        [Unavailable] = "The service cannot answer right now.",
        [Timeout] = "The request took longer than the API allows and was stopped; a write stopped this way is rolled back. Retry later, or split a large import.",
        [ChangesCompacted] = "Changes after the change feed cursor given were removed by compaction, so reading on from it would skip them. Read the feed again from the start (without 'after'): it still rebuilds exactly the current data, deletions included.",
        [Other] = "An HTTP error without a more specific kind.",
    };

    public static string TypeUri(string kind) => $"/problems/{kind}";

    public static string KindOf(int status, bool hasFieldErrors) => status switch
    {
        400 => hasFieldErrors ? Validation : MalformedRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        414 => UriTooLong,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        431 => HeadersTooLarge,
        500 => InternalError,
        503 => Unavailable,
        504 => Timeout,
        _ => Other,
    };

    public static ProblemHttpResult RecordNotFound(string resource, int id) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no {resource} with id {id}.");

    public static ProblemHttpResult StaleVersion(int currentVersion) =>
        TypedResults.Problem(
            statusCode: 412,
            title: "Precondition failed",
            detail: $"If-Match does not match the current version; the record is at version {currentVersion} (ETag \"{currentVersion}\") and was not changed.");

    /// <summary>A 409 naming the record that has the key, when it is known.</summary>
    public static ProblemHttpResult Duplicate(string detail, int? existingId, string? existingLocation) =>
        TypedResults.Problem(
            statusCode: 409,
            title: "Conflict",
            detail: detail,
            extensions: existingId is null ? null : new Dictionary<string, object?> { ["existingId"] = existingId, ["existing"] = existingLocation });

    /// <summary>A 400 in the validation shape: field path → messages.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = 400, Title = "One or more fields are invalid" });

    /// <summary>A 400 for a body that cannot be read at all; in the validation shape with no errors, like every 400.</summary>
    public static ProblemHttpResult Malformed(string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails
        {
            Status = 400,
            Title = "The request body could not be read",
            Type = TypeUri(MalformedRequest),
            Detail = detail,
        });

    public const string UnknownPropertyMessage = "Unknown property; check its spelling against the schema.";

    /// <summary>A 400 naming a body member the resource does not have, as the body reader reports one.</summary>
    public static ProblemHttpResult UnknownProperty(string name) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [name] = [UnknownPropertyMessage],
        })
        {
            Status = 400,
            Title = "The request body could not be read",
            Type = TypeUri(MalformedRequest),
            Detail = $"'{name}': {UnknownPropertyMessage}",
        });

    /// <summary>A 410 for a change feed cursor behind entries that compaction removed.</summary>
    public static ProblemHttpResult Compacted(long highestRemoved) =>
        TypedResults.Problem(
            statusCode: 410,
            title: "Changes compacted",
            type: TypeUri(ChangesCompacted),
            detail: $"Changes after this cursor, up to sequence {highestRemoved}, were removed by compaction. Read the feed again from the start (without 'after').",
            extensions: new Dictionary<string, object?> { ["compactedThrough"] = highestRemoved });

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(statusCode: 413, title: "Payload too large", detail: detail);

    public static ProblemHttpResult UnsupportedContentType(string detail) =>
        TypedResults.Problem(statusCode: 415, title: "Unsupported media type", detail: detail);
}

/// <summary>
/// Writes every problem the framework or the API produces as application/problem+json, whatever the request's
/// Accept header says, filling in the title, the stable type URI and the traceId.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        var status = problem.Status.Value;
        var hasFieldErrors = problem is HttpValidationProblemDetails { Errors.Count: > 0 };
        var kind = Problems.KindOf(status, hasFieldErrors);
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = Problems.TypeUri(kind);
        }
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
        problem.Detail ??= Problems.Descriptions[kind];
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;

        http.Response.StatusCode = status;
        return new ValueTask(http.Response.WriteAsJsonAsync(
            problem,
            problem.GetType(),
            jsonOptions.Value.SerializerOptions,
            contentType: "application/problem+json",
            http.RequestAborted));
    }
}
