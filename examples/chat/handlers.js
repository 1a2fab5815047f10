// The chat's Lambda handlers, as they would be deployed: rooms are kept in memory here (a real
// app would use DynamoDB), and messages reach clients through the @connections API with the
// AWS SDK client, pointed at Portico's endpoint.
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi'

/** room name → connection ids; connection id → room */
const rooms = new Map()
const roomOf = new Map()

export function createHandlers(endpoint) {
  const api = new ApiGatewayManagementApiClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
  const post = async (connectionId, message) => {
    try {
      await api.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }),
      )
    } catch (error) {
      if (!(error instanceof GoneException)) throw error
      leave(connectionId) // the client went away without saying
    }
  }
  const leave = (connectionId) => {
    const room = roomOf.get(connectionId)
    if (room === undefined) return undefined
    roomOf.delete(connectionId)
    rooms.get(room)?.delete(connectionId)
    if (rooms.get(room)?.size === 0) rooms.delete(room)
    return room
  }
  const broadcast = (room, message) =>
    Promise.all([...(rooms.get(room) ?? [])].map((id) => post(id, message)))

  return {
    // $connect: a name is required (?name=ana), else the handshake is refused.
    Connect: async (event) =>
      event.queryStringParameters?.name ? { statusCode: 200 } : { statusCode: 401 },

    // {"action": "join", "room": "cats"}
    Join: async (event) => {
      const id = event.requestContext.connectionId
      const { room } = JSON.parse(event.body)
      leave(id)
      if (!rooms.has(room)) rooms.set(room, new Set())
      rooms.get(room).add(id)
      roomOf.set(id, room)
      await broadcast(room, { type: 'joined', room, connectionId: id })
      return { statusCode: 200 }
    },

    // {"action": "send", "text": "hello"}
    Send: async (event) => {
      const id = event.requestContext.connectionId
      const room = roomOf.get(id)
      if (room === undefined)
        return { statusCode: 200, body: JSON.stringify({ error: 'join a room first' }) }
      await broadcast(room, { type: 'message', room, from: id, text: JSON.parse(event.body).text })
      return { statusCode: 200 }
    },

    // {"action": "quit"}
    Quit: async (event) => {
      const room = leave(event.requestContext.connectionId)
      if (room !== undefined)
        await broadcast(room, {
          type: 'left',
          room,
          connectionId: event.requestContext.connectionId,
        })
      return { statusCode: 200 }
    },

    // {"action": "delete", "room": "cats"}: closes the room, disconnecting everyone in it.
    Delete: async (event) => {
      const { room } = JSON.parse(event.body)
      for (const id of [...(rooms.get(room) ?? [])]) {
        await post(id, { type: 'deleted', room })
        leave(id)
      }
      return { statusCode: 200 }
    },

    Disconnect: async (event) => {
      const room = leave(event.requestContext.connectionId)
      if (room !== undefined)
        await broadcast(room, {
          type: 'left',
          room,
          connectionId: event.requestContext.connectionId,
        })
      return { statusCode: 200 }
    },

    Default: async () => ({
      statusCode: 200,
      body: JSON.stringify({ error: 'actions: join, send, quit, delete' }),
    }),
  }
}
