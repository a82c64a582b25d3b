// The namespaces most files of the infrastructure use: ADO.NET and EF Core (its storage and entity configuration
// builders), and the domain whose records it stores.
global using System.Data.Common;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Microsoft.EntityFrameworkCore.Storage;
global using RelationsApi.Domain.Agreements;
global using RelationsApi.Domain.Common;
global using RelationsApi.Domain.Events;
global using RelationsApi.Domain.Flights;
global using RelationsApi.Domain.TradeRecords;
