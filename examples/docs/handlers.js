// Lambda handlers for examples/docs/api.yaml, keyed by function name: what
// `portico serve api.yaml --handlers ./handlers.js` loads (named exports, ESM).

/** GET /pets/{petId}: a Lambda proxy integration (payload format 1.0). */
export async function GetPet(event) {
  return { statusCode: 200, body: event.pathParameters.petId }
}
