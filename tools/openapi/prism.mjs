// Replays a partner's traffic through Stoplight Prism running as a validating proxy in front of the API
// (`prism proxy ../../artifacts/openapi/openapi.json <API URL> --errors`) and fails if Prism finds that any request or
// answer differs from the document. Prism validates every request against its operation (an invalid one is answered by
// Prism itself, 422 or 401, and never reaches the API) and every answer: its status, media type, headers and body. It
// names what differs in an `sl-violations` header and, with --errors, turns an answer that breaks the document into its
// own 500 problem; its own problems have a type under https://stoplight.io/prism/errors.
//
// The traffic: every read of the Postman collection made from the document (as postman.mjs runs it), then writes on a
// fresh database: for each resource create, conditional reads, replace and merge patch with If-Match, JSON, CSV and
// multipart imports, exports and the import template, delete; refusals the API makes to requests the document allows
// (400, 401, 403, 404, 409, 412); key management and the audit trail; the change feed; the insight endpoints, again
// after the writes and revalidated with their ETags. Every request targets a documented operation.
// Usage: node prism.mjs <Prism URL> <admin API key>
import { readFile } from "node:fs/promises";
import { readsCollection, runNewman, waitUntilReady } from "./collection.mjs";

const [baseUrl, adminKey] = process.argv.slice(2);
if (!baseUrl || !adminKey) {
    console.error("usage: node prism.mjs <Prism URL> <admin API key>");
    process.exit(2);
}
const documentPath = new URL("../../artifacts/openapi/openapi.json", import.meta.url);
const prismProblem = "https://stoplight.io/prism/errors#";

// /health/ready is a documented operation, so Prism forwards it: this waits for Prism and the API behind it.
await waitUntilReady(baseUrl);
// The URL is Prism's, validating with --errors: a create without the required fields is answered by Prism (422), not
// by the API (400). Otherwise the check below would pass whatever the API answered.
const probe = await fetch(new URL("/api/v1/events", baseUrl), {
    method: "POST", headers: { "Content-Type": "application/json", "X-Api-Key": adminKey }, body: "{}",
});
if (probe.status !== 422 || !(await probe.text()).includes(prismProblem)) {
    console.error(`${baseUrl} is not Prism validating with --errors: an invalid create was answered ${probe.status}`);
    process.exit(1);
}

// 1. The Postman collection's reads, each asserting a 2xx that Prism found nothing wrong with.
const collection = await readsCollection(await readFile(documentPath, "utf8"), [
    "pm.test(`${pm.info.requestName}: 2xx`, () => pm.expect(pm.response.code).to.be.within(200, 299));",
    "pm.test(`${pm.info.requestName}: no violations`, () => pm.expect(pm.response.headers.get('sl-violations') ?? '').to.equal(''));",
]);
const summary = await runNewman(collection, baseUrl, adminKey);
const failures = summary.run.failures.map((failure) => `newman: ${failure.source?.name}: ${failure.error.message}`);
if (summary.run.stats.requests.total === 0) {
    failures.push("newman: the collection has no reads");
}

// 2. Writes, refusals, admin and insight calls, one by one.
let count = 0;
async function call(method, path, { status, key = adminKey, body, type, headers = {} } = {}) {
    const init = { method, headers: { ...headers } };
    if (key) {
        init.headers["X-Api-Key"] = key;
    }
    if (body !== undefined) {
        // JSON is sent as JSON.stringify writes it: Prism parses a JSON body and forwards it serialised again.
        init.body = typeof body === "string" || body instanceof FormData ? body : JSON.stringify(body);
        if (type) {
            init.headers["Content-Type"] = type;
        } else if (!(body instanceof FormData)) {
            init.headers["Content-Type"] = "application/json";
        }
    }
    const answer = await fetch(new URL(path, baseUrl), init);
    const text = await answer.text();
    count++;
    const name = `${method} ${path} → ${answer.status}`;
    const problems = [];
    if (answer.status !== status) {
        problems.push(`expected ${status}`);
    }
    const violations = answer.headers.get("sl-violations");
    if (violations) {
        problems.push(`sl-violations: ${violations}`);
    }
    if (text.includes(prismProblem)) {
        problems.push(`answered by Prism: ${text}`);
    }
    if (problems.length > 0) {
        failures.push(`${name}: ${problems.join("; ")}`);
        console.log(`  ✗ ${name}`);
    } else {
        console.log(`  ✓ ${name}`);
    }
    const json = /json/.test(answer.headers.get("content-type") ?? "") && text ? JSON.parse(text) : undefined;
    return { status: answer.status, headers: answer.headers, json };
}

// Ids and keys of this run, so that running it again against the same database writes new records, not the same ones.
const run = Date.now().toString(36);
const hsCode = String(Date.now() % 1_000_000).padStart(6, "0");
const resources = [
    {
        path: "/api/v1/events",
        create: { externalId: `prism:${run}:event`, title: "Prism check reception", category: "cultural", date: "2024-05", countryCode: "KR", city: "Seoul", participants: ["Prism"] },
        replace: { externalId: `prism:${run}:event`, title: "Prism check reception, replaced", category: "cultural", date: "2024-05-20", endDate: "2024-05-21", countryCode: "KR" },
        patch: { summary: "Patched through Prism.", venue: null },
        refused: { title: "Ends before it begins", category: "cultural", date: "2024-05", endDate: "2023", countryCode: "KR" },
        csv: `externalId,title,category,date,countryCode,city,participants\nprism:${run}:csv,Imported through Prism,education,2022-09,KZ,Almaty,A;B\n`,
        rows: [{ externalId: `prism:${run}:json`, title: "Imported as JSON", category: "economic", date: "2021", countryCode: "KZ" }],
    },
    {
        path: "/api/v1/flights",
        create: { externalId: `prism:${run}:flight`, originAirport: "NQZ", destinationAirport: "ICN", airlines: [{ code: "KC", name: "Air Astana" }], weeklyFrequency: 3, durationMinutes: 420, status: "operating", validFrom: "2025-03-30", validTo: "2025-10-25" },
        replace: { externalId: `prism:${run}:flight`, originAirport: "NQZ", destinationAirport: "ICN", airlines: [{ code: "KC", name: "Air Astana" }], weeklyFrequency: 4, status: "operating" },
        patch: { weeklyFrequency: 5, durationMinutes: null },
        refused: { originAirport: "ALA", destinationAirport: "ALA", weeklyFrequency: 1, status: "suspended" },
        csv: `externalId,originAirport,destinationAirport,airlines,weeklyFrequency,durationMinutes,status\nprism:${run}:csv,CIT,ICN,KC|Air Astana,2,390,operating\n`,
        rows: [{ externalId: `prism:${run}:json`, originAirport: "GUW", destinationAirport: "ICN", weeklyFrequency: 0, status: "planned" }],
    },
    {
        path: "/api/v1/trade-records",
        create: { externalId: `prism:${run}:trade`, reporterCountry: "KR", partnerCountry: "KZ", flow: "export", year: 2020, month: 7, hsCode: "8703", commodity: "Motor cars", valueUsd: 1234567.89 },
        replace: { externalId: `prism:${run}:trade`, reporterCountry: "KR", partnerCountry: "KZ", flow: "export", year: 2020, month: 7, hsCode: "8703", valueUsd: 2000000 },
        patch: { commodity: "Passenger cars", valueUsd: 2500000.5 },
        refused: { reporterCountry: "KZ", partnerCountry: "KZ", flow: "import", year: 2020, valueUsd: 1 },
        csv: `externalId,reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd\nprism:${run}:csv,KZ,KR,export,2019,11,${hsCode},Iron ores,125.50\n`,
        rows: [{ externalId: `prism:${run}:json`, reporterCountry: "KR", partnerCountry: "KZ", flow: "import", year: 2018, month: 2, hsCode, valueUsd: 10 }],
    },
    {
        path: "/api/v1/agreements",
        create: { externalId: `prism:${run}:agreement`, title: "Prism check memorandum", type: "memorandum", status: "signed", signedDate: "2024-06-12", parties: ["KZ", "KR"] },
        replace: { externalId: `prism:${run}:agreement`, title: "Prism check memorandum, replaced", type: "memorandum", status: "inForce", signedDate: "2024-06-12", effectiveDate: "2024-07" },
        patch: { summary: "Patched through Prism.", effectiveDate: null },
        refused: { title: "Signed before it was proposed", type: "treaty", status: "proposed", signedDate: "2020" },
        csv: `externalId,title,type,status,signedDate,parties\nprism:${run}:csv,Imported through Prism,framework,underNegotiation,,KZ;KR\n`,
        rows: [{ externalId: `prism:${run}:json`, title: "Imported as JSON", type: "declaration", status: "signed", signedDate: "2019-04" }],
    },
];

for (const resource of resources) {
    const { path } = resource;
    console.log(path);
    const created = await call("POST", path, { status: 201, body: resource.create });
    const id = created.json?.id;
    if (id === undefined) {
        failures.push(`POST ${path} gave no id: the rest of ${path} is not checked`);
        continue;
    }
    const one = `${path}/${id}`;
    const read = await call("GET", one, { status: 200, key: null });
    await call("GET", one, { status: 304, key: null, headers: { "If-None-Match": read.headers.get("etag") } });
    const replaced = await call("PUT", one, { status: 200, body: resource.replace, headers: { "If-Match": read.headers.get("etag") } });
    await call("PATCH", one, { status: 200, body: resource.patch, type: "application/merge-patch+json", headers: { "If-Match": replaced.headers.get("etag") } });
    await call("PUT", one, { status: 412, body: resource.replace, headers: { "If-Match": read.headers.get("etag") } });
    const touched = await call("PATCH", one, { status: 200, body: {}, type: "application/merge-patch+json" });
    await call("POST", path, { status: 409, body: resource.create });
    await call("POST", path, { status: 400, body: resource.refused });
    await call("POST", path, { status: 401, key: "kkr_not-a-key", body: resource.create });
    await call("GET", `${path}/2147483647`, { status: 404, key: null });
    await call("PATCH", `${path}/2147483647`, { status: 404, body: resource.patch, type: "application/merge-patch+json" });

    await call("POST", `${path}/import?dryRun=true`, { status: 200, body: resource.rows });
    await call("POST", `${path}/import`, { status: 200, body: resource.rows });
    await call("POST", `${path}/import?mode=insert`, { status: 400, body: resource.rows });   // the rows exist now
    await call("POST", `${path}/import?mode=upsert`, { status: 200, body: resource.csv, type: "text/csv" });
    const form = new FormData();
    form.append("file", new Blob([resource.csv], { type: "text/csv" }), "rows.csv");
    await call("POST", `${path}/import?dryRun=true`, { status: 200, body: form });
    await call("POST", `${path}/import`, { status: 400, body: resource.csv.split("\n")[0] + "\nnot,enough\n", type: "text/csv" });
    await call("GET", `${path}/export?format=csv&externalId=${encodeURIComponent(resource.create.externalId)}`, { status: 200, key: null });
    await call("GET", `${path}/export?format=xlsx`, { status: 200, key: null });
    await call("GET", `${path}/import/template?format=csv`, { status: 200, key: null });
    await call("GET", `${path}?externalId=${encodeURIComponent(resource.create.externalId)}`, { status: 200, key: null });

    await call("DELETE", one, { status: 412, headers: { "If-Match": read.headers.get("etag") } });
    await call("DELETE", one, { status: 204, headers: { "If-Match": touched.headers.get("etag") ?? "*" } });
    await call("GET", one, { status: 404, key: null });
    await call("DELETE", one, { status: 404 });
}

console.log("/api/v1/admin");
const keyName = `prism-${run}`;
const made = await call("POST", "/api/v1/admin/keys", { status: 201, body: { name: keyName, scope: "write" } });
await call("POST", "/api/v1/admin/keys", { status: 409, body: { name: keyName, scope: "write" } });
await call("POST", "/api/v1/admin/keys", { status: 400, body: { name: `${keyName}-x`, scope: "root" } });
await call("GET", "/api/v1/admin/keys", { status: 200 });
await call("GET", `/api/v1/admin/keys/${keyName}`, { status: 200 });
await call("GET", "/api/v1/admin/keys/no-such-key", { status: 404 });
await call("GET", "/api/v1/admin/audit?pageSize=5", { status: 200 });
await call("GET", `/api/v1/admin/audit?actor=${encodeURIComponent("partner-a")}&resource=events&operation=created`, { status: 200 });
const writeKey = made.json?.key;
if (writeKey) {
    await call("GET", "/api/v1/admin/keys", { status: 403, key: writeKey });
    await call("POST", "/api/v1/events", { status: 201, key: writeKey, body: { title: "Written with a write key", category: "other", date: "2025", countryCode: "KZ" } });
} else {
    failures.push("POST /api/v1/admin/keys answered no secret: the write key's calls are not checked");
}
await call("DELETE", `/api/v1/admin/keys/${keyName}`, { status: 204 });
if (writeKey) {
    await call("POST", "/api/v1/events", { status: 401, key: writeKey, body: { title: "Revoked", category: "other", date: "2025", countryCode: "KZ" } });
}
await call("DELETE", "/api/v1/admin/keys/no-such-key", { status: 404 });

console.log("/api/v1/changes");
const changes = await call("GET", "/api/v1/changes?limit=5", { status: 200, key: null });
if (changes.json?.nextCursor) {
    await call("GET", `/api/v1/changes?after=${encodeURIComponent(changes.json.nextCursor)}&limit=1000&resource=events,trade-records`, { status: 200, key: null });
}
await call("GET", "/api/v1/changes?after=not-a-cursor", { status: 400, key: null });

console.log("insight");
for (const path of [
    "/api/v1/stats/overview",
    "/api/v1/stats/trade?reporterCountry=KZ&flow=export&yearFrom=2015&yearTo=2024&granularity=year",
    "/api/v1/stats/trade?hsCode=27&granularity=month",
    "/api/v1/stats/trade/mirror?yearFrom=2015",
    "/api/v1/stats/connectivity?date=2025-06-01",
    "/api/v1/timeline?kinds=event,agreementSigned&sort=-date&pageSize=5",
    "/api/v1/anniversaries?from=2026-01-01&to=2031-12-31&every=5",
    "/api/v1/search?q=Seoul&resources=events,agreements&pageSize=5",
]) {
    const first = await call("GET", path, { status: 200, key: null });
    await call("GET", path, { status: 304, key: null, headers: { "If-None-Match": first.headers.get("etag") } });
}
await call("GET", "/problems/validation", { status: 200, key: null });
await call("GET", "/problems/no-such-problem", { status: 404, key: null });
await call("GET", "/health/live", { status: 200, key: null });

console.log();
if (failures.length > 0) {
    console.error(`Prism: ${failures.length} problem(s):\n${failures.join("\n")}`);
    process.exit(1);
}
console.log(`Prism: ${summary.run.stats.requests.total} reads of the collection and ${count} more requests, no violations`);
