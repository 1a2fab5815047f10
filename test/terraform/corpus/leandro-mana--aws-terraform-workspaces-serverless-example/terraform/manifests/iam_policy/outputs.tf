output "arn" {
  description = "The ARN of the IAM Policy"
  value       = aws_iam_policy.iam_policy.arn
}
