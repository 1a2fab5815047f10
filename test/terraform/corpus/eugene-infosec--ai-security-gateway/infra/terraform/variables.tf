variable "region" {
  type    = string
  default = "us-west-2"
}

variable "stage" {
  type    = string
  default = "dev"
}

variable "project_name" {
  type    = string
  default = "ai-security-gateway"
}
