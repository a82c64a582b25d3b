using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationsApi.Domain.Common;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Common;

/// <summary>
/// The single-record operations every resource shares (get, create, replace, merge-patch, delete), given how its
/// records map to and from its contracts. Every write runs in one transaction that takes SQLite's write lock before
/// it reads, so the If-Match check, the duplicate check and the save see the same state: all or nothing.
/// </summary>
internal sealed class RecordOperations<TEntity, TWrite, TResponse>(
    string name,
    string path,
    Func<RelationsDbContext, DbSet<TEntity>> records,
    Func<TWrite, TEntity> create,
    Action<TWrite, TEntity> apply,
    Func<TEntity, TResponse> toResponse,
    Func<TEntity, TWrite> toWrite)
    where TEntity : Entity
    where TWrite : RecordWrite
{
    /// <summary>Finds another record with the same unique key as the body, for resources that have one.</summary>
    public Func<IQueryable<TEntity>, TWrite, CancellationToken, Task<TEntity?>>? FindDuplicate { get; init; }

    public async Task<Results<Ok<TResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var record = await records(db).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return Problems.RecordNotFound(name, id);
        }
        http.Response.SetETag(record.Version);
        return http.Request.MatchesETag(record.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(toResponse(record));
    }

    public async Task<Results<Created<TResponse>, ProblemHttpResult>> CreateAsync(
        TWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await DuplicateOf(db, body, exceptId: null, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }
        var record = create(body);
        records(db).Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        http.Response.SetETag(record.Version);
        return TypedResults.Created($"{path}/{record.Id}", toResponse(record));
    }

    public Task<Results<Ok<TResponse>, ProblemHttpResult>> ReplaceAsync(
        int id, TWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        UpdateAsync(id, db, http, _ => Task.FromResult<(TWrite?, ProblemHttpResult?)>((body, null)), cancellationToken);

    /// <summary>Merges the patch into the record's current write body, then validates and saves it exactly like a replace.</summary>
    public async Task<Results<Ok<TResponse>, ProblemHttpResult>> PatchAsync(
        int id, RelationsDbContext db, HttpContext http, IValidator<TWrite> validator, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var patch = await MergePatch.ReadAsync(http.Request, cancellationToken);
        var options = json.Value.SerializerOptions;
        return await UpdateAsync(id, db, http, async record =>
        {
            var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(toWrite(record), options), patch);
            var body = merged.Deserialize<TWrite>(options)!;
            var result = await validator.ValidateAsync(body, cancellationToken);
            return result.IsValid ? (body, null) : (null, Problems.Invalid(result.ToErrors()));
        }, cancellationToken);
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await records(db).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return Problems.RecordNotFound(name, id);
        }
        if (!http.Request.IfMatchAllows(record.Version))
        {
            return Problems.StaleVersion(record.Version);
        }
        records(db).Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private async Task<Results<Ok<TResponse>, ProblemHttpResult>> UpdateAsync(
        int id, RelationsDbContext db, HttpContext http, Func<TEntity, Task<(TWrite? Body, ProblemHttpResult? Problem)>> makeBody, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await records(db).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return Problems.RecordNotFound(name, id);
        }
        if (!http.Request.IfMatchAllows(record.Version))
        {
            return Problems.StaleVersion(record.Version);
        }
        var (body, problem) = await makeBody(record);
        if (problem is not null)
        {
            return problem;
        }
        if (await DuplicateOf(db, body!, exceptId: id, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }
        apply(body!, record);
        db.MarkUpdated(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        http.Response.SetETag(record.Version);
        return TypedResults.Ok(toResponse(record));
    }

    private async Task<ProblemHttpResult?> DuplicateOf(RelationsDbContext db, TWrite body, int? exceptId, CancellationToken cancellationToken)
    {
        if (FindDuplicate is null)
        {
            return null;
        }
        var existing = await FindDuplicate(records(db).AsNoTracking().Where(e => e.Id != exceptId), body, cancellationToken);
        return existing is null
            ? null
            : Problems.Duplicate($"A {name} with the same unique key already exists: id {existing.Id}.", existing.Id, $"{path}/{existing.Id}");
    }
}
