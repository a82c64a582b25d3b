using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Persistence;
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
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems, RecordReads reads, KnownKeys known)
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
        secret = secret.Trim();
        var write = !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method);
        // A write may take its key from memory, to be checked by the write itself (see KeyChecks); a read looks it up.
        var key = write ? known.Find(secret) : null;
        if (key is null)
        {
            var found = await ApiKeys.FindAsync(reads, secret, Context.RequestAborted);
            if (KeyChecks.Refusal(found) is { } refusal)
            {
                return AuthenticateResult.Fail(refusal);
            }
            key = found!;
            if (write)
            {
                known.Remember(secret, key);
            }
        }
        else
        {
            Context.Features.Set(new KeyCheck(key.Id));
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

    private Task WriteProblemAsync(int status, string detail) => KeyChecks.WriteProblemAsync(problems, Context, status, detail);
}

/// <summary>
/// Settles the <see cref="KeyCheck"/> of a write whose key was remembered (<see cref="KnownKeys"/>) rather than looked
/// up. The write transaction settles it in the round trip that takes the write lock; every other answer (a refusal of
/// the body, a 403, a 429, an error) is held back until a lookup has settled it. A key found revoked or gone is
/// forgotten, and the answer is the 401 a lookup would have given in the first place, with nothing written.
/// </summary>
internal static class KeyChecks
{
    public static IApplicationBuilder UseKeyChecks(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<KeyCheck>() is not { } check)
            {
                await next(http);
                return;
            }
            var response = http.Response;
            var outer = new HeaderDictionary();   // what the middleware before this one set, kept for a 401 in its stead
            foreach (var (name, value) in response.Headers)
            {
                outer[name] = value;
            }
            var db = http.RequestServices.GetRequiredService<RelationsDbContext>();
            var body = response.Body;
            await using var held = new HeldBody(body, check);
            response.Body = held;
            var bodyFeature = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            db.KeyCheck = check;
            try
            {
                try
                {
                    await next(http);
                    await bodyFeature.CompleteAsync();   // what the answer wrote is in the held body now, or passed on
                }
                finally
                {
                    response.Body = body;
                    db.KeyCheck = null;
                }
            }
            catch (Exception) when (check.Works != true)
            {
                if (!await RefuseIfStoppedAsync(http, check, outer))
                {
                    throw;
                }
                return;
            }
            if (check.Works == true || !await RefuseIfStoppedAsync(http, check, outer))
            {
                await held.PassOnAsync(http.RequestAborted);
            }
        });

    /// <summary>Why a key found by its secret does not let a request through; null when it does.</summary>
    public static string? Refusal(ApiKey? key) => key switch
    {
        null => "The API key is not valid.",
        { RevokedAt: not null } => $"The API key '{key.Name}' has been revoked.",
        _ => null,
    };

    public static Task WriteProblemAsync(IProblemDetailsService problems, HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        }).AsTask();
    }

    /// <summary>
    /// Settles the check with a lookup (one the write transaction found failing too, for the reason to give); when the
    /// key no longer works, forgets it and answers 401 in place of whatever was held back (true).
    /// </summary>
    private static async Task<bool> RefuseIfStoppedAsync(HttpContext http, KeyCheck check, HeaderDictionary outer)
    {
        var secret = http.Request.Headers[KeyAuthentication.Header].ToString().Trim();
        var key = await ApiKeys.FindAsync(http.RequestServices.GetRequiredService<RecordReads>(), secret, CancellationToken.None);
        var refusal = Refusal(key) ?? (check.Works == false ? Refusal(null) : null);
        if (refusal is null)
        {
            check.Works = true;
            return false;
        }
        check.Works = false;
        http.RequestServices.GetRequiredService<KnownKeys>().Forget(secret);
        if (http.Response.HasStarted)
        {
            return false;   // cannot happen while the answer is held back; rethrown, or left as it is, if it ever does
        }
        http.Response.Clear();
        foreach (var (name, value) in outer)
        {
            http.Response.Headers[name] = value;
        }
        http.Response.Headers.WWWAuthenticate = KeyAuthentication.Scheme;
        await WriteProblemAsync(http.RequestServices.GetRequiredService<IProblemDetailsService>(), http, StatusCodes.Status401Unauthorized, refusal);
        return true;
    }

    /// <summary>
    /// The body of an answer whose key check is unsettled: what is written is kept until the check settles, and passed on
    /// from then on. Headers go out with the first bytes passed on, so until then the answer can still be replaced.
    /// </summary>
    private sealed class HeldBody(Stream inner, KeyCheck check) : Stream
    {
        private MemoryStream? _held;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (check.Works != true)
            {
                (_held ??= new MemoryStream()).Write(buffer.Span);
                return;
            }
            await PassOnAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Writes to a response are asynchronous.");

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            check.Works == true ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override void Flush()
        {
        }

        /// <summary>Passes on what was held.</summary>
        public async Task PassOnAsync(CancellationToken cancellationToken)
        {
            if (_held is { Length: > 0 } held)
            {
                await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
                held.SetLength(0);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
