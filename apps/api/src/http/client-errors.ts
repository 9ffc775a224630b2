import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problem } from '@factledger/platform';

const BY_NODE_CODE: Record<string, { status: number; code: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request.timeout', detail: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'request.headers_too_large', detail: 'The request line and headers exceed the server limit' },
  HPE_INVALID_HEADER_TOKEN: {
    status: 400,
    code: 'request.invalid_header',
    detail: 'A header name or value holds a character HTTP does not allow (e.g. NUL or a control character)',
  },
  HPE_INVALID_URL: { status: 400, code: 'request.invalid_url', detail: 'The request target is not a valid URL' },
};

/** The response written for a request Node's HTTP parser refused (nothing of Fastify or Nest has run). */
export function clientErrorResponse(error: { code?: string }): string {
  const known = (error.code && BY_NODE_CODE[error.code]) || {
    status: 400,
    code: 'request.malformed',
    detail: `The request is not valid HTTP/1.1${error.code?.startsWith('HPE_') ? ` (${error.code})` : ''}`,
  };
  const body = JSON.stringify(problem(known.status, known.code, known.detail));
  return (
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Fastify's `clientErrorHandler` (Node's 'clientError'): Node's parser refuses
 * oversized headers (431), a NUL or other forbidden byte in a header, a bad
 * request line, and slow requests (408) before any route runs; Fastify's
 * default answers those as plain JSON. Here they are problem+json, written
 * while the socket is still writable, and the connection is closed.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.end(clientErrorResponse(error));
  else socket.destroy(error);
}
