using System.Globalization;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.Tests.Persistence;

public sealed class StoredInstantTests
{
    [Theory]
    [InlineData("2026-12-02 12:33:44.4607416")]
    [InlineData("2026-12-02 12:33:44")]
    [InlineData("2026-12-02 12:33:44.5")]
    [InlineData("2024-02-29 23:59:59.0000001")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.9999999")]
    public void TryParse_TheFormatEFWrites_GivesWhatDateTimeParseGivesMarkedUtc(string text)
    {
        var parsed = StoredInstant.TryParse(text, out var value);

        Assert.True(parsed);
        Assert.Equal(DateTime.Parse(text, CultureInfo.InvariantCulture).Ticks, value.Ticks);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [InlineData("2026-12-02T12:33:44.4607416Z")]
    [InlineData("2026-12-02 12:33:44.")]
    [InlineData("2026-12-02 12:33:44.12345678")]
    [InlineData("2026-02-30 12:33:44")]
    [InlineData("2026-12-02 24:00:00")]
    [InlineData("2026-12-02 12:33")]
    [InlineData("2026-1a-02 12:33:44")]
    public void TryParse_AnyOtherText_IsLeftToDateTimeParse(string text)
    {
        Assert.False(StoredInstant.TryParse(text, out _));
    }
}
