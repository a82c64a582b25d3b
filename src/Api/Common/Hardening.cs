using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using RelationsApi.Api.Common.OpenApi;

namespace RelationsApi.Api.Common;

/// <summary>
/// What the API does to be safe in public, apart from keys and rate limits: security headers on every response,
/// limits on the query string and the headers, and a timeout on every request (a longer one for imports) that covers
/// reading a write's body.
/// </summary>
internal static class Hardening
{
    /// <summary>The request timeout policy of the import endpoints; every other request gets the default policy.</summary>
    public const string ImportTimeoutPolicy = "import";

    /// <summary>SHA-256 of the &lt;style&gt; element in Swagger UI's logo (swagger-ui-standalone-preset.js).</summary>
    internal const string SwaggerUiLogoStyleHash = "RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=";

    private const string DocsHeadersPolicy = "docs";

    /// <summary>How much of a write body <see cref="UseWholeWriteBodies"/> keeps in memory before it spills to a temporary file.</summary>
    private const int BodyMemoryBytes = 1024 * 1024;

    public static IServiceCollection AddHardening(this IServiceCollection services)
    {
        // JSON and CSV are never rendered, so their policy allows nothing at all; they are public data, so any site may
        // load them (Cross-Origin-Resource-Policy: cross-origin), as CORS already allows. Swagger UI's page loads its scripts
        // and styles from /swagger, shows data: images from its stylesheet and calls the API itself; its only inline
        // code is the <style> inside its logo, allowed by hash (a test recomputes it from the served script).
        services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(policy => policy.AddDefaultApiSecurityHeaders().AddCrossOriginResourcePolicy(corp => corp.CrossOrigin()))
            .AddPolicy(DocsHeadersPolicy, policy => policy.AddDefaultApiSecurityHeaders().AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self().WithHash256(SwaggerUiLogoStyleHash);
                csp.AddImgSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddBaseUri().None();
                csp.AddFormAction().None();
                csp.AddFrameAncestors().None();
            }))
            .SetPolicySelector(context => context.HttpContext.Request.Path.StartsWithSegments(ApiDocs.UiPath)
                ? context.ConfiguredPolicies[DocsHeadersPolicy]
                : context.DefaultPolicy);

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimits>>((options, limits) =>
        {
            // The status alone: UseStatusCodePages writes the problem body once the timeout has been handled.
            options.DefaultPolicy = new RequestTimeoutPolicy { Timeout = limits.Value.RequestTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout };
            options.AddPolicy(ImportTimeoutPolicy, new RequestTimeoutPolicy { Timeout = limits.Value.ImportTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout });
        });

        // Kestrel's own limits are the backstop, at twice the API's: a request between the two gets the API's
        // problem+json answer, one beyond them Kestrel's bare 414 or 431.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimits>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;   // no need to tell the world what serves the API
            kestrel.Limits.MaxRequestLineSize = 2 * limits.Value.MaxQueryStringLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * limits.Value.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = 2 * limits.Value.MaxRequestHeaderCount;
        });
        return services;
    }

    /// <summary>
    /// Reads the whole body of a write (POST, PUT, PATCH) before its endpoint runs, under the request's timeout (an
    /// import's own, longer one). A body that arrives too slowly ends in the timeout's 504 before anything is written, and
    /// no write transaction waits on a client's upload. Up to <see cref="BodyMemoryBytes"/> stays in memory, the rest of
    /// a larger body goes to a temporary file that is deleted with the request. Body limits (413) apply while reading.
    /// Goes after authorization, so that only a caller allowed to write can make the server keep a body.
    /// </summary>
    public static IApplicationBuilder UseWholeWriteBodies(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (request.ContentLength != 0 && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)))
            {
                request.EnableBuffering(BodyMemoryBytes);
                await request.Body.DrainAsync(http.RequestAborted);   // the token the timeout cancels
                request.Body.Position = 0;
            }
            await next(http);
        });

    /// <summary>Answers a query string over the limit with 414 and headers over the limits with 431, as problem+json.</summary>
    public static IApplicationBuilder UseQueryAndHeaderLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RequestLimits>>().Value;
        return app.Use((http, next) =>
        {
            var query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value!.Length - 1 : 0;   // after the '?'
            var (count, bytes) = Measure(http.Request.Headers);
            IResult? refusal =
                query > limits.MaxQueryStringLength ? TypedResults.Problem(
                    statusCode: StatusCodes.Status414UriTooLong,
                    detail: $"The query string is {query} characters long; the API reads at most {limits.MaxQueryStringLength}.")
                : count > limits.MaxRequestHeaderCount ? TypedResults.Problem(
                    statusCode: StatusCodes.Status431RequestHeaderFieldsTooLarge,
                    detail: $"The request has {count} header fields; the API reads at most {limits.MaxRequestHeaderCount}.")
                : bytes > limits.MaxRequestHeadersBytes ? TypedResults.Problem(
                    statusCode: StatusCodes.Status431RequestHeaderFieldsTooLarge,
                    detail: $"The request's headers take {bytes} bytes; the API reads at most {limits.MaxRequestHeadersBytes}.")
                : null;
            return refusal is not null ? refusal.ExecuteAsync(http) : next(http);
        });
    }

    /// <summary>Header fields (a repeated name counts once per value) and their size, names and values together.</summary>
    private static (int Count, long Bytes) Measure(IHeaderDictionary headers)
    {
        var (count, bytes) = (0, 0L);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0);
            }
        }
        return (count, bytes);
    }
}
