#!/usr/bin/env node
import { enableCompileCache } from 'node:module';

/**
 * The operator's entry point (`npm start`, the `newsdesk` binary). Node's compile cache is
 * turned on before anything else is imported: module loading is most of a cold start
 * (thousands of modules, TypeScript stripped), and the cache keeps V8's compiled code on disk
 * (NODE_COMPILE_CACHE, or the system's temporary directory), checked against each file's
 * content, so a changed file is compiled afresh (and the stripped TypeScript with it). It must
 * run before the graph is loaded, hence this file and the dynamic import; and this file is
 * JavaScript, because Node strips an entry point's types before any of its code runs, so a .ts
 * entry would load the type stripper (WebAssembly, ~40 ms of CPU) at every start.
 */
enableCompileCache();
await import('./cli.ts');
