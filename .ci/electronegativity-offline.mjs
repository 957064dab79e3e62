/**
 * Loaded with `node --import` into the electronegativity run (.ci/check-electronegativity.mjs).
 * The tool asks the network for two things the scan does not need: a translations file from S3
 * (always, before scanning; on failure it keeps its bundled English) and Electron's release list
 * (only for the excluded AvailableSecurityFixesGlobalCheck). Both go through `got`, which calls
 * http(s).request at request time; refusing those here makes the gate give the same answer on a
 * laptop, in CI and air-gapped, and never wait on a timeout.
 */
import http from 'node:http';
import https from 'node:https';

function refuse(url) {
  const target = typeof url === 'string' ? url : url instanceof URL ? url.href : (url?.hostname ?? 'a host');
  const error = new Error(`Chokepoint's security check runs offline: refused a request to ${target}`);
  // Not a network error code: got retries those (twice, with back-off), which only adds seconds.
  error.code = 'ERR_CHOKEPOINT_OFFLINE';
  throw error;
}

for (const module of [http, https]) {
  module.request = refuse;
  module.get = refuse;
}
