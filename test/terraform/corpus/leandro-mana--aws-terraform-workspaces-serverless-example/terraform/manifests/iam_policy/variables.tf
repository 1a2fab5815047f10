variable "policy_name" {
  description = "The Name of the IAM Policy"
  type        = string
}

variable "iam_policy_json_document" {
  description = "The JSON Document for the IAM Policy"
  type        = string
}
