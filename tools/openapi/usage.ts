// What a TypeScript partner writes against the client generated from the OpenAPI document: `npm run check`
// regenerates generated/schema.d.ts with openapi-typescript and type-checks this file against it with tsc, so a
// document change that breaks these calls fails CI. It is never run; the HTTP tests cover behaviour.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type EventWrite = components["schemas"]["EventWrite"];
type ChangeResponse = components["schemas"]["ChangeResponse"];
type FlightQuery = NonNullable<paths["/api/v1/flights"]["get"]["parameters"]["query"]>;

export async function scenario(baseUrl: string): Promise<string[]> {
    const client = createClient<paths>({ baseUrl });
    const log: string[] = [];

    // A list with filters, sorting and paging. The query is typed on its own so that a misspelt or removed filter
    // fails to compile (openapi-fetch's inferred init object does not reject unknown properties).
    const query: FlightQuery = { airlineCode: "OZ", status: "operating", sort: "-weeklyFrequency", page: 1, pageSize: 20 };
    const flights = await client.GET("/api/v1/flights", { params: { query } });
    if (flights.error) {
        throw new Error(`listFlights: ${flights.error.status} ${flights.error.title}`);
    }
    for (const flight of flights.data.items) {
        const airlines: string = flight.airlines.map((airline) => airline.code).join("+");
        log.push(`${flight.originAirport}-${flight.destinationAirport} ${airlines} x${flight.weeklyFrequency}`);
    }
    log.push(`flights: ${flights.data.totalCount} in all`);

    // A create: the write schema requires title, category, date and countryCode.
    const body: EventWrite = {
        title: "Kazakh culture days in Seoul",
        category: "cultural",
        date: "2024-09",
        countryCode: "KR",
        city: "Seoul",
        sources: [{ name: "Example source", url: "https://example.org/culture-days" }],
    };
    // @ts-expect-error a write body without its required title must not compile
    const untitled: EventWrite = { category: "cultural", date: "2024", countryCode: "KR" };
    void untitled;
    const created = await client.POST("/api/v1/events", { body });
    if (created.error) {
        const fields = "errors" in created.error ? Object.keys(created.error.errors ?? {}).join(", ") : "";
        throw new Error(`createEvent: ${created.error.status} ${created.error.detail ?? ""} ${fields}`);
    }
    const id: number = created.data.id;
    log.push(`created event ${id} v${created.data.version} at ${created.response.headers.get("Location")}`);

    // The change feed, read on with its cursor until it has no more.
    let after: string | undefined;
    for (;;) {
        const page = await client.GET("/api/v1/changes", {
            params: { query: { resource: "events", limit: 100, ...(after === undefined ? {} : { after }) } },
        });
        if (page.error) {
            throw new Error(`listChanges: ${page.error.status} ${page.error.title}`);
        }
        const changes: ChangeResponse[] = page.data.items;
        for (const change of changes) {
            log.push(`#${change.sequence} ${change.operation} ${change.resource}/${change.id} v${change.version}`);
        }
        after = page.data.nextCursor ?? undefined;
        if (!page.data.hasMore) {
            break;
        }
    }

    // ---- INTEGRATOR: import call goes here -----------------------------------------------------------------------
    // When POST /api/v1/{resource}/import lands (operationIds importEvents, importFlights, importTradeRecords,
    // importAgreements; request body application/json = an array of the write schema, or text/csv = a string),
    // add at least the JSON call below and check what it returns, so `npm run check` type-checks the import contract:
    //
    //   const imported = await client.POST("/api/v1/events/import", { body: [body] });
    //   if (imported.error) { throw new Error(`importEvents: ${imported.error.status}`); }
    //
    // For CSV, openapi-fetch serialises bodies as JSON unless told otherwise: pass the text unchanged with
    //   { body: csvText, bodySerializer: (csv: string) => csv, headers: { "Content-Type": "text/csv" } }.
    // --------------------------------------------------------------------------------------------------------------

    return log;
}
