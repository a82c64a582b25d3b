// The namespaces most files of the API use: its shared code, the database context and the domain's common types,
// JSON and its source generation, EF Core queries, typed results, validators, options and the OpenAPI document's model.
global using System.Text.Json;
global using System.Text.Json.Serialization;
global using System.Text.Json.Serialization.Metadata;
global using FluentValidation;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Options;
global using Microsoft.OpenApi;
global using RelationsApi.Api.Common;
global using RelationsApi.Domain.Common;
global using RelationsApi.Infrastructure.Persistence;
global using Swashbuckle.AspNetCore.SwaggerGen;
