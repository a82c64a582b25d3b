global using static RelationsApi.Api.Tests.Support.TestHelpers;
