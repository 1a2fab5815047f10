variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "portico-example"
}

variable "stage_name" {
  description = "The REST API's stage."
  type        = string
  default     = "dev"
}

variable "greeting" {
  description = "What the functions greet with (their GREETING environment variable)."
  type        = string
  default     = "Hello"
}
