export {
  compileSimpleTemplate,
  needsVtl,
  printValue,
  type SimpleTemplate,
  type VariableLookup,
  type VariableRoot,
} from './simple-template.js'
export {
  compileParameterSource,
  type ParameterSource,
  type ParameterSources,
} from './parameter-source.js'
