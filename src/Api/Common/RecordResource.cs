using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using RelationsApi.Api.Access;

namespace RelationsApi.Api.Common;

/// <summary>What every resource is, whatever its types: its name on the wire and its place in storage.</summary>
internal interface IRecordResource
{
    /// <summary>The path segment under /api/v1, which the change feed and the CSV file name use too ("trade-records").</summary>
    string Segment { get; }

    /// <summary>How the record is stored and logged: its entity type and the JSON a change entry keeps of it.</summary>
    StoredResource Stored { get; }

    /// <summary>Source-generated JSON metadata of the response and its list page, so that they serialize without reflection.</summary>
    IJsonTypeInfoResolver ResponseJson { get; }

    /// <summary>The response's example in the OpenAPI document: a seed record as a new database returns it, with its id there.</summary>
    (Type Type, int Id, object Response) ResponseExample { get; }

    /// <summary>Maps the resource's operations on <paramref name="api"/>.</summary>
    void Map(IEndpointRouteBuilder api);
}

/// <summary>The summaries of a resource's operations in the OpenAPI document.</summary>
/// <param name="A">The record with its article, as the summaries speak of it ("an event", "an air service").</param>
/// <param name="Plural">The records, as the import's summary names them ("events").</param>
/// <param name="List">The list's summary: its default order and its filters.</param>
internal sealed record OperationSummaries(string A, string Plural, string List)
{
    public string Get { get; init; } = $"Gets one {Noun(A)}; 304 when If-None-Match carries its current ETag.";
    public string Create { get; init; } = $"Creates {A}.";
    public string Import { get; init; } = $"Imports {Plural} from a JSON array, a CSV body or an uploaded CSV or XLSX file, all or nothing; upsert matches by externalId, else by id.";
    public string Export { get; init; } = $"Exports the {Plural} the list's filters select, in its sort order and without paging, as a CSV or XLSX file.";
    public string Template { get; init; } = $"An import file to fill in for {Plural}, as CSV or XLSX: the header row (every write field) and one example row.";
    public string Replace { get; init; } = $"Replaces {A} with the body (every writable field); If-Match guards against lost updates.";
    public string Patch { get; init; } = $"Changes some fields of {A} with a JSON merge patch (RFC 7396); null removes an optional field.";
    public string Delete { get; init; } = $"Deletes {A}; If-Match guards against deleting a version you have not seen.";

    private static string Noun(string withArticle) => withArticle[(withArticle.IndexOf(' ') + 1)..];
}

/// <summary>
/// One resource: its contracts, its mapping between them and the entity, and how its list reads. Every resource has the
/// same operations (list, get, create, import, replace, merge-patch, delete, export and the import template), mapped and handled once
/// here; a resource's folder holds only what is its own. Register it in <see cref="Resources"/>. The write rules are the
/// resource's <see cref="RecordWrites{TEntity}"/>; each write is one transaction that holds the write lock from its first read.
/// </summary>
/// <typeparam name="TEntity">The stored record.</typeparam>
/// <typeparam name="TWrite">The body of a create, replace, patch or import row.</typeparam>
/// <typeparam name="TResponse">The record as the API shows it.</typeparam>
/// <typeparam name="TQuery">The list's query parameters.</typeparam>
internal abstract class RecordResource<TEntity, TWrite, TResponse, TQuery> : IRecordResource
    where TEntity : Entity
    where TWrite : RecordWrite, new()
    where TQuery : ListQuery
{
    private RecordImport<TEntity, TWrite>? _import;
    private TWrite? _templateRow;

    /// <param name="segment">The path segment ("trade-records").</param>
    /// <param name="name">The record's name in problem details ("trade record").</param>
    /// <param name="operationNoun">The operation ids' noun, one and many ("TradeRecord", "TradeRecords": getTradeRecord, listTradeRecords).</param>
    /// <param name="tag">The OpenAPI tag.</param>
    protected RecordResource(string segment, string name, (string One, string Many) operationNoun, string tag)
    {
        Segment = segment;
        Name = name;
        OperationNoun = operationNoun;
        Tag = tag;
    }

    public string Segment { get; }

    public string Name { get; }

    public (string One, string Many) OperationNoun { get; }

    public string Tag { get; }

    /// <summary>The collection's path, from the root ("/api/v1/trade-records").</summary>
    private string Path => $"{ApiRoutes.Base}/{Segment}";

    public StoredResource Stored => StoredResource.Of<TEntity>(Segment, record => JsonSnapshot(ToResponse(record)));

    public abstract IJsonTypeInfoResolver ResponseJson { get; }

    protected abstract OperationSummaries Summaries { get; }

    /// <summary>A CSV file of one record, for the import's documentation.</summary>
    protected abstract string CsvExample { get; }

    /// <summary>The CSV file of one record whose row the import template shows: one that imports cleanly into a new database.</summary>
    protected virtual string TemplateExample => CsvExample;

    /// <summary>The write rules: what makes two records duplicates (by default only a shared externalId).</summary>
    protected virtual RecordWrites<TEntity> Writes { get; } = new();


    /// <summary>The seed record the OpenAPI document shows as the response's example, with the id it has on a new database.</summary>
    protected abstract (int Id, TEntity Record) Example { get; }

    /// <summary>A new record made of the validated body's required fields; <see cref="Apply"/> sets the rest.</summary>
    protected abstract TEntity New(TWrite body);

    /// <summary>Sets every field of <paramref name="record"/> that is the resource's own from the validated body.</summary>
    protected abstract void Apply(TWrite body, TEntity record);

    /// <summary>
    /// The resource's own fields of <paramref name="record"/> as a write body. A write body's fields are its response's
    /// fields of the same names, so by default they are read from the response's JSON; a resource whose export runs to
    /// millions of rows maps them by hand instead.
    /// </summary>
    protected virtual TWrite WriteFields(TEntity record) =>
        JsonSerializer.Deserialize<TWrite>(JsonSerializer.SerializeToUtf8Bytes(ToResponse(record), RecordJson.Options), RecordJson.ResponseAsWrite)!;

    protected abstract TResponse ToResponse(TEntity record);

    public (Type Type, int Id, object Response) ResponseExample
    {
        get
        {
            var (id, record) = Example;
            record.StampCreated(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            return (typeof(TResponse), id, ToResponse(record)!);
        }
    }

    /// <summary>The record as a write body: what a merge patch applies to and what export writes.</summary>
    protected TWrite ToWrite(TEntity record)
    {
        var body = WriteFields(record);
        body.ExternalId = record.ExternalId;
        body.Sources = record.Sources.ToWrite();
        return body;
    }

    protected ExportRow<TWrite> ToExportRow(TEntity record) => new(ToWrite(record), record.Id, record.Version, record.CreatedAt, record.UpdatedAt);

    private TEntity Create(TWrite body)
    {
        var record = New(body);
        Replace(body, record);
        return record;
    }

    /// <summary>Replaces every writable field of <paramref name="record"/> with the validated body's.</summary>
    private void Replace(TWrite body, TEntity record)
    {
        Apply(body, record);
        record.SetExternalId(body.ExternalId);
        record.SetSources(body.Sources.ToDomain());
    }

    /// <summary>The list's sort fields and default order.</summary>
    protected abstract ISortCheck Sorts { get; }

    /// <summary>The list: a page of JSON.</summary>
    protected abstract Task<WrittenJson<ListPage<TResponse>>> ListAsync(TQuery query, HttpContext http, CancellationToken cancellationToken);

    /// <summary>Every record the list's filters select, in its sort order and without paging, read as the export file is written.</summary>
    protected abstract Func<CancellationToken, IAsyncEnumerable<ExportRow<TWrite>>> ExportRows(TQuery query, HttpContext http);

    /// <summary>One record's version and JSON for a GET, or null. Read through EF unless a resource reads otherwise.</summary>
    protected virtual async Task<(int Version, WrittenJson<TResponse> Body)?> FindAsync(int id, HttpContext http, CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<RelationsDbContext>();
        return await RecordQueries<TEntity>.FindAsync(db, id, cancellationToken) is { } record
            ? (record.Version, await WrittenJson<TResponse>.SerializeAsync(http, ToResponse(record)))
            : null;
    }

    public void Map(IEndpointRouteBuilder api)
    {
        _import = new(Name, Writes, Create, Replace, ToWrite);
        _templateRow = ImportCsvExample.Rows<TWrite>(TemplateExample).Single();
        var (one, many) = OperationNoun;
        var group = api.MapGroup("/" + Segment).WithTags(Tag);
        group.MapGet("/", ListEndpointAsync)
            .WithName("list" + many).WithSummary(Summaries.List).Validate<TQuery>().WithMetadata(Sorts);
        group.MapGet("/{id:int}", GetAsync)
            .WithName("get" + one).WithSummary(Summaries.Get).Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
        group.MapPost("/", CreateAsync)
            .WithName("create" + one).WithSummary(Summaries.Create).RequiresBody<TWrite>().ReadsBody().ProducesProblems(StatusCodes.Status409Conflict);
        group.MapPost("/import", ImportAsync)
            .WithName("import" + many).WithSummary(Summaries.Import).ReadsImport<TWrite>(CsvExample);
        group.MapGet("/export", Export)
            .WithName("export" + many).WithSummary(Summaries.Export).Validate<TQuery>().WithMetadata(Sorts).Validate<ExportQuery>().WithMetadata(new ExportMetadata(Template: false));
        group.MapGet("/import/template", Template)
            .WithName("get" + one + "ImportTemplate").WithSummary(Summaries.Template).Validate<ExportQuery>().WithMetadata(new ExportMetadata(Template: true));
        group.MapPut("/{id:int}", ReplaceAsync)
            .WithName("replace" + one).WithSummary(Summaries.Replace).RequiresBody<TWrite>().ReadsBody().ProducesProblems(404, 409, 412);
        group.MapPatch("/{id:int}", PatchAsync)
            .WithName("patch" + one).WithSummary(Summaries.Patch).Accepts<TWrite>(MergePatch.ContentType)
            .ProducesValidationProblem().ReadsBody().ProducesProblems(404, 409, 412);
        group.MapDelete("/{id:int}", DeleteAsync)
            .WithName("delete" + one).WithSummary(Summaries.Delete).ProducesProblems(404, 412);
    }

    /// <summary>A page of JSON; with Accept: text/csv, every matching record as CSV, as in v1.1 (documented on the export only).</summary>
    private async Task<Results<WrittenJson<ListPage<TResponse>>, ExportFile<TWrite>>> ListEndpointAsync(
        [AsParameters] TQuery query, HttpContext http, CancellationToken cancellationToken) =>
        RecordExport.WantsCsv(http)
            ? RecordExport.File(ExportFormat.Csv, ExportRows(query, http), Segment)
            : await http.RequestServices.GetRequiredService<RememberedPages>()
                .PageAsync(http, Segment, () => ListAsync(query, http, cancellationToken), cancellationToken);

    private ExportFile<TWrite> Export([AsParameters] TQuery query, [AsParameters] ExportQuery export, HttpContext http) =>
        RecordExport.File(export.FormatOrDefault, ExportRows(query, http), Segment);

    private ExportFile<TWrite> Template([AsParameters] ExportQuery export) =>
        RecordExport.Template(export.FormatOrDefault, _templateRow!, Segment);

    private async Task<Results<WrittenJson<TResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(int id, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, http, cancellationToken) is not var (version, body))
        {
            return Problems.RecordNotFound(Name, id);
        }
        http.Response.SetETag(version);
        if (http.Request.MatchesETag(version))
        {
            body.Dispose();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return body;
    }

    private async Task<Results<Created<TResponse>, ProblemHttpResult>> CreateAsync(
        TWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await Writes.CreateAsync(db, http.Actor(), Create(body), cancellationToken);
        if (result is not { Outcome: WriteOutcome.Done, Record: { } record })
        {
            return Problem(result, id: 0);
        }
        http.Response.SetETag(record.Version);
        return TypedResults.Created(http.Request.AbsoluteUrl($"{Path}/{record.Id}"), ToResponse(record));
    }

    /// <summary>Creates and updates many records from a JSON array or CSV body, all or nothing (see <see cref="RecordImport{TEntity, TWrite}"/>).</summary>
    private Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        [AsParameters] ImportQuery query, RelationsDbContext db, HttpContext http, IValidator<TWrite> validator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
        _import!.ImportAsync(query, db, http, validator, json.Value.SerializerOptions, limits.Value, cancellationToken);

    private Task<Results<Ok<TResponse>, ProblemHttpResult>> ReplaceAsync(
        int id, TWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        UpdateAsync(id, db, http, record =>
        {
            Replace(body, record);
            return ValueTask.FromResult<IDictionary<string, string[]>?>(null);
        }, cancellationToken);

    /// <summary>Merges the patch into the record's current write body, then validates and saves it exactly like a replace.</summary>
    private async Task<Results<Ok<TResponse>, ProblemHttpResult>> PatchAsync(
        int id, RelationsDbContext db, HttpContext http, IValidator<TWrite> validator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var patch = await MergePatch.ReadAsync(http.Request, cancellationToken);
        var options = json.Value.SerializerOptions;
        if (MergePatch.UnknownMember(patch, options.GetTypeInfo(typeof(TWrite))) is { } unknown)
        {
            return Problems.UnknownProperty(unknown);   // a removal too: null must not hide a misspelt name
        }
        return await UpdateAsync(id, db, http, async record =>
        {
            var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(ToWrite(record), options), patch);
            var body = merged.Deserialize<TWrite>(options)!;
            var result = await validator.ValidateAsync(body, cancellationToken);
            if (!result.IsValid)
            {
                return result.ToErrors();
            }
            Replace(body, record);
            return null;
        }, cancellationToken);
    }

    private async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, http.Actor(), cancellationToken);
        var staged = await RecordWrites<TEntity>.RemoveAsync(db, id, http.Request.IfMatchAllows, cancellationToken);
        var result = await Writes.CommitAsync(db, transaction, staged, cancellationToken);
        return result.Outcome == WriteOutcome.Done ? TypedResults.NoContent() : Problem(result, id);
    }

    /// <summary>
    /// Changes record <paramref name="id"/> with <paramref name="change"/> (which may refuse with errors) in one
    /// transaction that holds the database's write lock from its first read.
    /// </summary>
    private async Task<Results<Ok<TResponse>, ProblemHttpResult>> UpdateAsync(
        int id, RelationsDbContext db, HttpContext http, Func<TEntity, ValueTask<IDictionary<string, string[]>?>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, http.Actor(), cancellationToken);
        var staged = await Writes.ChangeAsync(db, id, http.Request.IfMatchAllows, change, cancellationToken);
        var result = await Writes.CommitAsync(db, transaction, staged, cancellationToken);
        if (result is not { Outcome: WriteOutcome.Done, Record: { } record })
        {
            return Problem(result, id);
        }
        http.Response.SetETag(record.Version);
        return TypedResults.Ok(ToResponse(record));
    }

    private ProblemHttpResult Problem(WriteResult<TEntity> result, int id) => result.Outcome switch
    {
        WriteOutcome.NotFound => Problems.RecordNotFound(Name, id),
        WriteOutcome.StaleVersion => Problems.StaleVersion(result.Record!.Version),
        WriteOutcome.Duplicate => result.ExistingId is { } existingId
            ? Problems.Duplicate($"A {Name} with the same {result.DuplicateField ?? "unique key"} already exists: id {existingId}.", existingId, $"{Path}/{existingId}")
            : Problems.Duplicate($"A {Name} with the same unique key already exists.", null, null),
        WriteOutcome.Invalid => Problems.Invalid(result.Errors!),
        _ => throw new InvalidOperationException($"A {result.Outcome} write has no problem to report."),
    };

    private static string JsonSnapshot(TResponse response) => JsonSerializer.Serialize(response, RecordJson.Options);
}

/// <summary>A resource whose list is read through EF: its folder says which records a list's filters select, in order.</summary>
internal abstract class LinqRecordResource<TEntity, TWrite, TResponse, TQuery>(string segment, string name, (string One, string Many) operationNoun, string tag)
    : RecordResource<TEntity, TWrite, TResponse, TQuery>(segment, name, operationNoun, tag)
    where TEntity : Entity
    where TWrite : RecordWrite, new()
    where TQuery : ListQuery
{
    /// <summary>The list's sort fields.</summary>
    protected abstract LinqSorting<TEntity> SortFields { get; }

    protected override ISortCheck Sorts => SortFields;

    /// <summary>The records the list's own filters select (the externalId filter every list has is applied already).</summary>
    protected abstract IQueryable<TEntity> Filter(IQueryable<TEntity> records, TQuery query);

    protected override Task<WrittenJson<ListPage<TResponse>>> ListAsync(TQuery query, HttpContext http, CancellationToken cancellationToken) =>
        Paging.ToJsonPageAsync(Matching(query, http), Segment, query, ToResponse, http, cancellationToken);

    protected override Func<CancellationToken, IAsyncEnumerable<ExportRow<TWrite>>> ExportRows(TQuery query, HttpContext http) =>
        RecordExport.Rows(Matching(query, http), ToWrite);

    /// <summary>The records the list's filters select, in its order.</summary>
    private IQueryable<TEntity> Matching(TQuery query, HttpContext http)
    {
        var db = http.RequestServices.GetRequiredService<RelationsDbContext>();
        return SortFields.Apply(Filter(db.Set<TEntity>().AsNoTracking().WithExternalId(query.ExternalId), query), query.Sort);
    }
}
