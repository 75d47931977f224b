// The agent's own bookkeeping between cycles (no secrets): which protectors the server has confirmed,
// when each volume was first seen non-compliant (grace periods count from there, MBAM's
// NoncomplianceDetectedDate), when status is due next, and the users seen since the last report.
import { Type, type Static } from '@sinclair/typebox';
import type { Logger } from './log';
import { readState, type StateStore } from './state-store';

export const AgentState = Type.Object({
  version: Type.Literal(1),
  /** `{volume}/{protector}` pairs the server confirmed holding */
  knownEscrowed: Type.Array(Type.String()),
  noncompliantSince: Type.Record(Type.String(), Type.String()),
  nextStatusAt: Type.Optional(Type.String()),
  lastReportHash: Type.Optional(Type.String()),
  usersSeen: Type.Array(Type.String()),
});
export type AgentState = Static<typeof AgentState>;

const NAME = 'agent-state';
const EMPTY: AgentState = { version: 1, knownEscrowed: [], noncompliantSince: {}, usersSeen: [] };

export async function loadAgentState(store: StateStore, log: Logger): Promise<AgentState> {
  return (
    (await readState(store, NAME, AgentState, (p) => log.error('state.corrupt', p))) ?? structuredClone(EMPTY)
  );
}

export async function saveAgentState(store: StateStore, state: AgentState): Promise<void> {
  await store.write(NAME, state);
}
