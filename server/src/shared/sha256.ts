// Tokens, session cookies and OIDC state are stored only as their SHA-256, and a machine's reported
// state is compared by it: one hex digest for all of them.
import { createHash } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
