using System.Buffers;
using System.IO.Pipelines;
using System.Net.Mime;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using RelationsApi.Api.Access;

namespace RelationsApi.Api.Common;

/// <summary>How an import matches its rows to stored records.</summary>
public enum ImportMode
{
    /// <summary>A row updates the record it matches or creates one.</summary>
    Upsert,

    /// <summary>Every row creates a record; one that matches a stored record is an error.</summary>
    Insert,
}

/// <summary>How an import treats its rows.</summary>
public sealed class ImportQuery
{
    /// <summary>
    /// upsert (default): a row updates the record it matches (by externalId, else by id, else for trade records by the
    /// unique key) or creates one. insert: every row creates a record; one whose externalId or key exists is an error.
    /// </summary>
    /// <remarks>Bound as text, so that any letter case is read (the framework's enum binding is case-sensitive); documented as the enum.</remarks>
    [FromQuery(Name = "mode")]
    public string? Mode { get; init; }

    /// <summary>The mode, upsert when none is given; only for a query its validator accepted.</summary>
    internal ImportMode ModeOrDefault => EnumText<ImportMode>.ParseOr(Mode, ImportMode.Upsert);

    /// <summary>true: check every row as a real import would and report the counts, but write nothing.</summary>
    /// <example>false</example>
    [FromQuery(Name = "dryRun")]
    public bool? DryRun { get; init; }
}

internal sealed class ImportQueryValidator : AbstractValidator<ImportQuery>
{
    public ImportQueryValidator() =>
        RuleFor(q => q.Mode).OneOf<ImportQuery, ImportMode>();
}

/// <summary>What an import did (or, for a dry run, would have done).</summary>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Received">Data rows in the request.</param>
/// <param name="Created">Rows that created a record.</param>
/// <param name="Updated">Rows that changed a record (a new version).</param>
/// <param name="Unchanged">Rows equal to the record they matched: not written, version kept.</param>
public sealed record ImportResult(bool DryRun, int Received, int Created, int Updated, int Unchanged);

/// <summary>Endpoint metadata of an import: an example body for the OpenAPI document, as CSV and as the same rows in JSON.</summary>
internal sealed record ImportCsvExample(string Csv, JsonNode Json)
{
    /// <summary>The JSON example is the CSV example read as an import reads it, so the two always say the same.</summary>
    public static ImportCsvExample Of<TWrite>(string csv) where TWrite : RecordWrite, new()
    {
        var options = new JsonSerializerOptions(RecordJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        return new ImportCsvExample(csv, JsonSerializer.SerializeToNode(Rows<TWrite>(csv), options)!);
    }

    /// <summary>The write bodies of an example CSV file (a constant of the code, read in memory at start-up); throws when a row does not read.</summary>
    public static IReadOnlyList<TWrite> Rows<TWrite>(string csv) where TWrite : RecordWrite, new() =>
        CsvFormat.ReadAsync<TWrite>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), CancellationToken.None)
            .ToBlockingEnumerable()
            .Select(row => row.Errors is null ? row.Body! : throw new InvalidOperationException($"The CSV example does not read: {string.Join("; ", row.Errors.SelectMany(e => e.Value))}"))
            .ToList();
}

internal static class ImportEndpoints
{
    /// <summary>Marks an endpoint as a bulk import of <typeparamref name="TWrite"/> bodies: its body limit, content types and responses.</summary>
    public static RouteHandlerBuilder ReadsImport<TWrite>(this RouteHandlerBuilder endpoint, string csvExample) where TWrite : RecordWrite, new() =>
        endpoint.Validate<ImportQuery>()
            .Accepts<IReadOnlyList<TWrite>>(MediaTypeNames.Application.Json, CsvFormat.ContentType, UploadedFile.ContentType)
            .WithMetadata(ImportBodyMetadata.Instance, ImportCsvExample.Of<TWrite>(csvExample), new RequestTimeoutAttribute(Hardening.ImportTimeoutPolicy))
            .ProducesProblems(
                StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status504GatewayTimeout);
}

/// <summary>
/// A bulk import of one resource: every row goes through the resource's validator and its <see cref="RecordWrites{TEntity}"/>
/// (the same create, apply and write-body mappings single writes use), all in one write transaction that is committed
/// only when every row passed. The whole body has arrived before the transaction begins (see
/// <see cref="Hardening.UseWholeWriteBodies"/>: a large one waits in a temporary file), so no other writer waits on a
/// slow client; rows are read from it and saved in chunks, so memory does not grow with the body.
/// </summary>
internal sealed class RecordImport<TEntity, TWrite>(
    string name,
    RecordWrites<TEntity> writes,
    Func<TWrite, TEntity> create,
    Action<TWrite, TEntity> apply,
    Func<TEntity, TWrite> toWrite)
    where TEntity : Entity
    where TWrite : RecordWrite, new()
{
    private readonly string _name = name;
    private readonly RecordWrites<TEntity> _writes = writes;
    private readonly Func<TWrite, TEntity> _create = create;
    private readonly Action<TWrite, TEntity> _apply = apply;
    private readonly Func<TEntity, TWrite> _toWrite = toWrite;

    /// <summary>Rows staged between two saves; the change tracker is cleared after each save.</summary>
    private const int ChunkSize = 1000;

    /// <summary>After this many bad rows the import stops reading: the answer is already "no", and the problem stays readable.</summary>
    private const int MaxRowsWithErrors = 100;

    // Elements are read leniently and then deserialized with the API's options, so that a repeated or unknown property
    // is an error of its row rather than of the whole body.
    private static readonly JsonSerializerOptions ElementOptions = new();

    public async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        ImportQuery query, RelationsDbContext db, HttpContext http, IValidator<TWrite> validator, JsonSerializerOptions json, RequestLimits limits,
        CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        IAsyncEnumerable<ImportRow<TWrite>> rows;
        UploadedFile? upload = null;
        if (string.Equals(mediaType, MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase))
        {
            // The reader takes a top-level null for an empty sequence; an import body must be an array.
            if (!await StartsWithArrayAsync(http.Request.BodyReader, cancellationToken))
            {
                return Problems.Malformed($"The body must be a JSON array of {_name} write bodies; nothing was written.");
            }
            // Read on from the pipe that was peeked at: what it has buffered is not in Request.Body any more.
            rows = ReadJsonAsync(http.Request.BodyReader.AsStream(), json, cancellationToken);
        }
        else if (string.Equals(mediaType, CsvFormat.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            rows = CsvFormat.ReadAsync<TWrite>(http.Request.Body, cancellationToken);
        }
        else if (string.Equals(mediaType, UploadedFile.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            (upload, var problem) = await UploadedFile.FindAsync(http.Request, parsed!, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
            rows = upload!.Rows<TWrite>(cancellationToken);
        }
        else
        {
            return Problems.UnsupportedContentType(
                "An import reads application/json (an array of write bodies), text/csv, or multipart/form-data with a CSV or XLSX file in a part named 'file'.");
        }
        await using var uploaded = upload;

        await using var transaction = await WriteTransaction.BeginBulkLoadAsync(db, http.Actor(), cancellationToken);
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        // Changes are detected once per chunk, before its save, rather than on every query and every add.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // New records skip the change tracker where the model allows it (see RecordInserter); the rest is saved by EF.
        using var inserter = RecordInserter<TEntity>.For(db);
        try
        {
            var run = new Run(this, db, inserter, validator, json, insertOnly: query.ModeOrDefault == ImportMode.Insert, cancellationToken);
            try
            {
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    if (row.Index >= limits.MaxImportRows)
                    {
                        return Problems.TooLarge($"An import takes at most {limits.MaxImportRows} rows; nothing was written. Split the file.");
                    }
                    await run.AddAsync(row);
                    if (run.RowsWithErrors >= MaxRowsWithErrors)
                    {
                        break;
                    }
                    if (run.Pending >= ChunkSize && !await run.FlushAsync())
                    {
                        return Conflict();
                    }
                }
            }
            catch (JsonException failure)
            {
                return Problems.Malformed(failure.LineNumber is { } line
                    ? $"The body must be a JSON array of {_name} write bodies (line {line + 1}, byte {failure.BytePositionInLine + 1}); nothing was written."
                    : $"The body must be a JSON array of {_name} write bodies; nothing was written.");
            }
            catch (ImportFileException failure)
            {
                return Problems.Malformed($"{failure.Message} Nothing was written.");
            }
            catch (Exception failure) when (upload is not null && UploadedFile.IsMalformed(failure))
            {
                return UploadedFile.Unreadable();   // a CSV part read as it streams can still end without its closing boundary
            }

            if (upload is not null && run.Received == 0)
            {
                return Problems.Malformed("The file has a header but no rows to import; nothing was written.");
            }

            if (run.Errors.Count > 0)
            {
                return TypedResults.Problem(new HttpValidationProblemDetails(run.Errors)
                {
                    Status = 400,
                    Title = "One or more rows are invalid",
                    Detail = run.RowsWithErrors >= MaxRowsWithErrors
                        ? $"Nothing was written. Checking stopped after {MaxRowsWithErrors} rows with errors."
                        : "Nothing was written.",
                });
            }
            if (run.Clashed)
            {
                return Conflict();
            }
            var dryRun = query.DryRun == true;
            if (!dryRun)
            {
                if (!await run.FlushAsync())
                {
                    return Conflict();
                }
                var committed = await _writes.CommitAsync(db, transaction, new WriteResult<TEntity>(WriteOutcome.Done), cancellationToken);
                if (committed.Outcome != WriteOutcome.Done)
                {
                    return Conflict();
                }
            }
            return TypedResults.Ok(new ImportResult(dryRun, run.Received, run.Created, run.Updated, run.Unchanged));
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    // The checks row by row should leave nothing for the unique indexes to catch; this is their backstop.
    private ProblemHttpResult Conflict() =>
        Problems.Duplicate($"Two rows of the import, or a row and a stored {_name}, would share a unique key; nothing was written.", null, null);

    /// <summary>Looks at the first byte after whitespace (and a BOM) without consuming anything.</summary>
    private static async Task<bool> StartsWithArrayAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            var first = FirstSignificant(read.Buffer);
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            if (first is not null || read.IsCompleted)
            {
                return first == (byte)'[';
            }
        }
    }

    private static byte? FirstSignificant(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
                {
                    return b;
                }
            }
        }
        return null;
    }

    private static async IAsyncEnumerable<ImportRow<TWrite>> ReadJsonAsync(
        Stream body, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, ElementOptions, cancellationToken))
        {
            yield return ToRow(index++, element, json);
        }
    }

    private static ImportRow<TWrite> ToRow(int index, JsonElement element, JsonSerializerOptions json)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ImportRow<TWrite>(index, null, null, new Dictionary<string, string[]> { [""] = ["A row must be a JSON object (a write body)."] });
        }
        try
        {
            return new ImportRow<TWrite>(index, null, element.Deserialize<TWrite>(json), null);
        }
        catch (JsonException)
        {
            return ReadMemberByMember(index, element, json);
        }
    }

    /// <summary>
    /// A row that does not read whole, read one member at a time: every member that cannot be read is an error (not only
    /// the first), and the body holds those that can, so that the rules can report on them in the same answer.
    /// </summary>
    private static ImportRow<TWrite> ReadMemberByMember(int index, JsonElement element, JsonSerializerOptions json)
    {
        var errors = new Dictionary<string, string[]>();
        var readable = new JsonObject();
        foreach (var member in element.EnumerateObject())
        {
            var single = new JsonObject { [member.Name] = JsonNode.Parse(member.Value.GetRawText()) };
            try
            {
                single.Deserialize<TWrite>(json);
                if (!readable.TryAdd(member.Name, single[member.Name]?.DeepClone()))
                {
                    errors[member.Name] = ["The property appears more than once."];
                }
            }
            catch (JsonException failure)
            {
                var field = ApiExceptionHandler.FieldPath(failure);
                errors[field.Length > 0 ? field : member.Name] = [ApiExceptionHandler.Message(failure)];
            }
        }
        TWrite? body = null;
        try
        {
            body = readable.Deserialize<TWrite>(json);
        }
        catch (JsonException)
        {
            // Members that read alone but not together (a member named twice in another letter case): the errors above stand.
        }
        if (errors.Count == 0)
        {
            errors[""] = ["The row is not a write body of the expected shape."];
        }
        return new ImportRow<TWrite>(index, null, body, errors);
    }

    /// <summary>The state of one import: counts, errors, and which keys earlier rows of the request already took.</summary>
    private sealed class Run(
        RecordImport<TEntity, TWrite> import, RelationsDbContext db, RecordInserter<TEntity>? inserter, IValidator<TWrite> validator,
        JsonSerializerOptions json, bool insertOnly, CancellationToken cancellationToken)
    {
        // A change callback's answer for "equal to what is stored": ChangeAsync then stages nothing.
        private static readonly Dictionary<string, string[]> Same = [];

        // Key → the row that took it. Bounded by the row limit; the database cannot answer for rows not yet saved.
        private readonly Dictionary<string, int> _externalIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _records = [];

        // Records the inserter wrote since the last save, to be logged with it, and the instant they are stamped with.
        private readonly List<TEntity> _new = new(ChunkSize);
        private DateTime? _now;

        public Dictionary<string, string[]> Errors { get; } = [];

        public int RowsWithErrors { get; private set; }

        public int Received { get; private set; }

        public int Created { get; private set; }

        public int Updated { get; private set; }

        public int Unchanged { get; private set; }

        /// <summary>Rows handled since the last save: what the change tracker holds.</summary>
        public int Pending { get; private set; }

        /// <summary>A unique index refused a new record that the write rules found no duplicate of: the import is a conflict.</summary>
        public bool Clashed { get; private set; }

        public async Task AddAsync(ImportRow<TWrite> row)
        {
            Received++;
            Pending++;
            if (row.Errors is { } unreadable)
            {
                // The fields that could be read are checked too, so that one answer lists all of the row's errors.
                var errors = new Dictionary<string, string[]>(unreadable);
                if (row.Body is { } partial)
                {
                    foreach (var (field, messages) in validator.Validate(partial).ToErrors())
                    {
                        if (!unreadable.Keys.Any(bad => field == bad || field.StartsWith(bad + ".", StringComparison.Ordinal) || field.StartsWith(bad + "[", StringComparison.Ordinal)))
                        {
                            errors[field] = messages;
                        }
                    }
                }
                Fail(row, errors);
                return;
            }
            var body = row.Body!;
            // Synchronously: the write validators have no asynchronous rules, and a row is checked in a few microseconds.
            var validation = validator.Validate(body);
            if (!validation.IsValid)
            {
                Fail(row, validation.ToErrors());
                return;
            }
            TEntity candidate;
            try
            {
                candidate = import._create(body);
            }
            catch (DomainRuleException rule)
            {
                Fail(row, rule.Field, rule.Message);
                return;
            }
            var key = import._writes.UniqueKey?.Invoke(candidate);
            if (body.ExternalId is { } externalId && _externalIds.TryGetValue(externalId, out var first))
            {
                Fail(row, "externalId", $"Rows {first} and {row.Index} have the same externalId '{externalId}'.");
                return;
            }
            if (key is not null && _keys.TryGetValue(key, out first))
            {
                Fail(row, "", $"Rows {first} and {row.Index} have the same unique key ({key}).");
                return;
            }

            if (!await StageAsync(row, body, candidate))
            {
                return;
            }
            if (body.ExternalId is not null)
            {
                _externalIds[body.ExternalId] = row.Index;
            }
            if (key is not null)
            {
                _keys[key] = row.Index;
            }
        }

        /// <summary>Saves the rows staged so far (inside the import's transaction) and empties the change tracker; false on a unique-key clash.</summary>
        public async Task<bool> FlushAsync()
        {
            Pending = 0;
            if (Errors.Count > 0)
            {
                // Nothing will be committed; later rows are still checked against the request's own keys and the stored records.
                db.ChangeTracker.Clear();
                _new.Clear();
                _now = null;
                return true;
            }
            if (Clashed)
            {
                return false;
            }
            db.ChangeTracker.DetectChanges();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException failure) when (failure.IsUniqueViolation())
            {
                return false;
            }
            if (_new.Count > 0)
            {
                await inserter!.LogCreatedAsync(_new, cancellationToken);
            }
            db.ChangeTracker.Clear();
            _new.Clear();
            _now = null;
            return true;
        }

        /// <summary>
        /// Upsert is an add that the write rules may turn down: a record with the same externalId (or unique key) is the
        /// one to update. A row with an id and no matching externalId updates that id, which must exist.
        /// </summary>
        private async Task<bool> StageAsync(ImportRow<TWrite> row, TWrite body, TEntity candidate)
        {
            int target;
            var byKey = false;
            if (!insertOnly && body.Id is { } id)
            {
                target = body.ExternalId is { } externalId && await RecordQueries<TEntity>.IdOfExternalIdAsync(db, externalId, cancellationToken) is { } found
                    ? found
                    : id;
            }
            else
            {
                // Where the inserter can write the record, the unique indexes check it first: a new key, the usual case in
                // a bulk load, costs no query. Only a key already taken goes on to the write rules, which name the record.
                if (inserter is not null && await inserter.TryInsertAsync(candidate, _now ??= inserter.Now(), cancellationToken))
                {
                    _new.Add(candidate);
                    Created++;
                    return true;
                }
                var added = inserter is null
                    ? await import._writes.AddAsync(db, candidate, cancellationToken)
                    : await import._writes.CheckNewAsync(db, candidate, cancellationToken);
                if (added.Outcome == WriteOutcome.Done && inserter is not null)
                {
                    Clashed = true;
                    return false;
                }
                if (added.Outcome == WriteOutcome.Done)
                {
                    Created++;
                    return true;
                }
                if (insertOnly || added.ExistingId is null)
                {
                    Fail(row, added);
                    return false;
                }
                target = added.ExistingId.Value;
                byKey = added.DuplicateField is null;
            }

            if (_records.TryGetValue(target, out var first))
            {
                Fail(row, "", $"Rows {first} and {row.Index} both match {import._name} id {target}.");
                return false;
            }
            var unchanged = false;
            var changed = await import._writes.ChangeAsync(db, target, _ => true, record =>
            {
                if (byKey && record.ExternalId is { } stored && body.ExternalId is { } sent && stored != sent)
                {
                    return Errors1("externalId", $"The {import._name} with the same unique key (id {record.Id}) has externalId '{stored}'.");
                }
                if (SameAsStored(record, candidate))
                {
                    unchanged = true;
                    return ValueTask.FromResult<IDictionary<string, string[]>?>(Same);
                }
                try
                {
                    import._apply(body, record);
                }
                catch (DomainRuleException rule)
                {
                    return Errors1(rule.Field, rule.Message);
                }
                return ValueTask.FromResult<IDictionary<string, string[]>?>(null);
            }, cancellationToken);

            if (unchanged)
            {
                Unchanged++;
            }
            else if (changed.Outcome == WriteOutcome.Done)
            {
                Updated++;
            }
            else
            {
                Fail(row, changed);
                return false;
            }
            _records[target] = row.Index;
            return true;
        }

        private static ValueTask<IDictionary<string, string[]>?> Errors1(string field, string message) =>
            ValueTask.FromResult<IDictionary<string, string[]>?>(new Dictionary<string, string[]> { [field] = [message] });

        /// <summary>
        /// Compares the write bodies of the stored record and of the row as it would be stored (mapped through a new
        /// record, so "absent" and "empty list" or a differently written number compare equal when they store the same).
        /// The server-managed fields are never part of a mapped write body.
        /// </summary>
        private bool SameAsStored(TEntity stored, TEntity candidate) =>
            JsonSerializer.Serialize(import._toWrite(stored), json) == JsonSerializer.Serialize(import._toWrite(candidate), json);

        private void Fail(ImportRow<TWrite> row, WriteResult<TEntity> result)
        {
            switch (result.Outcome)
            {
                case WriteOutcome.NotFound:
                    Fail(row, "id", $"There is no {import._name} with id {row.Body!.Id}.");
                    break;
                case WriteOutcome.Invalid:
                    Fail(row, result.Errors!);
                    break;
                case WriteOutcome.Duplicate when result.DuplicateField is { } field:
                    Fail(row, field, $"A {import._name} with the same {field} already exists: id {result.ExistingId}.");
                    break;
                default:
                    Fail(row, "", $"A {import._name} with the same unique key already exists: id {result.ExistingId}.");
                    break;
            }
        }

        private void Fail(ImportRow<TWrite> row, string field, string message) =>
            Fail(row, new Dictionary<string, string[]> { [field] = [message] });

        /// <summary>Adds a row's errors under "[i].field" ("[i]" for the row as a whole); a file's row's messages name its line or spreadsheet row.</summary>
        private void Fail(ImportRow<TWrite> row, IDictionary<string, string[]> errors)
        {
            RowsWithErrors++;
            foreach (var (field, messages) in errors)
            {
                var key = field.Length == 0 ? $"[{row.Index}]" : $"[{row.Index}].{field}";
                var lined = row.Line is { } line
                    ? messages.Select(m => m.StartsWith(row.LineName + " ", StringComparison.Ordinal) ? m : $"{row.LineName} {line}: {m}").ToArray()
                    : messages;
                Errors[key] = Errors.TryGetValue(key, out var earlier) ? [.. earlier, .. lined] : lined;
            }
        }
    }
}
