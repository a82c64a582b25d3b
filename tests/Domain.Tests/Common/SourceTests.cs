using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Tests.Common;

public sealed class SourceTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void Constructor_BlankName_ThrowsForName(string name)
    {
        var act = () => new Source(name);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("name", exception.Field);
    }

    [Fact]
    public void Constructor_NameTooLong_ThrowsForName()
    {
        var name = new string('a', Source.MaxNameLength + 1);

        var act = () => new Source(name);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("name", exception.Field);
    }

    [Fact]
    public void Constructor_NameAtMaxLength_IsAccepted()
    {
        var name = new string('a', Source.MaxNameLength);

        var source = new Source(name);

        Assert.Equal(name, source.Name);
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    [InlineData("relative/path")]
    [InlineData("http://")]
    [InlineData("https://")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:someone@example.com")]
    public void Constructor_NonWebUrl_ThrowsForUrl(string url)
    {
        var act = () => new Source("Yonhap", url);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("url", exception.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("\u200B")]
    public void Constructor_BlankUrl_MeansNone(string url)
    {
        var source = new Source("Yonhap", url);

        Assert.Null(source.Url);
    }

    [Fact]
    public void Constructor_UrlTooLong_ThrowsForUrl()
    {
        var url = "https://example.com/" + new string('a', Source.MaxUrlLength);

        var act = () => new Source("Yonhap", url);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("url", exception.Field);
    }

    [Theory]
    [InlineData("https://en.yna.co.kr/view/AEN20240612000300315")]
    [InlineData("http://www.akorda.kz/en")]
    public void Constructor_WebUrl_IsAccepted(string url)
    {
        var publishedOn = new DateOnly(2024, 6, 12);

        var source = new Source("Yonhap", url, publishedOn);

        Assert.Equal("Yonhap", source.Name);
        Assert.Equal(url, source.Url);
        Assert.Equal(publishedOn, source.PublishedOn);
    }

    [Fact]
    public void Constructor_NullUrl_IsAccepted()
    {
        var source = new Source("Kazinform", null);

        Assert.Null(source.Url);
        Assert.Null(source.PublishedOn);
    }
}
