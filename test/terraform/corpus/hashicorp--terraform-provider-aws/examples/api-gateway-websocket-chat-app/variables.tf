# Copyright IBM Corp. 2014, 2026
# SPDX-License-Identifier: MPL-2.0

variable "aws_region" {
  description = "AWS region"
  default     = "us-west-2"
}
