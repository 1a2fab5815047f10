// GET /pets, POST /pets, GET /pets/{petId} of the REST API (Lambda proxy, payload 1.0).
const pets = new Map([['1', { id: '1', name: 'Rex' }]])

const reply = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

export const handler = async (event) => {
  if (event.resource === '/pets/{petId}') {
    const pet = pets.get(event.pathParameters.petId)
    return pet ? reply(200, pet) : reply(404, { message: 'no such pet' })
  }
  if (event.httpMethod === 'POST') {
    const { name } = JSON.parse(event.body ?? '{}')
    const pet = { id: String(pets.size + 1), name }
    pets.set(pet.id, pet)
    return reply(201, pet)
  }
  return reply(200, { greeting: process.env.GREETING, pets: [...pets.values()] })
}
