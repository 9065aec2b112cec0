/** The yaml stage: what other stages and the rest of the code may use. */
export * from './decode';
export * from './fastYaml';
export * from './parse';
export * from './text';
export * from './yamlContext';
export * from './chunks';
