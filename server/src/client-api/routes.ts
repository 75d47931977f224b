// The client web services (DESIGN.md "Protocol"), what MBAM's CoreService and StatusReportingService
// did: enrollment, escrow, status and rotation confirmation. No route here ever returns a secret.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { consumeDeviceProof, type DeviceContext } from '../devices/device-proof-verifier';
import { enrollDevice } from '../enrollment/enroll';
import { assertValidRecoveryPassword, confirmRotation, escrowRecoveryKey } from '../escrow/escrow-service';
import {
  EnrollRequest,
  EnrollResponse,
  ErrorResponse,
  EscrowRequest,
  EscrowResponse,
  RotatedParams,
  RotatedResponse,
  StatusRequest,
  StatusResponse,
} from '../protocol';
import { recordStatus } from '../status/status-service';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

export default async function clientApi(app: FastifyInstance): Promise<void> {
  const { dbs, sealer, verifier, config, transact } = app.services;

  // The proof is checked before the body is validated, so an unauthenticated caller learns nothing
  // about the schema; it is consumed once the request has passed the checks that write nothing.
  const deviceProof = async (request: FastifyRequest) => {
    request.device = await verifier.verify({
      authorization: request.headers.authorization,
      method: request.method,
      path: request.url,
      rawBody: request.rawBody,
    });
  };
  const deviceOf = (request: FastifyRequest): DeviceContext => request.device!;

  app.post(
    '/enroll',
    { schema: { tags: ['agent'], body: EnrollRequest, response: { 201: EnrollResponse, ...errors } } },
    async (request, reply) => {
      const { deviceId } = await enrollDevice(dbs.recovery, request.body as EnrollRequest);
      return reply.status(201).send({ deviceId });
    },
  );

  app.post(
    '/recovery-keys',
    {
      preValidation: deviceProof,
      schema: {
        tags: ['agent'],
        body: EscrowRequest,
        response: { 200: EscrowResponse, 201: EscrowResponse, ...errors },
      },
    },
    async (request, reply) => {
      const device = deviceOf(request);
      const body = request.body as EscrowRequest;
      assertValidRecoveryPassword(body.recoveryPassword); // before the proof is spent: a refusal writes nothing
      await consumeDeviceProof(dbs.compliance, device);
      const result = await escrowRecoveryKey(transact.recovery, sealer, device, body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.post(
    '/status',
    {
      preValidation: deviceProof,
      schema: { tags: ['agent'], body: StatusRequest, response: { 200: StatusResponse, ...errors } },
    },
    async (request) =>
      recordStatus(dbs.recovery, transact.compliance, deviceOf(request), request.body as StatusRequest, {
        nextReportSeconds: config.statusReportSeconds,
      }),
  );

  app.post(
    '/recovery-keys/:keyProtectorId/rotated',
    {
      preValidation: deviceProof,
      schema: { tags: ['agent'], params: RotatedParams, response: { 200: RotatedResponse, ...errors } },
    },
    async (request) => {
      const device = deviceOf(request);
      await consumeDeviceProof(dbs.compliance, device);
      return confirmRotation(
        dbs.recovery,
        device,
        (request.params as { keyProtectorId: string }).keyProtectorId,
      );
    },
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceContext | undefined;
  }
}
