/** The schema stage: what other stages and the rest of the code may use. */
export * from './locate';
export * from './messages';
export * from './nav';
export * from './validate';
