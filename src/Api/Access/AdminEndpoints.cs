using RelationsApi.Api.Changes;
using RelationsApi.Infrastructure.Access;

namespace RelationsApi.Api.Access;

/// <summary>What only an admin key may do: manage keys and read the audit trail.</summary>
internal static class AdminEndpoints
{
    private const string Segment = "/admin";
    private const string KeysPath = ApiRoutes.Base + Segment + "/keys";

    /// <summary>
    /// Marks every answer under the admin path <c>Cache-Control: no-store</c>, errors included (401, 403, 404, 429): they
    /// are about keys, and one of them carries a secret. A middleware rather than the endpoints, which an error
    /// answered before them would skip.
    /// </summary>
    public static IApplicationBuilder UseNoStoreForAdmin(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(ApiRoutes.Base + Segment, StringComparison.OrdinalIgnoreCase))
            {
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            }
            return next(http);
        });

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Segment).WithTags("Admin").RequireAuthorization(KeyAuthentication.Admin);
        admin.MapGet("/keys", ListKeys).WithName("listKeys");
        admin.MapGet("/keys/{name}", GetKey).WithName("getKey").ProducesProblem(404);
        admin.MapPost("/keys", CreateKey).WithName("createKey").Validate<KeyCreate>().ReadsBody().ProducesProblem(409);
        admin.MapDelete("/keys/{name}", RevokeKey).WithName("revokeKey").ProducesProblem(404);
        admin.MapGet("/audit", Audit).WithName("listAudit").Validate<AuditQuery>();
        return app;
    }

    /// <summary>Lists every key (never a secret), revoked ones included.</summary>
    private static async Task<Ok<KeyList>> ListKeys(RelationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new KeyList((await ApiKeys.ListAsync(db, cancellationToken)).Select(ToResponse).ToList()));

    /// <summary>Gets one key by name (never its secret).</summary>
    private static async Task<Results<Ok<KeyResponse>, ProblemHttpResult>> GetKey(string name, RelationsDbContext db, CancellationToken cancellationToken) =>
        await ApiKeys.FindByNameAsync(db, name, cancellationToken) is { } key
            ? TypedResults.Ok(ToResponse(key))
            : NoSuchKey(name);

    /// <summary>Makes a key and returns its secret, the only time it is shown; 409 when the name was ever used.</summary>
    private static async Task<Results<Created<CreatedKeyResponse>, ProblemHttpResult>> CreateKey(
        KeyCreate body, RelationsDbContext db, TimeProvider clock, ILoggerFactory logs, HttpContext http, CancellationToken cancellationToken)
    {
        if (await ApiKeys.CreateAsync(db, body.Name!, body.Scope!, clock, http.Actor(), cancellationToken) is not var (key, secret))
        {
            return TypedResults.Problem(
                statusCode: 409, title: "Conflict", detail: $"A key named '{body.Name}' exists or existed; key names are never reused.");
        }
        logs.CreateLogger(typeof(AdminEndpoints)).LogInformation("Key {Key} ({Scope}) made by {Admin}.", key.Name, key.Scope, http.User.Identity?.Name);
        return TypedResults.Created(http.Request.AbsoluteUrl($"{KeysPath}/{key.Name}"), new CreatedKeyResponse(key.Name, key.Scope, key.Prefix, key.CreatedAt, secret));
    }

    /// <summary>Revokes a key: from the next request on it is refused. Revoking a revoked key changes nothing.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string name, RelationsDbContext db, TimeProvider clock, ILoggerFactory logs, HttpContext http, CancellationToken cancellationToken)
    {
        if (await ApiKeys.RevokeAsync(db, name, clock, http.Actor(), cancellationToken) is null)
        {
            return NoSuchKey(name);
        }
        logs.CreateLogger(typeof(AdminEndpoints)).LogInformation("Key {Key} revoked by {Admin}.", name, http.User.Identity?.Name);
        return TypedResults.NoContent();
    }

    /// <summary>Lists committed changes, and the making and revoking of keys, with the key that made each, newest first, filtered by key, resource, record, kind and time.</summary>
    private static async Task<Ok<ListPage<AuditEntry>>> Audit(
        [AsParameters] AuditQuery query, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var changes = db.Changes.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Actor))
        {
            changes = changes.Where(c => c.Actor == query.Actor);
        }
        if (!string.IsNullOrEmpty(query.Resource))
        {
            changes = changes.Where(c => c.Resource == query.Resource);
        }
        if (query.RecordId is { } recordId)
        {
            changes = changes.Where(c => c.RecordId == recordId);
        }
        if (!string.IsNullOrEmpty(query.Operation))
        {
            changes = changes.Where(c => c.Operation == query.Operation);
        }
        if (query.Since is { } since)
        {
            var from = since.UtcDateTime;
            changes = changes.Where(c => c.ChangedAt >= from);
        }
        if (query.Until is { } until)
        {
            var to = until.UtcDateTime;
            changes = changes.Where(c => c.ChangedAt < to);
        }
        var entries = changes.OrderByDescending(c => c.Sequence)
            .Select(c => new AuditEntry(c.Sequence, c.Resource, c.RecordId, c.Operation, c.Version, c.ChangedAt, c.Actor));
        return TypedResults.Ok(await entries.ToPageAsync(resource: null, query.Paging, e => e, http, cancellationToken));   // the log of every resource
    }

    private static KeyResponse ToResponse(ApiKey key) => new(key.Name, key.Scope, key.Prefix, key.CreatedAt, key.RevokedAt);

    private static ProblemHttpResult NoSuchKey(string name) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no key named '{name}'.");
}

internal sealed class KeyCreateValidator : AbstractValidator<KeyCreate>
{
    public KeyCreateValidator()
    {
        RuleFor(k => k.Name).NotEmpty().Must(ApiKeys.IsValidName)
            .WithMessage("'name' must be 1 to 100 letters, digits, '.', '_' or '-'.");
        RuleFor(k => k.Scope).NotEmpty().Must(s => KeyScopes.All.Contains(s))
            .WithMessage($"'scope' must be one of: {string.Join(", ", KeyScopes.All)}.");
    }
}

internal sealed class AuditQueryValidator : AbstractValidator<AuditQuery>
{
    private static readonly string[] Operations = ["created", "updated", "deleted", ApiKeys.Revoked];

    private static readonly string[] Resources = [.. ChangeEndpoints.Resources, ApiKeys.AuditResource];

    public AuditQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListQuery.MaxPageSize);
        RuleFor(q => q.Actor).OptionalText(ApiKeys.MaxNameLength);
        RuleFor(q => q.Resource).OneOf(Resources).WithMessage($"'resource' must be one of: {string.Join(", ", Resources)}.");
        RuleFor(q => q.Operation).OneOf(Operations).WithMessage($"'operation' must be one of: {string.Join(", ", Operations)}.");
        RuleFor(q => q).Must(q => q.Since is not { } since || q.Until is not { } until || since <= until)
            .OverridePropertyName("until").WithMessage("'until' must not be before 'since'.");
    }
}
