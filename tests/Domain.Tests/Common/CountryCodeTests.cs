using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Tests.Common;

public sealed class CountryCodeTests
{
    [Fact]
    public void Count_AssignedCodes_Is249()
    {
        var count = CountryCode.Count;

        Assert.Equal(249, count);
    }

    [Theory]
    [InlineData("KZ")]
    [InlineData("KR")]
    [InlineData("US")]
    [InlineData("ZW")]
    public void IsValid_AssignedUpperCaseCode_ReturnsTrue(string code)
    {
        var valid = CountryCode.IsValid(code);

        Assert.True(valid);
    }

    [Theory]
    [InlineData("kz")]
    [InlineData("Kz")]
    [InlineData("XX")]
    [InlineData("KAZ")]
    [InlineData("K")]
    [InlineData(" KZ")]
    [InlineData(null)]
    [InlineData("")]
    public void IsValid_UnassignedOrMalformedCode_ReturnsFalse(string? code)
    {
        var valid = CountryCode.IsValid(code);

        Assert.False(valid);
    }

    [Fact]
    public void Constants_PartyCountries_AreKzAndKr()
    {
        var (kazakhstan, southKorea) = (CountryCode.Kazakhstan, CountryCode.SouthKorea);

        Assert.Equal("KZ", kazakhstan);
        Assert.Equal("KR", southKorea);
    }
}
