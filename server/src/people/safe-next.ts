// Where to go after sign-in: only a path on this server (never `//host` or `/\host`, which browsers
// treat as another site), so the sign-in page cannot be used as an open redirect.
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // control characters and backslashes never belong in our paths
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c === '\\')) return '/';
  if (value.startsWith('/signin') || value.startsWith('/signout')) return '/';
  return value;
}
