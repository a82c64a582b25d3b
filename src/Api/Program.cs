using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Common.OpenApi;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddApi(builder.Configuration);   // JSON, validators, problem details, OpenAPI, CORS, health checks

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHeadAsGet();                                // before routing, so HEAD finds the GET endpoints
app.UseRouting();
app.UseRequestBodyLimit();
app.UseCors();
app.UseApiDocs();                                  // /swagger, /swagger/v1/swagger.json, "/" → /swagger
app.MapHealth();
app.MapProblemTypes();
app.MapEvents();
app.MapFlights();
app.MapTradeRecords();
app.MapAgreements();

await app.Services.MigrateAndSeedAsync();
await app.RunAsync();
