namespace RelationsApi.Api.Common;

internal static class EndpointDocs
{
    /// <summary>
    /// The absolute address of <paramref name="path"/> (from the app's root) on the host and scheme the request came to:
    /// what Location holds, so that a page on another origin that follows it reaches this API, not its own server.
    /// </summary>
    public static string AbsoluteUrl(this HttpRequest request, string path) =>
        Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path);

    /// <summary>Documents problem+json responses for the given statuses.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            endpoint.ProducesProblem(status);
        }
        return endpoint;
    }

    /// <summary>The responses every operation with a JSON body can give besides its own.</summary>
    public static RouteHandlerBuilder ReadsBody(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// A write body that must be present: validated (a missing one is a 400 as well) and documented as required. The
    /// handlers of <see cref="RecordResource{TEntity, TWrite, TResponse, TQuery}"/> take a body of a generic type, whose
    /// nullability the framework cannot read, so it would otherwise call the body optional.
    /// </summary>
    public static RouteHandlerBuilder RequiresBody<TWrite>(this RouteHandlerBuilder endpoint) where TWrite : class =>
        endpoint.Validate<TWrite>().WithMetadata(RequiredBody.Instance);
}

/// <summary>Marks an operation whose request body is required (see <see cref="EndpointDocs.RequiresBody{TWrite}"/>).</summary>
internal sealed class RequiredBody
{
    public static readonly RequiredBody Instance = new();
}
