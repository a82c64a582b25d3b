using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RelationsApi.Api.Common;

/// <summary>
/// Turns the exceptions a request can cause into problem details: unreadable input keeps its 4xx status and gets a
/// detail that names the JSON path or parameter (never a .NET type), and domain rules become field errors. Anything
/// else is a logged 500 with a generic body. (Lost races and duplicate keys are write outcomes, not exceptions.)
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem.Status == 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => DescribeJson(json),
        BadHttpRequestException bad => DescribeBadRequest(bad),
        JsonException json => DescribeJson(json),
        DomainRuleException rule => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [rule.Field] = [rule.Message] })
        {
            Status = 400,
            Title = "One or more fields are invalid",
        },
        _ => new ProblemDetails { Status = 500, Title = "Internal server error" },
    };

    private static ProblemDetails DescribeJson(JsonException json)
    {
        var field = FieldPath(string.IsNullOrEmpty(json.Path) ? "$" : json.Path);
        if (IsSyntaxError(json) || field.Length == 0)
        {
            return new HttpValidationProblemDetails
            {
                Status = 400,
                Title = "Malformed JSON",
                Type = Problems.TypeUri(Problems.MalformedRequest),
                Detail = json.LineNumber is { } line
                    ? $"The body is not a JSON document of the expected shape (line {line + 1}, byte {json.BytePositionInLine + 1})."
                    : "The body is not a JSON document of the expected shape.",
            };
        }
        var message = Message(json);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = "The request body could not be read",
            Detail = $"'{field}': {message}",
            Type = Problems.TypeUri(Problems.MalformedRequest),
        };
    }

    /// <summary>What is wrong with the value at the exception's JSON path, in words safe to show a client.</summary>
    internal static string Message(JsonException json) => json switch
    {
        InputFormatException own => own.Message,
        _ when UnmappedMember().IsMatch(json.Message) => Problems.UnknownPropertyMessage,
        _ when json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "The property appears more than once.",
        _ => "The value has the wrong type or format.",
    };

    /// <summary>"$.airlines[0].code" → "airlines[0].code"; "$" or none → "".</summary>
    internal static string FieldPath(JsonException json) => FieldPath(string.IsNullOrEmpty(json.Path) ? "$" : json.Path);

    /// <summary>The reader's own errors (broken syntax, truncated input) come as a subclass the serializer keeps internal.</summary>
    private static bool IsSyntaxError(JsonException json) =>
        json.GetType().Name == "JsonReaderException" || json.InnerException?.GetType().Name == "JsonReaderException";

    private static ProblemDetails DescribeBadRequest(BadHttpRequestException bad)
    {
        if (BindFailure().Match(bad.Message) is { Success: true } failure)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(failure.Groups["name"].Value);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [name] = [$"'{Shorten(failure.Groups["value"].Value)}' is not a valid value for '{name}'."],
            })
            {
                Status = 400,
                Title = "One or more fields are invalid",
            };
        }
        // Every 400 has the validation shape (with 'errors', maybe empty), as the OpenAPI document promises.
        return new HttpValidationProblemDetails
        {
            Status = bad.StatusCode,
            Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(bad.StatusCode),
            Type = Problems.TypeUri(Problems.KindOf(bad.StatusCode, hasFieldErrors: false)),
            Detail = bad.StatusCode switch
            {
                413 => "The request body is larger than the API accepts.",
                415 => "This operation reads application/json bodies (PATCH reads application/merge-patch+json).",
                _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => "This operation needs a JSON body.",
                _ => "The request could not be read.",
            },
        };
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    /// <summary>"$.airlines[0].code" → "airlines[0].code"; "$" → "".</summary>
    private static string FieldPath(string jsonPath) => jsonPath.TrimStart('$').TrimStart('.');

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();
}
