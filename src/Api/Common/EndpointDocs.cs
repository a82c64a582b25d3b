namespace RelationsApi.Api.Common;

internal static class EndpointDocs
{
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
}
