namespace RelationsApi.Api.Common;

internal static class HeadRequests
{
    /// <summary>
    /// Answers HEAD wherever GET is answered (RFC 9110 asks every server to): the request runs as a GET whose body is
    /// discarded, so status and headers (ETag, Link) are exactly those of the GET. The method is set back to HEAD before
    /// the response starts, so the server sends no body either.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use((http, next) => HttpMethods.IsHead(http.Request.Method) ? AsGetAsync(http, next) : next(http));

    private static async Task AsGetAsync(HttpContext http, RequestDelegate next)
    {
        http.Request.Method = HttpMethods.Get;
        http.Response.Body = Stream.Null;
        try
        {
            await next(http);
        }
        finally
        {
            http.Request.Method = HttpMethods.Head;
        }
    }
}
