using System.Text.Json.Nodes;
using RelationsApi.Api.Common.OpenApi;
using RelationsApi.Api.Flights;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Insight;

/// <summary>
/// Documents what the insight operations share: If-None-Match and the ETag, the parameters bound as text (in any
/// letter case) documented as the enums they are, and the search's query as required.
/// </summary>
internal sealed class InsightOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()
                .Any(t => t.Tags.Contains(InsightEndpoints.Tag)))
        {
            return;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Required = false,
            Description = "The ETag of an earlier answer; 304 (with the same ETag) while no record has changed since.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        foreach (var status in new[] { "200", "304" })
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The version of the data the answer was computed from; it changes whenever any record changes.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.Name == "granularity")
            {
                parameter.Schema = context.SchemaGenerator.GenerateSchema(typeof(TradeGranularity), context.SchemaRepository);
            }
            else if (parameter.Name == "q" && context.ApiDescription.RelativePath?.EndsWith("search", StringComparison.Ordinal) == true)
            {
                parameter.Required = true;   // bound as optional text, so that a missing query is the validator's 400
            }
            else if (parameter.Name == "sort" && context.ApiDescription.RelativePath?.EndsWith("timeline", StringComparison.Ordinal) == true)
            {
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create("date"), JsonValue.Create("-date")],
                    Default = JsonValue.Create("date"),
                };
            }
        }
    }
}

/// <summary>
/// Examples of the insight answers from the seed data, as a new database gives them: the 2022 turnover of $6.53 billion
/// (reported by KZ), the 11 weekly Almaty–Seoul flights of Air Astana and Asiana together, the diplomatic relations of 1992,
/// and what a search for "Seoul" finds.
/// </summary>
internal sealed class InsightExamples : ISchemaFilter
{
    private static readonly ConnectivityRoute AlmatySeoul = new(1, "ALA", "SEL", 11, 360, [new AirlineResponse("KC", "Air Astana"), new AirlineResponse("OZ", "Asiana Airlines")]);

    private static readonly Anniversary Relations35 = new(
        new PartialDate(2027), 35, PartialDatePrecision.Year, AnniversaryKind.Event, "events", 3, "Kazakhstan and Korea establish diplomatic relations");

    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(TradeStatistics)] = new TradeStatistics(TradeGranularity.Year,
        [
            new TradeSeries("KZ", "KR", TradeFlow.Turnover,
                [new TradePoint("2022", 6_530_000_000.00m, null, null, TradeValueBasis.Reported, Complete: true, RecordCount: 1)],
                new TradePeak("2022", 6_530_000_000.00m)),
        ]),
        [typeof(MirrorTrade)] = new MirrorTrade([new MirrorTradeItem(2022, "KZ", "KR", 1_000_000_000.00m, 1_050_000_000.00m, 50_000_000.00m, 5.0m)]),
        [typeof(Connectivity)] = new Connectivity(new DateOnly(2024, 1, 1), 11, [AlmatySeoul],
            [new AirlineConnectivity("KC", "Air Astana", 1, 11, 1), new AirlineConnectivity("OZ", "Asiana Airlines", 1, 11, 1)],
            [new ConnectivityRoute(2, "NQZ", "SEL", 0, null, [])], []),
        [typeof(ListPage<TimelineItem>)] = new ListPage<TimelineItem>(
            [
                new TimelineItem(TimelineKind.Event, new PartialDate(1991, 12, 16), null, "Kazakhstan gains independence from the Soviet Union", "events", 2, EventCategory.Diplomatic, null),
                new TimelineItem(TimelineKind.Event, new PartialDate(1992), null, "Kazakhstan and Korea establish diplomatic relations", "events", 3, EventCategory.Diplomatic, null),
            ],
            1, ListQuery.DefaultPageSize, 5),
        [typeof(AnniversaryList)] = new AnniversaryList([Relations35]),
        [typeof(ListPage<SearchItem>)] = new ListPage<SearchItem>(
            [
                new SearchItem("events", 1, "Kazakhstan's Republic Day reception in Seoul", "Kazakhstan's Republic Day reception in Seoul", [[39, 5]], 0.8404m),
            ],
            1, ListQuery.DefaultPageSize, 1),
        [typeof(Overview)] = new Overview(
            new OverviewCounts(5, 2, 1, 3),
            new OverviewTrade(2022, 6_530_000_000.00m, null, null, TradeValueBasis.Reported, "KZ"),
            new OverviewConnectivity(11, 1, 2),
            new OverviewAgreements(1, 1, 1),
            Relations35,
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type == typeof(TimelineItem) && schema is OpenApiSchema item)
        {
            // An item has either an event's category or an agreement's type; the other is left out, not null.
            item.Required?.Remove("category");
            item.Required?.Remove("type");
        }
        if (Samples.TryGetValue(context.Type, out var sample) && schema is OpenApiSchema concrete)
        {
            concrete.SetExample(JsonSerializer.SerializeToNode(sample, context.Type, RecordJson.Options));
        }
    }
}
