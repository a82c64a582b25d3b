// What a partner does with Postman: convert the API's OpenAPI document to a collection with openapi-to-postmanv2
// (parameters from the document's examples), then run every read (GET) of it with newman against a running API on a
// fresh database, each asserting a 2xx answer. Usage: node postman.mjs <base URL> <admin API key>
import Converter from "openapi-to-postmanv2";
import newman from "newman";

const [baseUrl, apiKey] = process.argv.slice(2);
if (!baseUrl || !apiKey) {
    console.error("usage: node postman.mjs <base URL> <admin API key>");
    process.exit(2);
}

// The API may still be starting (migrating and seeding a new database): wait up to a minute for it to be ready.
for (let attempt = 0; ; attempt++) {
    const ready = await fetch(new URL("/health/ready", baseUrl)).then((answer) => answer.ok, () => false);
    if (ready) {
        break;
    }
    if (attempt === 300) {
        console.error(`${baseUrl} did not become ready`);
        process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
}
const document = await (await fetch(new URL("/swagger/v1/swagger.json", baseUrl))).text();
const collection = await new Promise((resolve, reject) =>
    Converter.convert({ type: "string", data: document }, { parametersResolution: "Example", requestParametersResolution: "Example", folderStrategy: "Tags" }, (error, result) =>
        error || !result.result ? reject(error ?? new Error(result.reason)) : resolve(result.output[0].data)));

// Reads only: the writes' examples would change the data the other requests' examples rely on.
const reads = (items) => items
    .map((item) => (item.item ? { ...item, item: reads(item.item) } : item))
    .filter((item) => (item.item ? item.item.length > 0 : item.request.method === "GET"));
collection.item = reads(collection.item);
collection.event = [{
    listen: "test",
    script: { exec: ["pm.test(`${pm.info.requestName}: 2xx`, () => pm.expect(pm.response.code).to.be.within(200, 299));"] },
}];

const summary = await new Promise((resolve, reject) =>
    newman.run({
        collection,
        envVar: [{ key: "baseUrl", value: baseUrl }, { key: "apiKey", value: apiKey }],
        reporters: "cli",
        reporter: { cli: { noSummary: false } },
    }, (error, result) => (error ? reject(error) : resolve(result))));

const { requests, assertions } = summary.run.stats;
if (requests.total === 0 || assertions.failed > 0 || summary.run.failures.length > 0) {
    console.error(`newman: ${assertions.failed} of ${assertions.total} reads did not answer 2xx`);
    process.exit(1);
}
console.log(`newman: all ${requests.total} reads answered 2xx`);
