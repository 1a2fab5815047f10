# Setup Terraform
terraform {
  backend "s3" {}
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.2.0"
    }
  }

  required_version = "~> 1.0"
}

# Providers
provider "aws" {
  region = var.aws_region
  default_tags {
    tags = local.common_tags
  }
}
