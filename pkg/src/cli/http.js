// @ts-check
// HTTP helpers of the command line (Node only): POST a body and read the answer, bounded in
// time and size. node:http/node:https rather than fetch: fetch is experimental (and warns) in
// Node 18.

import http from 'node:http';
import https from 'node:https';
import { UsageError } from './args.js';

/** Answers larger than this are cut (the tool prints them; it does not need more). */
const MAX_ANSWER = 1048576;

/** A --forward-to value as a URL object: http or https only, else a UsageError. */
export function targetUrl(value, flag) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${flag} must be an absolute http:// or https:// URL, like ${flag} http://127.0.0.1:3000/callback`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${flag} must be an http:// or https:// URL, got a ${url.protocol} URL`);
  }
  return url;
}

/**
 * POSTs `body` (string or bytes) to `url` with `contentType`; resolves to `{ status,
 * statusText, body }` (the answer as UTF-8 text, cut at 1 MiB) or rejects with an Error whose
 * message names the URL and the cause (refused, timed out after `timeoutMs`…).
 */
export function post(url, body, { contentType = 'application/json', timeoutMs = 10000 } = {}) {
  const data =
    typeof body === 'string'
      ? Buffer.from(body, 'utf8')
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'content-length': String(data.length),
          'user-agent': 'hwlc (huaweicloud-live-callback CLI)',
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        let size = 0;
        res.on('data', (chunk) => {
          if (size < MAX_ANSWER) chunks.push(chunk.subarray(0, MAX_ANSWER - size));
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            statusText: res.statusMessage || '',
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (e) =>
          reject(new Error(`reading the answer of ${url.href} failed: ${e.message}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (/** @type {NodeJS.ErrnoException} */ e) =>
      reject(new Error(`POST ${url.href} failed: ${e.code ? `${e.code} ` : ''}${e.message}`)),
    );
    req.end(data);
  });
}

/** Reads a whole readable stream into a Buffer; rejects above `limit` bytes. */
export function readAll(stream, limit, what) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        stream.destroy();
        reject(new UsageError(`${what} is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (e) => reject(e));
  });
}
