/** The features stage: what other stages and the rest of the code may use. */
export * from './completion';
export * from './edits';
export * from './fixes';
export * from './hover';
export * from './landingJson';
export * from './outline';
export * from './query';
export * from './tables';
