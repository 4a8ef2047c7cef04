#!/usr/bin/env node
// The `guild` command. The CLI is TypeScript; tsx compiles it on the fly (cached),
// so `npx guild` works on a fresh clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./cli/main.ts');
