# A REST API (three routes, one with a path parameter) and an HTTP API (one route), backed by
# two Lambda functions whose code is zipped from ./src by archive_file. `terraform apply`
# deploys it to AWS; `npx portico serve examples/terraform` serves it locally from these files.

provider "aws" {
  region = var.region
}

data "archive_file" "functions" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/functions.zip"
}

resource "aws_iam_role" "lambda" {
  name = "${var.name}-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

locals {
  functions = {
    pets  = "pets.handler"
    hello = "hello.handler"
  }
}

resource "aws_lambda_function" "fn" {
  for_each = local.functions

  function_name    = "${var.name}-${each.key}"
  handler          = each.value
  runtime          = "nodejs22.x"
  role             = aws_iam_role.lambda.arn
  filename         = data.archive_file.functions.output_path
  source_code_hash = data.archive_file.functions.output_base64sha256
  timeout          = 5

  environment {
    variables = {
      GREETING = var.greeting
    }
  }
}

# ---------------------------------------------------------------------------------------------
# REST API: GET /pets, POST /pets, GET /pets/{petId}
# ---------------------------------------------------------------------------------------------

resource "aws_api_gateway_rest_api" "pets" {
  name = "${var.name}-rest"
}

resource "aws_api_gateway_resource" "pets" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  parent_id   = aws_api_gateway_rest_api.pets.root_resource_id
  path_part   = "pets"
}

resource "aws_api_gateway_resource" "pet" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  parent_id   = aws_api_gateway_resource.pets.id
  path_part   = "{petId}"
}

locals {
  methods = {
    list   = { resource_id = aws_api_gateway_resource.pets.id, http_method = "GET" }
    create = { resource_id = aws_api_gateway_resource.pets.id, http_method = "POST" }
    get    = { resource_id = aws_api_gateway_resource.pet.id, http_method = "GET" }
  }
}

resource "aws_api_gateway_method" "pets" {
  for_each = local.methods

  rest_api_id   = aws_api_gateway_rest_api.pets.id
  resource_id   = each.value.resource_id
  http_method   = each.value.http_method
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "pets" {
  for_each = local.methods

  rest_api_id             = aws_api_gateway_rest_api.pets.id
  resource_id             = each.value.resource_id
  http_method             = aws_api_gateway_method.pets[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.fn["pets"].invoke_arn
}

resource "aws_api_gateway_deployment" "pets" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_integration.pets]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "pets" {
  rest_api_id   = aws_api_gateway_rest_api.pets.id
  deployment_id = aws_api_gateway_deployment.pets.id
  stage_name    = var.stage_name
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  stage_name  = aws_api_gateway_stage.pets.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}

# ---------------------------------------------------------------------------------------------
# HTTP API: GET /hello
# ---------------------------------------------------------------------------------------------

resource "aws_apigatewayv2_api" "hello" {
  name          = "${var.name}-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "hello" {
  api_id                 = aws_apigatewayv2_api.hello.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn["hello"].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "hello" {
  api_id    = aws_apigatewayv2_api.hello.id
  route_key = "GET /hello"
  target    = "integrations/${aws_apigatewayv2_integration.hello.id}"
}

resource "aws_apigatewayv2_stage" "hello" {
  api_id      = aws_apigatewayv2_api.hello.id
  name        = "$default"
  auto_deploy = true
}

# API Gateway may call both functions.
resource "aws_lambda_permission" "api" {
  for_each = {
    pets  = "${aws_api_gateway_rest_api.pets.execution_arn}/*/*"
    hello = "${aws_apigatewayv2_api.hello.execution_arn}/*/*"
  }

  statement_id  = "AllowApiGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = each.value
}
