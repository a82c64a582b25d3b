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
        if (query.From?.Value is { } from)
        {
            agreements = agreements.Where(a => EF.Property<DateOnly?>(a, "SignedPeriodEnd") >= from);
        }
        if (query.To?.Value is { } to)
        {
            agreements = agreements.Where(a => EF.Property<DateOnly?>(a, "SignedPeriodStart") <= to);
        }
        if (!string.IsNullOrEmpty(query.Q))
        {
            // Title and summary, folded when saved: see SearchText.
            var needle = SearchText.Needle(query.Q);
            agreements = agreements.Where(a => EF.Property<string>(a, SearchText.Column).Contains(needle));
        }
        return agreements;
    }
}
