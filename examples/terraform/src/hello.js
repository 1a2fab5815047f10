// GET /hello of the HTTP API (Lambda proxy, payload 2.0).
export const handler = async (event) => ({
  statusCode: 200,
  body: `${process.env.GREETING}, ${event.queryStringParameters?.name ?? 'world'}!`,
})
