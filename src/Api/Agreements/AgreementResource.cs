using RelationsApi.Domain.Agreements;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Api.Agreements;

internal sealed class AgreementResource()
    : LinqRecordResource<Agreement, AgreementWrite, AgreementResponse, AgreementListQuery>("agreements", "agreement", ("Agreement", "Agreements"), "Agreements")
{
    internal static readonly LinqSorting<Agreement> Sorting = new LinqSorting<Agreement>("-signedDate")
        .Add("signedDate", StoredFilters.AgreementSignedStart)
        .Add("title", a => a.Title);

    public override IJsonTypeInfoResolver ResponseJson => AgreementJson.Default;

    protected override LinqSorting<Agreement> SortFields => Sorting;

    protected override OperationSummaries Summaries { get; } =
        new("an agreement", "agreements", "Lists agreements (latest signed first unless sorted otherwise), filtered by status, type, signing period and text.");

    protected override string CsvExample =>
        "externalId,title,type,status,signedDate,parties\ntipf,Trade and Investment Promotion Framework,framework,underNegotiation,,KZ;KR\n";

    protected override (int Id, Agreement Record) Example => (2, SeedArticle.Agreements().ElementAt(1));

    protected override Agreement New(AgreementWrite body) => new(body.Title!, body.Type!.Value, body.Status!.Value);

    protected override void Apply(AgreementWrite body, Agreement a)
    {
        a.Describe(body.Title!, body.Type!.Value, body.Summary);
        a.SetStatus(body.Status!.Value, body.SignedDate, body.EffectiveDate);
        a.SetParties(body.Parties ?? [CountryCode.Kazakhstan, CountryCode.SouthKorea]);
    }

    protected override AgreementResponse ToResponse(Agreement a) => new(
        a.Id, a.ExternalId, a.Title, a.Type, a.Status, a.SignedDate, a.EffectiveDate, a.Parties, a.Summary,
        a.Sources.ToResponse(), a.CreatedAt, a.UpdatedAt, a.Version);

    protected override IQueryable<Agreement> Filter(IQueryable<Agreement> agreements, AgreementListQuery query) => agreements
        .WhereAnyOf(a => a.Status, query.Status)
        .WhereAnyOf(a => a.Type, query.Type)
        .SignedInPeriod(query.From?.Value, query.To?.Value)
        .Searching(query.Q);   // title and summary, folded when saved
}

/// <summary>The agreement responses, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgreementResponse))]
[JsonSerializable(typeof(ListPage<AgreementResponse>))]
internal sealed partial class AgreementJson : JsonSerializerContext;
