# Copyright (c) HashiCorp, Inc.
# SPDX-License-Identifier: MPL-2.0

variable "lambda_function_name" {
  type = string
}

variable "lambda_invoke_arn" {
  type = string
}
