using RelationsApi.Api;
using RelationsApi.Api.Access;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Commands;
using RelationsApi.Api.Common.OpenApi;
using RelationsApi.Api.Insight;
using RelationsApi.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInfrastructure(builder.Configuration, Resources.Stored);
builder.Services.AddApi(builder.Configuration);   // JSON, validators, problem details, OpenAPI, CORS, health checks
builder.Services.AddKeyAuthentication();           // X-Api-Key with scope read, write or admin; reads need none
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddChangeLogCompaction(builder.Configuration);   // drops superseded change log entries older than a month
builder.Services.AddInsight();                     // the dashboards' ETags and remembered answers
if (ApiCommands.IsCommand(args))
{
    builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);   // a verb's own output is what its user reads
}

var app = builder.Build();
if (ApiCommands.IsCommand(args))
{
    return await ApiCommands.RunAsync(app.Services, args);   // a maintenance verb such as "keys create": run it instead of serving
}

app.UseSecurityHeaders();                          // first, so that every answer carries them, problems included
app.UseNoStoreForAdmin();                          // likewise Cache-Control: no-store on every admin answer
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHeadAsGet();                                // before routing, so HEAD finds the GET endpoints
app.UseRouting();
app.UseCors();                                     // before the limits, so that a browser can read their 413, 414 and 431
app.UseRequestBodyLimit();
app.UseQueryAndHeaderLimits();                     // 414 and 431 as problem+json; Kestrel's own limits are the backstop
app.UseRequestTimeouts();                          // after routing: imports have a policy of their own
app.UseAuthentication();
app.UseKeyChecks();                                // a remembered key is checked before any answer goes out
app.UseRateLimiter();                              // after authentication, so writes count per key
app.UseAuthorization();
app.UseWholeWriteBodies();                         // after authorization: a write's body is read in full, under its timeout
app.UseApiDocs();                                  // /swagger, /swagger/v1/swagger.json, "/" → /swagger
app.MapHealth();
app.MapProblemTypes();
var api = app.MapGroup(ApiRoutes.Base).RequireKeyForWrites().RequireRateLimits();
api.MapResources();                               // events, flights, trade records, agreements: see Resources
api.MapChanges();
api.MapInsight();                                  // statistics, timeline, anniversaries, overview for dashboards
api.MapAdmin();

try
{
    app.Services.ClaimDatabase();                  // one API process per SQLite file, taken before migrating
}
catch (DatabaseInUseException inUse)
{
    await Console.Error.WriteLineAsync(inUse.Message);
    return 1;
}
await app.Services.MigrateAndSeedAsync();
await app.RunAsync();
return 0;
