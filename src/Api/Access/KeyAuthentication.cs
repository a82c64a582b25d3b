using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.Access;

/// <summary>
/// API keys as an ASP.NET Core authentication scheme, and the two policies that name what a key may do. Reads need no
/// key; <see cref="RequireKeyForWrites"/> puts the write policy on every other method of a route group.
/// </summary>
internal static class KeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";

    /// <summary>Policy: a key with scope write or admin. Each policy is named after the least scope it takes.</summary>
    public const string Write = KeyScopes.Write;

    /// <summary>Policy: a key with scope admin.</summary>
    public const string Admin = KeyScopes.Admin;

    public static IServiceCollection AddKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Write, policy => policy.RequireClaim(ScopeClaim, KeyScopes.Write, KeyScopes.Admin))
            .AddPolicy(Admin, policy => policy.RequireClaim(ScopeClaim, KeyScopes.Admin));
        return services;
    }

    /// <summary>The name of the key a request came with, which the change log names as the actor of its writes; null without one.</summary>
    public static string? Actor(this HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;

    /// <summary>
    /// Every endpoint of the group that is not a GET (or HEAD) needs a key with scope write; an endpoint that needs a key
    /// (this way or through its own policy) documents the 401 and 403 it may answer.
    /// </summary>
    public static RouteGroupBuilder RequireKeyForWrites(this RouteGroupBuilder group)
    {
        var write = new AuthorizeAttribute(Write);
        string[] problemJson = ["application/problem+json"];
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            if (methods.Any(method => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)))
            {
                endpoint.Metadata.Add(write);
            }
            if (endpoint.Metadata.OfType<IAuthorizeData>().Any())
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), problemJson));
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), problemJson));
            }
        });
        return group;
    }
}

/// <summary>
/// Reads <c>X-Api-Key</c>: no header is no identity (a read goes on anonymously, a write is challenged), a known and
/// working key is an identity named after the key with its scope as a claim, anything else fails with a reason the 401
/// repeats.
/// </summary>
internal sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems, RecordReads reads)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(KeyAuthentication.Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        if (values is not [{ Length: > 0 } secret])
        {
            return AuthenticateResult.Fail($"Send exactly one API key in the {KeyAuthentication.Header} header.");
        }
        var key = await ApiKeys.FindAsync(reads, secret.Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail($"The API key '{key.Name}' has been revoked.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(KeyAuthentication.ScopeClaim, key.Scope)], KeyAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), KeyAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = KeyAuthentication.Scheme;
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            outcome.Failure?.Message ?? $"This request needs an API key: send it in the {KeyAuthentication.Header} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.User.FindFirstValue(KeyAuthentication.ScopeClaim);
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == KeyAuthentication.Admin) == true
            ? KeyScopes.Admin
            : KeyScopes.Write;
        return WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            $"The API key '{Context.User.Identity?.Name}' has scope '{scope}'; this request needs a key with scope '{needed}'.");
    }

    private Task WriteProblemAsync(int status, string detail)
    {
        Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        }).AsTask();
    }
}
