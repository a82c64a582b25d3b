// The namespaces most files of the API use: its shared code, the database context and the domain's common types,
// JSON, EF Core queries, typed results, validators and options.
global using System.Text.Json;
global using FluentValidation;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Options;
global using RelationsApi.Api.Common;
global using RelationsApi.Domain.Common;
global using RelationsApi.Infrastructure.Persistence;
