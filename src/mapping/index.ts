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
export { TemplateRuntimeError, compileTemplate } from './vtl/compile.js'
export { InvalidJsonBodyError, TemplateInput, type TemplateParams } from './vtl/input.js'
export { javaMatches, javaRegex, withRegexBudget, type JavaPattern } from './vtl/java-regex.js'
export { compileJsonPath } from './vtl/json-path.js'
export { TemplateSyntaxError } from './vtl/preprocess.js'
export { isTemplateSyntaxError } from './vtl/preprocess.js'
export { isTemplateRuntimeError } from './vtl/budget.js'
export {
  emptyOverrides,
  renderMappingTemplate,
  runTemplate,
  type MappingTemplateInput,
} from './vtl/render.js'
export { printsEmpty } from './vtl/values.js'
