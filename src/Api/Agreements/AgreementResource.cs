using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RelationsApi.Api.Common;
using RelationsApi.Domain.Agreements;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Agreements;

internal sealed class AgreementResource()
    : LinqRecordResource<Agreement, AgreementWrite, AgreementResponse, AgreementListQuery>("agreements", "agreement", ("Agreement", "Agreements"), "Agreements")
{
    internal static readonly LinqSorting<Agreement> Sorting = new LinqSorting<Agreement>("-signedDate")
        .Add("signedDate", StoredFilters.AgreementSignedStart)
        .Add("title", a => a.Title);

    public override IJsonTypeInfoResolver ResponseJson => AgreementJson.Default;

    protected override OperationSummaries Summaries { get; } =
        new("an agreement", "agreements", "Lists agreements (latest signed first unless sorted otherwise), filtered by status, type, signing period and text.");

    protected override string CsvExample =>
        "externalId,title,type,status,signedDate,parties\ntipf,Trade and Investment Promotion Framework,framework,underNegotiation,,KZ;KR\n";

    protected override Agreement Create(AgreementWrite body) => body.ToNewAgreement();

    protected override void Apply(AgreementWrite body, Agreement record) => body.ApplyTo(record);

    protected override AgreementResponse ToResponse(Agreement record) => record.ToResponse();

    protected override AgreementWrite ToWrite(Agreement record) => record.ToWrite();

    protected override IQueryable<Agreement> Matching(IQueryable<Agreement> records, AgreementListQuery query) => Sorting.Apply(records.Matching(query), query.Sort);
}

/// <summary>The agreement responses, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgreementResponse))]
[JsonSerializable(typeof(ListPage<AgreementResponse>))]
internal sealed partial class AgreementJson : JsonSerializerContext;
