// One place maps errors to answers: user errors become 4xx {"error":{code,message,field}}; anything
// else is logged with the request and answered with a bare 500 that echoes nothing.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError, UserError } from '../errors';

/**
 * Renders an error as an HTML page for a browser asking for a portal page; answers undefined to let
 * the JSON shape through (API calls). Set by the portals (portals/index.ts).
 */
export type ErrorPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: { statusCode: number; code: string; message: string },
) => Promise<FastifyReply> | undefined;

const errorPages = new WeakMap<FastifyInstance, ErrorPageRenderer>();

export function setErrorPageRenderer(app: FastifyInstance, renderer: ErrorPageRenderer): void {
  errorPages.set(app, renderer);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const userError = toUserError(error);
    if (userError) {
      request.log.info(
        { code: userError.code, field: userError.field, statusCode: userError.statusCode },
        'rejected',
      );
      // Here rather than per route, so every 429 (JSON or page) tells the caller when to come back.
      if (userError instanceof RateLimitedError) {
        reply.header('retry-after', String(userError.retryAfterSeconds));
      }
      const page = errorPages.get(app)?.(request, reply, {
        statusCode: userError.statusCode,
        code: userError.code,
        message: userError.message,
      });
      if (page) return page;
      return reply.status(userError.statusCode).send(userError.toJSON());
    }
    request.log.error({ err: error }, 'request failed');
    const page = errorPages.get(app)?.(request, reply, {
      statusCode: 500,
      code: 'internal_error',
      message: 'The server could not complete the request; it has been logged.',
    });
    if (page) return page;
    return reply.status(500).send({
      error: {
        code: 'internal_error',
        message: 'The server could not complete the request; it has been logged.',
      },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    const page = errorPages.get(app)?.(request, reply, {
      statusCode: 404,
      code: 'not_found',
      message: `There is no page at ${request.url.split('?')[0]}.`,
    });
    if (page) return page;
    return reply.status(404).send({
      error: {
        code: 'not_found',
        message: `There is no ${request.method} ${request.url.split('?')[0]} here.`,
      },
    });
  });
}

/**
 * A request Node cannot even read as HTTP (headers or address over 16 KiB, a broken request line, a
 * client too slow to send) never reaches a route: it is answered on the socket, in our shape too.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new UserError(
          'headers_too_large',
          'The request headers (with its address) are larger than this server accepts (16 KiB); send a shorter address and fewer or smaller headers.',
        )
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new UserError('request_timeout', 'The request did not arrive in time; send it again.')
        : new UserError(
            'bad_request',
            'The request is not valid HTTP/1.1; expected e.g. "POST /api/v1/status HTTP/1.1".',
          );
  const body = JSON.stringify(refusal.toJSON());
  if (socket.writable) {
    const status = refusal.statusCode;
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function toUserError(error: FastifyError): UserError | undefined {
  if (error instanceof UserError) return error;
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0]!;
    const where = `${error.validationContext ?? 'body'}${first.instancePath || ''}`;
    const missing = (first.params as { missingProperty?: string }).missingProperty;
    const extra = (first.params as { additionalProperty?: string }).additionalProperty;
    // A union of literals (drive type, encryption method) fails as one `const` error per branch.
    const allowed =
      (first.params as { allowedValues?: unknown[] }).allowedValues ??
      (first.keyword === 'const'
        ? error.validation
            .filter((v) => v.keyword === 'const' && v.instancePath === first.instancePath)
            .map((v) => (v.params as { allowedValue?: unknown }).allowedValue)
        : undefined);
    const detail = missing
      ? `is missing the required field "${missing}"`
      : extra
        ? `has an unknown field "${extra}"; only the fields of the v1 wire format are accepted`
        : allowed
          ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
          : (first.message ?? 'is invalid');
    return new UserError('validation_failed', `${where} ${detail}.`, {
      field: missing
        ? `${first.instancePath}/${missing}`
        : extra
          ? `${first.instancePath}/${extra}`
          : first.instancePath || '/',
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new UserError(
        'payload_too_large',
        `The request body is larger than this server accepts (${error.message}).`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UserError(
        'unsupported_media_type',
        'Send the body as JSON with "Content-Type: application/json".',
      );
    case 'FST_ERR_BAD_URL':
      return new UserError(
        'bad_request',
        'The address has a broken %-escape; expected a percent-encoded path such as /api/v1/recovery-keys/%7B6F9A…%7D/rotated.',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new UserError(
        'uri_too_long',
        'A segment of the address is longer than this server accepts (100 characters); expected an id such as {6F9A2C41-…}.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new UserError('invalid_json', 'The request body is not valid JSON; expected a JSON object.');
    default:
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        return new UserError('bad_request', error.message);
      }
      return undefined;
  }
}
