// The entry of an import's worker thread. Guild's code is TypeScript, which tsx compiles on the
// fly (as for `npx guild`); a new thread has to turn that on for itself before loading any of it.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
