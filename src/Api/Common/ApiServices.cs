using Microsoft.AspNetCore.Http.Features;
using RelationsApi.Api.Common.OpenApi;

namespace RelationsApi.Api.Common;

internal static class ApiServices
{
    /// <summary>JSON, validators, problem details, OpenAPI, CORS and health checks.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => Json.Configure(options.JsonSerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<RequestLimits>(configuration.GetSection(RequestLimits.Section));
        var pageMegabytes = configuration.GetValue("Api:RememberedPagesMegabytes", RememberedPages.DefaultMegabytes);
        services.AddSingleton(provider => new RememberedPages(provider.GetRequiredService<MatchCounts>(), pageMegabytes * 1024L * 1024));

        Validation.UseCamelCaseNames();
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);

        // Registered before AddProblemDetails so that it comes first and every problem is written as problem+json.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            // A public data API: any origin by default; a deployment may list its own instead. No credentials either way.
            _ = origins.Length == 0 || origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins(origins);
            policy.AllowAnyHeader()
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithExposedHeaders("ETag", "Location", "Link", "Retry-After", "Content-Disposition", "WWW-Authenticate")
                .SetPreflightMaxAge(TimeSpan.FromHours(2));   // browsers keep a preflight at most this long (Chromium's cap)
        }));
        services.AddHardening();   // security headers, query and header limits, request timeouts

        services.AddApiDocs();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }
}

/// <summary>Limits on what a request may send; section "Api" in configuration.</summary>
internal sealed class RequestLimits
{
    public const string Section = "Api";

    /// <summary>The largest request body accepted, in bytes (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body an import endpoint accepts, in bytes (default 50 MiB).</summary>
    public long MaxImportBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most data rows one import request may carry (default 100,000).</summary>
    public int MaxImportRows { get; set; } = 100_000;

    /// <summary>The longest query string accepted, in characters as sent after the '?' (default 4,096); longer is a 414.</summary>
    public int MaxQueryStringLength { get; set; } = 4096;

    /// <summary>The most bytes of request headers accepted, names and values together (default 16 KiB); more is a 431.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;

    /// <summary>The most request header fields accepted (default 50); more is a 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 50;

    /// <summary>How long a request may take before it is stopped with a 504 (default 30 seconds).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an import may take, from its first byte to its answer (default 10 minutes).</summary>
    public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Endpoint metadata: the endpoint reads a bulk import, so its body may be up to <see cref="RequestLimits.MaxImportBytes"/>.</summary>
internal sealed class ImportBodyMetadata
{
    public static readonly ImportBodyMetadata Instance = new();
}

internal static class RequestLimitsMiddleware
{
    /// <summary>Refuses bodies over the limit with 413 before anything reads them, whether or not they declare a length.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RequestLimits>>().Value;
        return app.Use((http, next) =>
        {
            // Runs after routing, so the endpoint (and whether it is an import) is known.
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<ImportBodyMetadata>() is null ? limits.MaxRequestBodyBytes : limits.MaxImportBytes;
            if (http.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            return next(http);
        });
    }
}
