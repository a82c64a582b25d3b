// What postman.mjs and prism.mjs share: waiting for the API, the Postman collection of the document's reads
// (openapi-to-postmanv2, parameters from the document's examples) and a newman run of it.
import Converter from "openapi-to-postmanv2";
import newman from "newman";

/** Waits up to a minute for GET /health/ready at baseUrl to answer 2xx (a new database is migrated and seeded first). */
export async function waitUntilReady(baseUrl) {
    for (let attempt = 0; ; attempt++) {
        const ready = await fetch(new URL("/health/ready", baseUrl)).then((answer) => answer.ok, () => false);
        if (ready) {
            return;
        }
        if (attempt === 300) {
            throw new Error(`${baseUrl} did not become ready`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

/**
 * The document (its JSON text) as a Postman collection of its reads (GET) only: the writes' examples would change the
 * data the other requests' examples rely on. Every request is tested by `tests`, lines of a Postman test script.
 */
export async function readsCollection(document, tests) {
    const collection = await new Promise((resolve, reject) =>
        Converter.convert({ type: "string", data: document }, { parametersResolution: "Example", requestParametersResolution: "Example", folderStrategy: "Tags" }, (error, result) =>
            error || !result.result ? reject(error ?? new Error(result.reason)) : resolve(result.output[0].data)));
    const reads = (items) => items
        .map((item) => (item.item ? { ...item, item: reads(item.item) } : item))
        .filter((item) => (item.item ? item.item.length > 0 : item.request.method === "GET"));
    collection.item = reads(collection.item);
    collection.event = [{ listen: "test", script: { exec: tests } }];
    return collection;
}

/**
 * Runs the collection with newman against baseUrl, with the key as {{apiKey}} and any other newman options; answers
 * newman's run summary.
 */
export function runNewman(collection, baseUrl, apiKey, options = {}) {
    return new Promise((resolve, reject) =>
        newman.run({
            collection,
            envVar: [{ key: "baseUrl", value: baseUrl }, { key: "apiKey", value: apiKey }],
            reporters: "cli",
            reporter: { cli: { noSummary: false } },
            ...options,
        }, (error, result) => (error ? reject(error) : resolve(result))));
}
