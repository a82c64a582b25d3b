// What a TypeScript partner writes against the client generated from the OpenAPI document: `npm run check`
// regenerates generated/schema.d.ts with openapi-typescript and type-checks this file against it with tsc, so a
// document change that breaks these calls fails CI. It is never run; the HTTP tests cover behaviour.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type EventWrite = components["schemas"]["EventWrite"];
type EventPatch = components["schemas"]["EventPatch"];
type ChangeResponse = components["schemas"]["ChangeResponse"];
type ImportResult = components["schemas"]["ImportResult"];
type FlightQuery = NonNullable<paths["/api/v1/flights"]["get"]["parameters"]["query"]>;

export async function scenario(baseUrl: string, apiKey: string): Promise<string[]> {
    // Lists also answer text/csv and imports also read it, so the JSON client is told which media types it speaks
    // (JSON and problem+json); a second client also speaks text/csv, to send CSV. Writes need an API key
    // (scheme ApiKey: the X-Api-Key header); reads would work without it. List filters and sorts are arrays sent
    // comma-separated (style form, explode false: status=operating,planned), which openapi-fetch is told here.
    const headers = { "X-Api-Key": apiKey };
    const querySerializer = { array: { style: "form", explode: false } } as const;
    const client = createClient<paths, `${string}/${string}json`>({ baseUrl, headers, querySerializer });
    const csvClient = createClient<paths, `${string}/${string}json` | "text/csv">({ baseUrl, headers, querySerializer });
    const log: string[] = [];

    // A list with filters, sorting and paging. The query is typed on its own so that a misspelt or removed filter
    // fails to compile (openapi-fetch's inferred init object does not reject unknown properties).
    const query: FlightQuery = { airlineCode: "OZ", status: ["operating", "planned"], sort: ["-weeklyFrequency", "originAirport"], page: 1, pageSize: 20 };
    // @ts-expect-error a value outside a filter's enum must not compile
    const unknownStatus: FlightQuery = { status: ["grounded"] };
    void unknownStatus;
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

    // A merge patch: only the members sent change, null removes an optional one; a member the write body lacks is a
    // compile error, as it is a 400 at run time.
    const patch: EventPatch = { summary: "Now with a summary", city: null };
    // @ts-expect-error a misspelt member is not part of the patch schema
    const misspelt: EventPatch = { sumary: "typo" };
    void misspelt;
    const patched = await client.PATCH("/api/v1/events/{id}", {
        params: { path: { id } },
        body: patch,
        headers: { "Content-Type": "application/merge-patch+json" },
    });
    if (patched.error) {
        throw new Error(`patchEvent: ${patched.error.status} ${patched.error.title}`);
    }
    log.push(`patched event ${id} v${patched.data.version}: ${patched.data.summary ?? ""}`);

    // The change feed, read on with its cursor until it has no more.
    let after: string | undefined;
    for (;;) {
        const page = await client.GET("/api/v1/changes", {
            params: { query: { resource: ["events"], limit: 100, ...(after === undefined ? {} : { after }) } },
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

    // A bulk import, as JSON (an array of write bodies) and as CSV (text, sent as it is), with its counts typed.
    const imported = await client.POST("/api/v1/events/import", { params: { query: { mode: "upsert", dryRun: true } }, body: [body] });
    if (imported.error) {
        throw new Error(`importEvents: ${imported.error.status} ${imported.error.detail ?? ""}`);
    }
    const counts: ImportResult = imported.data;
    log.push(`import (dry run): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
    const csv = "externalId,reporterCountry,partnerCountry,flow,year,valueUsd\npartner-a:2023,KZ,KR,export,2023,1200000.50\n";
    const csvImported = await csvClient.POST("/api/v1/trade-records/import", {
        body: csv,
        bodySerializer: (text) => text as string,
        headers: { "Content-Type": "text/csv" },
    });
    if (csvImported.error) {
        throw new Error(`importTradeRecords: ${csvImported.error.status}`);
    }
    log.push(`csv import: ${csvImported.response.status}`);

    return log;
}
