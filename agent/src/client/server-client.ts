// The agent's side of the protocol (DESIGN.md "Protocol"): four calls, each body sent as the exact JSON
// string the device proof hashes, each answer checked against the shared schema before it is used.
// Network failures, 5xx, 429 and unreadable answers are retryable; other 4xx are not.
import type { KeyObject } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  API_PREFIX,
  EnrollResponse,
  ErrorResponse,
  EscrowResponse,
  RotatedResponse,
  StatusResponse,
  createDeviceProof,
  deviceProofHeader,
  type EnrollRequest,
  type EscrowRequest,
  type StatusRequest,
} from '@openmbam/server/protocol';
import { ServerError, truncateForMessage } from '../errors';

export type RequestKind = 'enroll' | 'escrow' | 'status' | 'rotated';

export interface DeviceCredentials {
  readonly deviceId: string;
  readonly privateKey: KeyObject;
}

/** Called once per request: what it was, how long it took, and the HTTP status (0 when unreachable). */
export type RequestObserver = (kind: RequestKind, milliseconds: number, status: number) => void;

export interface ServerClientOptions {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly observe?: RequestObserver;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export class ServerClient {
  readonly #base: URL;
  readonly #fetch: typeof fetch;
  readonly #observe: RequestObserver;
  readonly #timeoutMs: number;
  readonly #now: () => Date;

  constructor(options: ServerClientOptions) {
    this.#base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#fetch = options.fetch ?? fetch;
    this.#observe = options.observe ?? (() => {});
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#now = options.now ?? (() => new Date());
  }

  async enroll(request: EnrollRequest): Promise<EnrollResponse> {
    return this.#call('enroll', '/enroll', request, EnrollResponse, undefined);
  }

  /** `created` is false when the server already held this very password (proof that its copy matches the disk). */
  async escrow(device: DeviceCredentials, request: EscrowRequest): Promise<EscrowResponse> {
    return this.#call('escrow', '/recovery-keys', request, EscrowResponse, device);
  }

  async status(device: DeviceCredentials, request: StatusRequest): Promise<StatusResponse> {
    return this.#call('status', '/status', request, StatusResponse, device);
  }

  async rotated(device: DeviceCredentials, keyProtectorId: string): Promise<RotatedResponse> {
    const path = `/recovery-keys/${encodeURIComponent(keyProtectorId)}/rotated`;
    return this.#call('rotated', path, undefined, RotatedResponse, device);
  }

  async #call<T extends TSchema>(
    kind: RequestKind,
    path: string,
    body: unknown,
    schema: T,
    device: DeviceCredentials | undefined,
  ): Promise<Static<T>> {
    const url = new URL(`${API_PREFIX.slice(1)}${path}`, this.#base);
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (device) {
      const proof = await createDeviceProof({
        privateKey: device.privateKey,
        deviceId: device.deviceId,
        method: 'POST',
        path: url.pathname,
        body: text,
        now: this.#now(),
      });
      headers['authorization'] = deviceProofHeader(proof);
    }
    const started = performance.now();
    let response: Response;
    let answer: string;
    try {
      response = await this.#fetch(url, {
        method: 'POST',
        headers,
        ...(body === undefined ? {} : { body: text }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      answer = await response.text();
    } catch (cause) {
      this.#observe(kind, performance.now() - started, 0);
      throw new ServerError('server_unreachable', `Could not reach the server at ${url.origin} (${kind}).`, {
        retryable: true,
        cause,
      });
    }
    this.#observe(kind, performance.now() - started, response.status);
    if (response.ok) return parseAnswer(kind, schema, answer);
    throw errorFor(kind, response.status, answer);
  }
}

function parseAnswer<T extends TSchema>(kind: RequestKind, schema: T, answer: string): Static<T> {
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch {
    throw violation(kind, `the answer is not JSON: ${truncateForMessage(answer)}`);
  }
  if (Value.Check(schema, json)) return json;
  const first = [...Value.Errors(schema, json)].slice(0, 3).map((e) => `${e.path || '/'} ${e.message}`);
  throw violation(
    kind,
    `the answer does not match the protocol: ${first.join('; ')} (got ${truncateForMessage(json, 120)})`,
  );
}

const violation = (kind: RequestKind, detail: string): ServerError =>
  new ServerError('server_protocol_violation', `The server's ${kind} answer cannot be used: ${detail}`, {
    retryable: true,
  });

function errorFor(kind: RequestKind, status: number, answer: string): ServerError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer);
  } catch {
    parsed = undefined;
  }
  const error = Value.Check(ErrorResponse, parsed) ? parsed.error : undefined;
  const detail = error ? `${error.code}: ${error.message}` : truncateForMessage(answer);
  const retryable = status >= 500 || status === 429 || status === 408;
  const code =
    error?.code === 'device_revoked'
      ? 'device_revoked'
      : retryable
        ? 'server_unreachable'
        : 'server_rejected';
  return new ServerError(code, `The server refused the ${kind} call with ${status} (${detail}).`, {
    status,
    retryable,
    ...(error ? { serverCode: error.code } : {}),
  });
}
