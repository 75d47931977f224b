// A minimal agent for server tests and benchmarks: an ES256 key pair, enrollment, and calls signed
// with a device proof exactly as DESIGN.md specifies. The real agent lives in agent/.
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import {
  API_PREFIX,
  type EnrollRequest,
  type EscrowRequest,
  type StatusRequest,
  createDeviceProof,
  deviceProofHeader,
} from '../protocol';

export interface HttpAnswer {
  status: number;
  body: unknown;
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export class TestDevice {
  readonly baseUrl: string;
  readonly computerName: string;
  deviceId = '';
  privateKey!: PrivateKey;
  publicJwk!: EnrollRequest['publicKey'];
  lastProof = '';

  constructor(baseUrl: string, computerName = `PC-${randomBytes(3).toString('hex').toUpperCase()}`) {
    this.baseUrl = baseUrl;
    this.computerName = computerName;
  }

  async init(): Promise<this> {
    const pair = await generateKeyPair('ES256', { extractable: true });
    this.privateKey = pair.privateKey;
    const jwk = await exportJWK(pair.publicKey);
    this.publicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
    return this;
  }

  enrollRequest(enrollmentToken: string): EnrollRequest {
    return {
      enrollmentToken,
      machine: {
        computerName: this.computerName,
        domain: 'contoso.com',
        fqdn: `${this.computerName.toLowerCase()}.contoso.com`,
        osVersion: '10.0.22631',
        manufacturer: 'Contoso',
        model: 'Laptop 7',
        tpm: { present: true, version: '2.0', manufacturer: 'IFX' },
      },
      publicKey: this.publicJwk,
    };
  }

  async enroll(enrollmentToken: string): Promise<HttpAnswer> {
    const answer = await this.post('/enroll', JSON.stringify(this.enrollRequest(enrollmentToken)), false);
    if (answer.status === 201) this.deviceId = (answer.body as { deviceId: string }).deviceId;
    return answer;
  }

  escrow(request: EscrowRequest): Promise<HttpAnswer> {
    return this.post('/recovery-keys', JSON.stringify(request));
  }

  status(request: StatusRequest): Promise<HttpAnswer> {
    return this.post('/status', JSON.stringify(request));
  }

  confirmRotation(keyProtectorId: string): Promise<HttpAnswer> {
    return this.post(`/recovery-keys/${encodeURIComponent(keyProtectorId)}/rotated`, '');
  }

  async proofFor(method: string, path: string, body: string): Promise<string> {
    this.lastProof = await createDeviceProof({
      privateKey: this.privateKey,
      deviceId: this.deviceId,
      method,
      path,
      body,
    });
    return this.lastProof;
  }

  /** POST a body as-is; `proof` false for enrollment, a string to send a chosen (e.g. replayed) proof. */
  async post(
    path: string,
    body: string,
    proof: boolean | string = true,
    contentType = 'application/json',
  ): Promise<HttpAnswer> {
    const fullPath = `${API_PREFIX}${path}`;
    const headers: Record<string, string> = {};
    if (body !== '') headers['content-type'] = contentType;
    if (proof !== false) {
      const jws = typeof proof === 'string' ? proof : await this.proofFor('POST', fullPath, body);
      headers.authorization = deviceProofHeader(jws);
    }
    const response = await fetch(`${this.baseUrl}${fullPath}`, {
      method: 'POST',
      headers,
      body: body === '' ? undefined : body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}

/** A valid random recovery password: 8 groups, each 11 × a 16-bit number. */
export function randomRecoveryPassword(): string {
  const groups = [...randomBytes(16)].reduce<number[]>((acc, byte, i) => {
    if (i % 2 === 0) acc.push(byte);
    else acc[acc.length - 1] = acc[acc.length - 1]! * 256 + byte;
    return acc;
  }, []);
  return groups.map((g) => String(g * 11).padStart(6, '0')).join('-');
}

export const randomGuid = (): string => `{${randomUUID().toUpperCase()}}`;

export function sampleStatus(
  volumes: Array<{ volumeId: string; keyProtectorId: string }>,
  users = ['CONTOSO\\alice'],
): StatusRequest {
  return {
    agentVersion: '1.0.0',
    policyHash: 'sha256-test',
    users,
    tpm: { present: true, ready: true, version: '2.0' },
    volumes: volumes.map((v, i) => ({
      volumeId: v.volumeId,
      driveType: i === 0 ? 'OperatingSystem' : 'FixedData',
      mountPoint: i === 0 ? 'C:' : `${String.fromCharCode(68 + i - 1)}:`,
      conversionStatus: 'FullyEncrypted',
      encryptionPercentage: 100,
      encryptionMethod: 'XtsAes256',
      protectionStatus: 'On',
      keyProtectors: [
        { id: v.keyProtectorId, type: 'NumericalPassword' },
        { id: randomGuid(), type: 'Tpm' },
      ],
      compliant: true,
      reasonsForNoncompliance: [],
    })),
  };
}
