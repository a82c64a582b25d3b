namespace RelationsApi.Api.Common.OpenApi;

/// <summary>Documents the body of an operation marked <see cref="RequiredBody"/> as required.</summary>
internal sealed class RequiredBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredBody>().Any() && operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
        }
    }
}
