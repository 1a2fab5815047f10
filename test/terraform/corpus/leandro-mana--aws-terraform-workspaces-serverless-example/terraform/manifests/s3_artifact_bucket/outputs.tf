output "id" {
  value = aws_s3_bucket.artifact_bucket.id
}

output "arn" {
  value = aws_s3_bucket.artifact_bucket.arn
}