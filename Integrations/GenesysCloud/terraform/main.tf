# AuthBridge – Genesys Cloud side, CX as Code (terraform-provider-genesyscloud).
# Every attribute name below was checked against MyPureCloud/terraform-provider-genesyscloud@f955430e
# docs/resources/{integration,integration_credential,integration_action,processautomation_trigger,flow}.md
# (line references in NOTES.md §4). Literal Velocity "${" must be written "$${" inside HCL strings
# (docs/resources/integration_action.md:114-115, 212, 221).

terraform {
  required_providers {
    genesyscloud = {
      source = "mypurecloud/genesyscloud"
    }
  }
}

# ---------------------------------------------------------------- variables

variable "authbridge_base_url" {
  description = "Public HTTPS base URL of AuthBridge, no trailing slash, e.g. https://authbridge.example.com"
  type        = string
}

variable "authbridge_basic_user" {
  description = "User name AuthBridge expects in the Basic Auth header of Genesys calls."
  type        = string
}

variable "authbridge_basic_secret" {
  description = "Secret AuthBridge expects in the Basic Auth header of Genesys calls."
  type        = string
  sensitive   = true
}

variable "queue_name" {
  description = "Name of the ACD queue the inbound message flow transfers to (must already exist)."
  type        = string
}

variable "division" {
  type    = string
  default = "Home"
}

# Existing "Genesys Cloud Data Actions" (purecloud-data-actions) integration, used only by the workflow
# backstop to read the customer's identity from GET /api/v2/conversations/messages/{id}.
variable "gc_data_actions_integration_id" {
  type = string
}

variable "gc_data_actions_integration_name" {
  type = string
}

locals {
  integration_name = "AuthBridge Web Services"
  action_name      = "AuthBridge - Set Messaging Context"
  identity_action  = "AuthBridge - Get Web Messaging Identity"
  output_fields    = ["status", "zendeskUserId", "zendeskTicketId", "email", "historyCarried", "externalContactId"]
}

# ---------------------------------------------------------------- credential + integration

resource "genesyscloud_integration_credential" "authbridge_basic" {
  name                 = "AuthBridge Basic Auth"
  credential_type_name = "basicAuth"
  fields = {
    userName = var.authbridge_basic_user
    password = var.authbridge_basic_secret
  }
}

resource "genesyscloud_integration" "authbridge" {
  intended_state   = "ENABLED"
  integration_type = "custom-rest-actions" # "Web Services Data Actions"
  config {
    name = local.integration_name
    credentials = {
      # The key is "basicAuth" for custom-rest-actions whatever the credential type
      # (provider example + purecloud-premium-app ws-data-actions.js:173-177).
      basicAuth = genesyscloud_integration_credential.authbridge_basic.id
    }
    properties = jsonencode({})
    advanced   = jsonencode({})
    notes      = "Managed by Terraform (AuthBridge)."
  }
}

# ---------------------------------------------------------------- the data action

resource "genesyscloud_integration_action" "messaging_context" {
  name                   = local.action_name
  category               = local.integration_name # Architect addresses actions as <category>/<action name>
  integration_id         = genesyscloud_integration.authbridge.id
  secure                 = false
  config_timeout_seconds = 10 # provider range 1-60; above AuthBridge's genesys.dataAction.deadlineSeconds (default 7)

  contract_input = jsonencode({
    "type"     = "object",
    "required" = ["conversationId", "isAuthenticated"],
    "properties" = {
      "conversationId"  = { "type" = "string", "description" = "Architect: Message.ConversationId" },
      "sub"             = { "type" = "string", "description" = "Architect: Message.Message.senderAddressInfo.addressDisplayable (OIDC sub)" },
      "isAuthenticated" = { "type" = "boolean", "description" = "Architect: Message.IsAuthenticated" }
    },
    "additionalProperties" = true
  })

  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "status"            = { "type" = "string", "description" = "written | alreadyWritten | inProgress | notAuthenticated | unknownSubject | mismatch | unknownConversation" },
      "zendeskUserId"     = { "type" = "string" },
      "zendeskTicketId"   = { "type" = "string" },
      "email"             = { "type" = "string" },
      "historyCarried"    = { "type" = "boolean" },
      "externalContactId" = { "type" = "string" }
    },
    "additionalProperties" = true
  })

  config_request {
    request_url_template = "${var.authbridge_base_url}/authbridge/v1/genesys/messaging-context"
    request_type         = "POST"
    request_template     = "{\"conversationId\": \"$esc.jsonString($${input.conversationId})\", \"sub\": \"$esc.jsonString($${input.sub})\", \"isAuthenticated\": $${input.isAuthenticated}}"
    headers = {
      Content-Type = "application/json"
      # No Authorization header here: the basicAuth credential makes the integration send it.
    }
  }

  config_response {
    translation_map = { for f in local.output_fields : f => "$.${f}" }
    translation_map_defaults = {
      status            = "\"error\""
      zendeskUserId     = "\"\""
      zendeskTicketId   = "\"\""
      email             = "\"\""
      historyCarried    = "false"
      externalContactId = "\"\""
    }
    success_template = "{\"status\": $${status}, \"zendeskUserId\": $${zendeskUserId}, \"zendeskTicketId\": $${zendeskTicketId}, \"email\": $${email}, \"historyCarried\": $${historyCarried}, \"externalContactId\": $${externalContactId}}"
  }
}

# ---------------------------------------------------------------- identity lookup for the workflow (Genesys API)
# UNCONFIRMED: that fromAddress.addressDisplayable of the customer participant of an authenticated
# web messaging conversation carries the OIDC sub (Architect documents it for
# Message.Message.senderAddressInfo.addressDisplayable only). Test before relying on it.

resource "genesyscloud_integration_action" "webmessaging_identity" {
  name                   = local.identity_action
  category               = var.gc_data_actions_integration_name
  integration_id         = var.gc_data_actions_integration_id
  secure                 = false
  config_timeout_seconds = 10

  contract_input = jsonencode({
    "type"                 = "object",
    "required"             = ["conversationId"],
    "properties"           = { "conversationId" = { "type" = "string" } },
    "additionalProperties" = true
  })

  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "sub"           = { "type" = "string" },
      "authenticated" = { "type" = "boolean" }
    },
    "additionalProperties" = true
  })

  config_request {
    request_url_template = "/api/v2/conversations/messages/$${input.conversationId}"
    request_type         = "GET"
    request_template     = "$${input.rawRequest}"
    headers              = {}
  }

  config_response {
    translation_map = {
      subArray  = "$.participants[?(@.purpose == \"customer\")].fromAddress.addressDisplayable"
      authArray = "$.participants[?(@.purpose == \"customer\")].authenticated"
    }
    translation_map_defaults = {
      subArray  = "[\"\"]"
      authArray = "[false]"
    }
    success_template = "{\"sub\": $${successTemplateUtils.firstFromArray(\"$${subArray}\", \"$esc.quote$esc.quote\")}, \"authenticated\": $${successTemplateUtils.firstFromArray(\"$${authArray}\", \"false\")}}"
  }
}

# ---------------------------------------------------------------- Architect flows

resource "genesyscloud_flow" "authbridge_inbound_message" {
  filepath = "${path.module}/../inbound-message-flow.yaml"
  substitutions = {
    flow_name            = "AuthBridge Web Messaging"
    division             = var.division
    default_language     = "en-us"
    data_action_category = local.integration_name
    data_action_name     = genesyscloud_integration_action.messaging_context.name
    queue_name           = var.queue_name
  }
}

resource "genesyscloud_flow" "authbridge_customer_start_workflow" {
  filepath = "${path.module}/../customer-start-workflow.yaml"
  substitutions = {
    workflow_name             = "AuthBridge Customer Start"
    division                  = var.division
    default_language          = "en-us"
    data_action_category      = local.integration_name
    data_action_name          = genesyscloud_integration_action.messaging_context.name
    gc_data_action_category   = var.gc_data_actions_integration_name
    identity_data_action_name = genesyscloud_integration_action.webmessaging_identity.name
  }
}

# ---------------------------------------------------------------- Process Automation trigger

resource "genesyscloud_processautomation_trigger" "authbridge_customer_start" {
  name        = "AuthBridge web messaging customer start"
  description = "Runs the AuthBridge workflow when a web messaging customer joins a conversation."
  topic_name  = "v2.detail.events.conversation.{id}.customer.start"
  enabled     = true

  target {
    id   = genesyscloud_flow.authbridge_customer_start_workflow.id
    type = "Workflow"
    workflow_target_settings {
      data_format = "TopLevelPrimitives"
    }
  }

  match_criteria = jsonencode([
    {
      "jsonPath" : "mediaType",
      "operator" : "Equal",
      "value" : "MESSAGE"
    },
    {
      "jsonPath" : "messageType",
      "operator" : "Equal",
      "value" : "WEBMESSAGING"
    }
  ])

  # Only one of event_ttl_seconds (>= 10) or delay_by_seconds (60-900) may be set.
  event_ttl_seconds = 60
}
