using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace RelationsApi.Infrastructure.Seeding;

/// <summary>A marker row: the seed source named here has been applied once and must never be applied again.</summary>
[Table("SeedRuns")]
internal sealed class SeedRun
{
    [Key, MaxLength(200)]
    public required string Name { get; init; }
    public DateTime AppliedAt { get; init; }
}
