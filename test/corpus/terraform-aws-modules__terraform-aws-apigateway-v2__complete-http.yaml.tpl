# Source: https://github.com/terraform-aws-modules/terraform-aws-apigateway-v2/blob/c1b61c309e1a253b75799f5e65afeadbd52b0267/examples/complete-http/api.yaml (license: Apache-2.0)
openapi: "3.0.1"
info:
  version: 0.0.1
  description: My awesome API
paths:
  /debug:
    get:
      operationId: getDebug
      responses:
        default:
          description: "Default response for GET /debug"
      x-amazon-apigateway-integration:
        $ref: '#/components/x-amazon-apigateway-integrations/debug'

components:
  x-amazon-apigateway-integrations:
    debug:
      type: AWS_PROXY
      httpMethod: GET
      uri: "${example_function_arn}"
      payloadFormatVersion: "2.0"
      connectionType: INTERNET
