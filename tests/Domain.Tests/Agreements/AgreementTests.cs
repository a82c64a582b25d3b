using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Tests.Agreements;

public sealed class AgreementTests
{
    [Fact]
    public void Constructor_ValidArguments_SetsFieldsAndDefaultParties()
    {
        var agreement = new Agreement("Air services agreement", AgreementType.Agreement, AgreementStatus.Proposed);

        Assert.Equal("Air services agreement", agreement.Title);
        Assert.Equal(AgreementType.Agreement, agreement.Type);
        Assert.Equal(AgreementStatus.Proposed, agreement.Status);
        Assert.Null(agreement.SignedDate);
        Assert.Null(agreement.EffectiveDate);
        Assert.Equal(["KZ", "KR"], agreement.Parties);
    }

    [Theory]
    [InlineData(AgreementStatus.Proposed)]
    [InlineData(AgreementStatus.UnderNegotiation)]
    public void SetStatus_SignedDateWhileStillDiscussed_ThrowsForSignedDate(AgreementStatus status)
    {
        var agreement = NewAgreement();

        var act = () => agreement.SetStatus(status, PartialDate.Parse("2024-06-12"), null);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("signedDate", exception.Field);
        Assert.Null(agreement.SignedDate);
    }

    [Theory]
    [InlineData(AgreementStatus.Signed)]
    [InlineData(AgreementStatus.InForce)]
    [InlineData(AgreementStatus.Terminated)]
    public void SetStatus_SignedDateOnceSigned_IsAccepted(AgreementStatus status)
    {
        var agreement = NewAgreement();
        var signed = PartialDate.Parse("2024-06-12");

        agreement.SetStatus(status, signed, null);

        Assert.Equal(status, agreement.Status);
        Assert.Equal(signed, agreement.SignedDate);
    }

    [Theory]
    [InlineData("2024-06-12", "2024-06-11")]
    [InlineData("2024-06-12", "2024-05")]
    [InlineData("2024-06", "2024-05-31")]
    [InlineData("2024", "2023")]
    public void SetStatus_EffectiveDateBeforeSignedDate_ThrowsForEffectiveDate(string signedDate, string effectiveDate)
    {
        var agreement = NewAgreement();

        var act = () => agreement.SetStatus(AgreementStatus.InForce, PartialDate.Parse(signedDate), PartialDate.Parse(effectiveDate));

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("effectiveDate", exception.Field);
    }

    [Theory]
    [InlineData("2024-06-12", "2024-06-12")]
    [InlineData("2024-06-12", "2024-06")]
    [InlineData("2024-06-12", "2024")]
    [InlineData("2024-06-12", "2025-01-01")]
    public void SetStatus_EffectiveDateOnOrAfterSignedDate_IsAccepted(string signedDate, string effectiveDate)
    {
        var agreement = NewAgreement();

        agreement.SetStatus(AgreementStatus.InForce, PartialDate.Parse(signedDate), PartialDate.Parse(effectiveDate));

        Assert.Equal(PartialDate.Parse(effectiveDate), agreement.EffectiveDate);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Constructor_BlankTitle_ThrowsForTitle(string title)
    {
        var act = () => new Agreement(title, AgreementType.Treaty, AgreementStatus.Proposed);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("title", exception.Field);
    }

    [Fact]
    public void Describe_TitleTooLong_ThrowsForTitle()
    {
        var agreement = NewAgreement();
        var title = new string('a', Agreement.MaxTitleLength + 1);

        var act = () => agreement.Describe(title, AgreementType.Treaty, null);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("title", exception.Field);
    }

    [Fact]
    public void Describe_UndefinedType_ThrowsForType()
    {
        var agreement = NewAgreement();

        var act = () => agreement.Describe("Title", (AgreementType)99, null);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("type", exception.Field);
    }

    [Fact]
    public void SetParties_FewerThanTwo_ThrowsForParties()
    {
        var agreement = NewAgreement();

        var act = () => agreement.SetParties(["KZ"]);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("parties", exception.Field);
        Assert.Equal(["KZ", "KR"], agreement.Parties);
    }

    [Fact]
    public void SetParties_MoreThanTwenty_ThrowsForParties()
    {
        var agreement = NewAgreement();
        string[] parties = ["KZ", "KR", "US", "CN", "JP", "RU", "DE", "FR", "GB", "IT", "ES", "UZ", "KG", "TJ", "TM", "MN", "IN", "TR", "AZ", "GE", "AM"];

        var act = () => agreement.SetParties(parties);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("parties", exception.Field);
    }

    [Fact]
    public void SetParties_Twenty_IsAccepted()
    {
        var agreement = NewAgreement();
        string[] parties = ["KZ", "KR", "US", "CN", "JP", "RU", "DE", "FR", "GB", "IT", "ES", "UZ", "KG", "TJ", "TM", "MN", "IN", "TR", "AZ", "GE"];

        agreement.SetParties(parties);

        Assert.Equal(parties, agreement.Parties);
    }

    [Fact]
    public void SetParties_Duplicates_ThrowsForParties()
    {
        var agreement = NewAgreement();

        var act = () => agreement.SetParties(["KZ", "KR", "KZ"]);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("parties", exception.Field);
    }

    [Theory]
    [InlineData("kz", "KR", "parties[0]")]
    [InlineData("KZ", "XX", "parties[1]")]
    [InlineData("KZ", "KOR", "parties[1]")]
    [InlineData("", "KR", "parties[0]")]
    public void SetParties_InvalidCode_ThrowsForItsIndex(string first, string second, string field)
    {
        var agreement = NewAgreement();

        var act = () => agreement.SetParties([first, second]);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal(field, exception.Field);
    }

    [Fact]
    public void SetParties_ValidDistinctCodes_ReplacesParties()
    {
        var agreement = NewAgreement();

        agreement.SetParties(["KZ", "KR", "UZ"]);

        Assert.Equal(["KZ", "KR", "UZ"], agreement.Parties);
    }

    private static Agreement NewAgreement() => new("Air services agreement", AgreementType.Agreement, AgreementStatus.Proposed);

    [Fact]
    public void SetStatus_UndefinedStatusWithoutSignedDate_ThrowsForStatus()
    {
        var agreement = new Agreement("Air services agreement", AgreementType.Agreement, AgreementStatus.Proposed);

        var error = Assert.Throws<DomainRuleException>(() => agreement.SetStatus((AgreementStatus)99, null, null));

        Assert.Equal("status", error.Field);
        Assert.Equal(AgreementStatus.Proposed, agreement.Status);
    }
}
