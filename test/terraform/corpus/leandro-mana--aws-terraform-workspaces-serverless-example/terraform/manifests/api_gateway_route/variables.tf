variable "api_gw_id" {
  description = "The API Gateway Id"
  type        = string
}

variable "route_key" {
  description = "The route key"
  type        = string
}

variable "target" {
  description = "The route target"
  type        = string
}