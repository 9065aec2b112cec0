/** The incremental stage: what other stages and the rest of the code may use. */
export * from './afterEdit';
export * from './chunks';
export * from './incremental';
