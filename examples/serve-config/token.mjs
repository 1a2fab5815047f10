// Prints a Cognito-style ID token the example's authorizer accepts: signed with
// example-private-key.json, whose public half is jwks.json (the pool's keys in
// portico.config.json). An example key pair: never use it for anything real.
//   curl -H "Authorization: $(node token.mjs)" localhost:3000/dev/me
import { readFileSync } from 'node:fs'
import { importJWK, SignJWT } from 'jose'

const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example'
const jwk = JSON.parse(readFileSync(new URL('./example-private-key.json', import.meta.url), 'utf8'))
const key = await importJWK(jwk, 'RS256')
const email = process.argv[2] ?? 'ana@example.com'
const token = await new SignJWT({ token_use: 'id', email })
  .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
  .setIssuer(issuer)
  .setSubject('user-1')
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(key)
console.log(token)
