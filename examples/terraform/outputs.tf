output "rest_url" {
  value = aws_api_gateway_stage.pets.invoke_url
}

output "http_url" {
  value = aws_apigatewayv2_stage.hello.invoke_url
}
