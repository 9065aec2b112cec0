/** The model stage: what other stages and the rest of the code may use. */
export * from './build';
export * from './ip';
export * from './resolve';
export * from './suggest';
export * from './keep';
