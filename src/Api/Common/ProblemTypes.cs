namespace RelationsApi.Api.Common;

/// <summary>Serves a short description at each problem type URI, so the URIs clients branch on also explain themselves.</summary>
internal static class ProblemTypes
{
    /// <summary>A kind of error the API reports.</summary>
    /// <param name="Type">The URI problem bodies carry in 'type'.</param>
    /// <param name="Description">What it means and what to do.</param>
    public sealed record ProblemType(string Type, string Description);

    public static IEndpointRouteBuilder MapProblemTypes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/problems/{kind}", Describe).WithName("getProblemType").WithTags("Service").ProducesProblem(404);
        return app;
    }

    /// <summary>Describes one kind of error by the last segment of its type URI.</summary>
    private static Results<Ok<ProblemType>, ProblemHttpResult> Describe(string kind) =>
        Problems.Descriptions.TryGetValue(kind, out var description)
            ? TypedResults.Ok(new ProblemType(Problems.TypeUri(kind), description))
            : TypedResults.Problem(statusCode: 404, detail: $"There is no problem type '{kind}'. Known: {string.Join(", ", Problems.Descriptions.Keys)}.");
}
