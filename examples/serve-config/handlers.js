// Lambda handlers for examples/serve-config/api.yaml, keyed by function name (named ESM exports).

/** GET /pets/{petId}: a Lambda proxy integration (payload format 1.0). */
export async function GetPet(event) {
  return { statusCode: 200, body: JSON.stringify({ id: event.pathParameters.petId }) }
}
