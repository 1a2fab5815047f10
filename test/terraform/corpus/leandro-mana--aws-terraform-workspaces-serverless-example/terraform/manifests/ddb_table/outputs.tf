output "id" {
  description = "The Name of the Table"
  value       = aws_dynamodb_table.ddb_table.id
}