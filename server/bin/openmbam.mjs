#!/usr/bin/env node
// The `openmbam` command. The project runs as TypeScript through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
