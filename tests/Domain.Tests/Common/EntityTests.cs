using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;

namespace RelationsApi.Domain.Tests.Common;

public sealed class EntityTests
{
    [Fact]
    public void SetSources_ElevenSources_ThrowsForSources()
    {
        var entity = NewEntity();
        var sources = Enumerable.Range(1, Source.MaxPerRecord + 1).Select(i => new Source($"Source {i}")).ToList();

        var act = () => entity.SetSources(sources);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("sources", exception.Field);
        Assert.Empty(entity.Sources);
    }

    [Fact]
    public void SetSources_TenSources_KeepsThemInOrder()
    {
        var entity = NewEntity();
        var sources = Enumerable.Range(1, Source.MaxPerRecord).Select(i => new Source($"Source {i}")).ToList();

        entity.SetSources(sources);

        Assert.Equal(sources, entity.Sources);
    }

    [Fact]
    public void SetSources_Empty_ClearsSources()
    {
        var entity = NewEntity();
        entity.SetSources([new Source("Yonhap")]);

        entity.SetSources([]);

        Assert.Empty(entity.Sources);
    }

    [Fact]
    public void StampCreated_NewEntity_SetsVersionOneAndBothTimestamps()
    {
        var entity = NewEntity();
        var now = new DateTime(2024, 6, 12, 10, 30, 0, DateTimeKind.Utc);

        entity.StampCreated(now);

        Assert.Equal(1, entity.Version);
        Assert.Equal(now, entity.CreatedAt);
        Assert.Equal(now, entity.UpdatedAt);
    }

    [Fact]
    public void StampUpdated_CreatedEntity_IncrementsVersionAndUpdatesOnlyUpdatedAt()
    {
        var entity = NewEntity();
        var created = new DateTime(2024, 6, 12, 10, 30, 0, DateTimeKind.Utc);
        var updated = created.AddHours(2);
        entity.StampCreated(created);

        entity.StampUpdated(updated);

        Assert.Equal(2, entity.Version);
        Assert.Equal(created, entity.CreatedAt);
        Assert.Equal(updated, entity.UpdatedAt);
    }

    [Fact]
    public void StampUpdated_Twice_ReachesVersionThree()
    {
        var entity = NewEntity();
        var created = new DateTime(2024, 6, 12, 10, 30, 0, DateTimeKind.Utc);
        entity.StampCreated(created);

        entity.StampUpdated(created.AddMinutes(1));
        entity.StampUpdated(created.AddMinutes(2));

        Assert.Equal(3, entity.Version);
        Assert.Equal(created.AddMinutes(2), entity.UpdatedAt);
    }

    private static Entity NewEntity() => new Event("Official visit", EventCategory.Diplomatic, new PartialDate(2024, 6, 12), "KR");
}
