/** The public API of the core: text in, plain data with offsets out (no I/O, no `vscode`). */
export * from './analysis';
export * from './codes';
export * from './types';
export * from './wording';
export * from './yaml';
export * from './schema';
export * from './model';
export * from './rules';
export * from './features';
export * from './incremental';
