// A worker thread starts without the tsx loader the server runs under (Node 20 does not pass module
// hooks on to workers): this registers it, then loads the TypeScript module the worker is for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
