namespace RelationsApi.Infrastructure.Seeding;

/// <summary>A marker row: the seed source named here has been applied once and must never be applied again.</summary>
internal sealed class SeedRun
{
    public required string Name { get; init; }
    public DateTime AppliedAt { get; init; }
}
