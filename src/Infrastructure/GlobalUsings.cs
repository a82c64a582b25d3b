// The namespaces most files of the infrastructure use: EF Core, its entity configuration builders and the domain's
// common types.
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using RelationsApi.Domain.Common;
