variable "env" {
  type        = string
  description = "environment name"
  default     = "dev"
}

variable "region" {
  type        = string
  description = "aws region"
  default     = "us-east-1"
}
