using Microsoft.AspNetCore.Authorization;
using RelationsApi.Api.Access;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Marks the operations that need an API key with the X-Api-Key scheme (Swagger UI's "Authorize" fills it in) and every
/// other operation with an explicit empty requirement: reads take no credentials.
/// </summary>
internal sealed class KeySecurityOperationFilter : IOperationFilter
{
    public static readonly OpenApiSecurityScheme Scheme = new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = KeyAuthentication.Header,
        Description = "An API key (kkr_…). Writes need scope write or admin; key management and the audit trail need admin. Reads need no key (a key of any scope on a read gives it the key's own rate-limit allowance).",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var policies = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count == 0)
        {
            operation.Security = [];
            operation.Description = (operation.Description is { Length: > 0 } given ? given + "\n\n" : "")
                + "Needs no API key; a key may be sent to read with its own rate-limit allowance.";
            return;
        }
        var scope = policies.Contains(KeyAuthentication.Admin) ? KeyAuthentication.Admin : KeyAuthentication.Write;
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyAuthentication.Scheme, context.Document)] = [] }];
        operation.Description = (operation.Description is { Length: > 0 } text ? text + "\n\n" : "") + $"Needs an API key with scope {scope}.";
    }
}
