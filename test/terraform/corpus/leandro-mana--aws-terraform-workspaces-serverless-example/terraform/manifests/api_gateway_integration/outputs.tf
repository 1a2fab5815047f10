output "id" {
  value = aws_apigatewayv2_integration.api_gw_integration.id
}