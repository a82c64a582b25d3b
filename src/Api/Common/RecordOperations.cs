using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelationsApi.Domain.Common;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Common;

/// <summary>
/// The HTTP side of the single-record operations every resource shares (get, create, replace, merge-patch, delete):
/// it turns requests into calls of the resource's <see cref="RecordWrites{TEntity}"/>, which owns the write rules,
/// and their outcomes into responses. Each write is one transaction that holds SQLite's write lock from its first read.
/// </summary>
internal sealed class RecordOperations<TEntity, TWrite, TResponse>(
    string name,
    string path,
    RecordWrites<TEntity> writes,
    Func<TWrite, TEntity> create,
    Action<TWrite, TEntity> apply,
    Func<TEntity, TResponse> toResponse,
    Func<TEntity, TWrite> toWrite)
    where TEntity : Entity
    where TWrite : RecordWrite, new()
{
    private readonly RecordImport<TEntity, TWrite> _import = new(name, writes, create, apply, toWrite);

    public async Task<Results<Ok<TResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var record = await RecordQueries<TEntity>.FindAsync(db, id, cancellationToken);
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
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var result = await writes.CommitAsync(db, transaction, await writes.AddAsync(db, create(body), cancellationToken), cancellationToken);
        if (result is not { Outcome: WriteOutcome.Done, Record: { } record })
        {
            return Problem(result, id: 0);
        }
        http.Response.SetETag(record.Version);
        return TypedResults.Created($"{path}/{record.Id}", toResponse(record));
    }

    public Task<Results<Ok<TResponse>, ProblemHttpResult>> ReplaceAsync(
        int id, TWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        UpdateAsync(id, db, http, record =>
        {
            apply(body, record);
            return ValueTask.FromResult<IDictionary<string, string[]>?>(null);
        }, cancellationToken);

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
            if (!result.IsValid)
            {
                return result.ToErrors();
            }
            apply(body, record);
            return null;
        }, cancellationToken);
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var staged = await RecordWrites<TEntity>.RemoveAsync(db, id, http.Request.IfMatchAllows, cancellationToken);
        var result = await writes.CommitAsync(db, transaction, staged, cancellationToken);
        return result.Outcome == WriteOutcome.Done ? TypedResults.NoContent() : Problem(result, id);
    }

    /// <summary>Creates and updates many records from a JSON array or CSV body, all or nothing (see <see cref="RecordImport{TEntity, TWrite}"/>).</summary>
    public Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        ImportQuery query, RelationsDbContext db, HttpContext http, IValidator<TWrite> validator, IOptions<JsonOptions> json, IOptions<RequestLimits> limits,
        CancellationToken cancellationToken) =>
        _import.ImportAsync(query, db, http, validator, json.Value.SerializerOptions, limits.Value, cancellationToken);

    private async Task<Results<Ok<TResponse>, ProblemHttpResult>> UpdateAsync(
        int id, RelationsDbContext db, HttpContext http, Func<TEntity, ValueTask<IDictionary<string, string[]>?>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var staged = await writes.ChangeAsync(db, id, http.Request.IfMatchAllows, change, cancellationToken);
        var result = await writes.CommitAsync(db, transaction, staged, cancellationToken);
        if (result is not { Outcome: WriteOutcome.Done, Record: { } record })
        {
            return Problem(result, id);
        }
        http.Response.SetETag(record.Version);
        return TypedResults.Ok(toResponse(record));
    }

    private ProblemHttpResult Problem(WriteResult<TEntity> result, int id) => result.Outcome switch
    {
        WriteOutcome.NotFound => Problems.RecordNotFound(name, id),
        WriteOutcome.StaleVersion => Problems.StaleVersion(result.Record!.Version),
        WriteOutcome.Duplicate => result.ExistingId is { } existingId
            ? Problems.Duplicate($"A {name} with the same {result.DuplicateField ?? "unique key"} already exists: id {existingId}.", existingId, $"{path}/{existingId}")
            : Problems.Duplicate($"A {name} with the same unique key already exists.", null, null),
        WriteOutcome.Invalid => Problems.Invalid(result.Errors!),
        _ => throw new InvalidOperationException($"A {result.Outcome} write has no problem to report."),
    };
}
