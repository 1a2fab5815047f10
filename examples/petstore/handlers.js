// Lambda handlers for the PetStore example, keyed by function name (the ARN's function part).

/** GET /pets/{petId}/health: a Lambda proxy integration (payload format 1.0). */
export async function PetHealth(event) {
  const id = Number(event.pathParameters.petId)
  if (!Number.isInteger(id) || id < 1) {
    return {
      statusCode: 404,
      body: JSON.stringify({ message: `no pet ${event.pathParameters.petId}` }),
    }
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({
      petId: id,
      healthy: id % 7 !== 0,
      checkedAt: event.requestContext.requestTime,
    }),
  }
}
