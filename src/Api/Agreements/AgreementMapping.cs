using RelationsApi.Api.Common;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;

namespace RelationsApi.Api.Agreements;

internal static class AgreementMapping
{
    public static AgreementResponse ToResponse(this Agreement a) => new(
        a.Id, a.ExternalId, a.Title, a.Type, a.Status, a.SignedDate, a.EffectiveDate, a.Parties, a.Summary,
        a.Sources.ToResponse(), a.CreatedAt, a.UpdatedAt, a.Version);

    public static AgreementWrite ToWrite(this Agreement a) => new()
    {
        ExternalId = a.ExternalId,
        Title = a.Title,
        Type = a.Type,
        Status = a.Status,
        SignedDate = a.SignedDate,
        EffectiveDate = a.EffectiveDate,
        Parties = a.Parties,
        Summary = a.Summary,
        Sources = a.Sources.ToWrite(),
    };

    /// <summary>Builds a new agreement from a validated body.</summary>
    public static Agreement ToNewAgreement(this AgreementWrite body)
    {
        var created = new Agreement(body.Title!, body.Type!.Value, body.Status!.Value);
        body.ApplyTo(created);
        return created;
    }

    /// <summary>Replaces every writable field of <paramref name="a"/> with the validated body's.</summary>
    public static void ApplyTo(this AgreementWrite body, Agreement a)
    {
        a.Describe(body.Title!, body.Type!.Value, body.Summary);
        a.SetStatus(body.Status!.Value, body.SignedDate, body.EffectiveDate);
        a.SetParties(body.Parties ?? [CountryCode.Kazakhstan, CountryCode.SouthKorea]);
        a.SetExternalId(body.ExternalId);
        a.SetSources(body.Sources.ToDomain());
    }
}
