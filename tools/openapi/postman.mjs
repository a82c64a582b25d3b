// What a partner does with Postman: convert the API's OpenAPI document to a collection with openapi-to-postmanv2
// (parameters from the document's examples), then run every read (GET) of it with newman against a running API on a
// fresh database, each asserting a 2xx answer. Usage: node postman.mjs <base URL> <admin API key>
import { readsCollection, runNewman, waitUntilReady } from "./collection.mjs";

const [baseUrl, apiKey] = process.argv.slice(2);
if (!baseUrl || !apiKey) {
    console.error("usage: node postman.mjs <base URL> <admin API key>");
    process.exit(2);
}

await waitUntilReady(baseUrl);
const document = await (await fetch(new URL("/swagger/v1/swagger.json", baseUrl))).text();
const collection = await readsCollection(document,
    ["pm.test(`${pm.info.requestName}: 2xx`, () => pm.expect(pm.response.code).to.be.within(200, 299));"]);
const summary = await runNewman(collection, baseUrl, apiKey);

const { requests, assertions } = summary.run.stats;
if (requests.total === 0 || assertions.failed > 0 || summary.run.failures.length > 0) {
    console.error(`newman: ${assertions.failed} of ${assertions.total} reads did not answer 2xx`);
    process.exit(1);
}
console.log(`newman: all ${requests.total} reads answered 2xx`);
