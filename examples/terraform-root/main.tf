# An infrastructure repository's root module using the module obsgen generates from
# examples/acme (../../generated/terraform). One provider configuration per account and
# region, as the module's default layout expects (provider 5 or 6).

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0.0, < 7.0.0"
    }
  }
}

provider "aws" {
  alias  = "account_111111111111_eu_west_1"
  region = "eu-west-1"

  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/monitoring-deployer"
  }
}

provider "aws" {
  alias  = "account_111111111111_us_east_1"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/monitoring-deployer"
  }
}

provider "aws" {
  alias  = "account_222222222222_eu_west_1"
  region = "eu-west-1"

  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/monitoring-deployer"
  }
}

# Where alarms go: a pager topic for critical alarms and a chat topic for warnings, in every
# account and region that has monitored resources (alarm actions must be in the alarm's region).
resource "aws_sns_topic" "pager_prod_eu" {
  provider = aws.account_111111111111_eu_west_1
  name     = "acme-pager"
}

resource "aws_sns_topic" "alerts_prod_eu" {
  provider = aws.account_111111111111_eu_west_1
  name     = "acme-alerts"
}

resource "aws_sns_topic" "pager_prod_us" {
  provider = aws.account_111111111111_us_east_1
  name     = "acme-pager"
}

resource "aws_sns_topic" "alerts_staging_eu" {
  provider = aws.account_222222222222_eu_west_1
  name     = "acme-alerts"
}

module "monitoring" {
  source = "../../generated/terraform"

  providers = {
    aws.account_111111111111_eu_west_1 = aws.account_111111111111_eu_west_1
    aws.account_111111111111_us_east_1 = aws.account_111111111111_us_east_1
    aws.account_222222222222_eu_west_1 = aws.account_222222222222_eu_west_1
  }

  alarm_actions = {
    "111111111111/eu-west-1" = {
      critical    = [aws_sns_topic.pager_prod_eu.arn]
      warning     = [aws_sns_topic.alerts_prod_eu.arn]
      application = [aws_sns_topic.alerts_prod_eu.arn]
    }
    "111111111111/us-east-1" = {
      critical = [aws_sns_topic.pager_prod_us.arn]
    }
    # Staging pages nobody: everything goes to the chat topic.
    "222222222222/eu-west-1" = {
      critical = [aws_sns_topic.alerts_staging_eu.arn]
      warning  = [aws_sns_topic.alerts_staging_eu.arn]
    }
  }

  tags = {
    managed-by = "obsgen"
    repository = "acme/infrastructure"
  }

  # The checkout API must answer fast; its p90 duration alarm is tighter than the default.
  threshold_overrides = {
    "111111111111/eu-west-1/lambda:function/checkout-api/duration" = 3000
  }
}

output "alarm_names" {
  description = "Every generated alarm's name, by stable id."
  value       = module.monitoring.alarm_names
}

output "dashboards" {
  description = "The generated dashboards."
  value       = module.monitoring.dashboard_names
}
