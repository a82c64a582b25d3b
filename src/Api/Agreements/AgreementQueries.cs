using Microsoft.EntityFrameworkCore;
using RelationsApi.Api.Common;
using RelationsApi.Domain.Agreements;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Agreements;

internal static class AgreementQueries
{
    /// <summary>The records the list filters select; the list, its count and any other view of the same filters share it.</summary>
    public static IQueryable<Agreement> Matching(this IQueryable<Agreement> agreements, AgreementListQuery query)
    {
        agreements = agreements.WithExternalId(query.ExternalId);
        if (!string.IsNullOrEmpty(query.Status) && EnumText<AgreementStatus>.TryParseList(query.Status, out var statuses))
        {
            agreements = agreements.WhereAnyOf(a => a.Status, statuses);
        }
        if (!string.IsNullOrEmpty(query.Type) && EnumText<AgreementType>.TryParseList(query.Type, out var types))
        {
            agreements = agreements.WhereAnyOf(a => a.Type, types);
        }
        agreements = agreements.SignedInPeriod(query.From?.Value, query.To?.Value);
        if (!string.IsNullOrEmpty(query.Q))
        {
            agreements = agreements.Searching(query.Q);   // title and summary, folded when saved
        }
        return agreements;
    }
}
