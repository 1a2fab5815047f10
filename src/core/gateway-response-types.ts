/**
 * AWS's gateway response types, their default status, `x-amzn-ErrorType` and message.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */

/** Every gateway response type AWS knows, in the order its management API lists them. */
export const GATEWAY_RESPONSE_TYPES = [
  'REQUEST_TOO_LARGE',
  'RESOURCE_NOT_FOUND',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'MISSING_AUTHENTICATION_TOKEN',
  'BAD_REQUEST_BODY',
  'INVALID_SIGNATURE',
  'INVALID_API_KEY',
  'BAD_REQUEST_PARAMETERS',
  'AUTHORIZER_FAILURE',
  'UNAUTHORIZED',
  'INTEGRATION_TIMEOUT',
  'ACCESS_DENIED',
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'WAF_FILTERED',
  'QUOTA_EXCEEDED',
  'THROTTLED',
  'API_CONFIGURATION_ERROR',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTEGRATION_FAILURE',
  'EXPIRED_TOKEN',
] as const

/** One of AWS's gateway response types. */
export type GatewayResponseType = (typeof GATEWAY_RESPONSE_TYPES)[number]

/** The built-in defaults of one response type. */
export interface ResponseTypeDefaults {
  /** Default status; `undefined` for DEFAULT_4XX / DEFAULT_5XX, which have none. */
  readonly statusCode: number | undefined
  /** Value of the `x-amzn-ErrorType` header. */
  readonly errorType: string | undefined
  /** Default `$context.error.message`; `null` renders `{"message":null}`. */
  readonly message: string | null
}

/**
 * The defaults table. Entries AWS does not document use the most commonly reported value.
 */
export const RESPONSE_TYPE_DEFAULTS: Readonly<Record<GatewayResponseType, ResponseTypeDefaults>> = {
  ACCESS_DENIED: {
    statusCode: 403,
    errorType: 'AccessDeniedException',
    message: 'User is not authorized to access this resource',
  },
  API_CONFIGURATION_ERROR: {
    statusCode: 500,
    errorType: 'InternalServerErrorException',
    message: 'Internal server error',
  },
  AUTHORIZER_CONFIGURATION_ERROR: {
    statusCode: 500,
    errorType: 'AuthorizerConfigurationException',
    message: null,
  },
  AUTHORIZER_FAILURE: { statusCode: 500, errorType: 'AuthorizerFailureException', message: null },
  BAD_REQUEST_PARAMETERS: {
    statusCode: 400,
    errorType: 'BadRequestException',
    message: 'Missing required request parameters',
  },
  BAD_REQUEST_BODY: {
    statusCode: 400,
    errorType: 'BadRequestException',
    message: 'Invalid request body',
  },
  DEFAULT_4XX: { statusCode: undefined, errorType: undefined, message: null },
  DEFAULT_5XX: { statusCode: undefined, errorType: undefined, message: null },
  EXPIRED_TOKEN: {
    statusCode: 403,
    errorType: 'ExpiredTokenException',
    message: 'The security token included in the request is expired',
  },
  INTEGRATION_FAILURE: {
    statusCode: 504,
    errorType: 'InternalServerErrorException',
    message: 'Network error communicating with endpoint',
  },
  INTEGRATION_TIMEOUT: {
    statusCode: 504,
    errorType: 'InternalServerErrorException',
    message: 'Endpoint request timed out',
  },
  INVALID_API_KEY: { statusCode: 403, errorType: 'ForbiddenException', message: 'Forbidden' },
  INVALID_SIGNATURE: {
    statusCode: 403,
    errorType: 'InvalidSignatureException',
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  },
  MISSING_AUTHENTICATION_TOKEN: {
    statusCode: 403,
    errorType: 'MissingAuthenticationTokenException',
    message: 'Missing Authentication Token',
  },
  QUOTA_EXCEEDED: {
    statusCode: 429,
    errorType: 'LimitExceededException',
    message: 'Limit Exceeded',
  },
  REQUEST_TOO_LARGE: {
    statusCode: 413,
    errorType: 'RequestTooLargeException',
    message: 'Request Too Long',
  },
  RESOURCE_NOT_FOUND: {
    statusCode: 404,
    errorType: 'NotFoundException',
    message: 'Resource not found',
  },
  THROTTLED: {
    statusCode: 429,
    errorType: 'TooManyRequestsException',
    message: 'Too Many Requests',
  },
  UNAUTHORIZED: { statusCode: 401, errorType: 'UnauthorizedException', message: 'Unauthorized' },
  UNSUPPORTED_MEDIA_TYPE: {
    statusCode: 415,
    errorType: 'BadRequestException',
    message: 'Unsupported Media Type',
  },
  WAF_FILTERED: { statusCode: 403, errorType: 'ForbiddenException', message: 'Forbidden' },
}

/**
 * Whether `value` names a gateway response type.
 *
 * @param value - a string from a definition
 * @returns true when it is one of {@link GATEWAY_RESPONSE_TYPES}
 */
export function isGatewayResponseType(value: string): value is GatewayResponseType {
  return Object.hasOwn(RESPONSE_TYPE_DEFAULTS, value)
}
