{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: <fullname>-<component>. Call with (dict "ctx" $ "component" "router"). */}}
{{- define "switchboard.componentName" -}}
{{- printf "%s-%s" (include "switchboard.fullname" .ctx) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" }}
{{ include "switchboard.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* image: registry/repository:tag, the tag defaulting to the chart's appVersion. (dict "ctx" $ "image" .image) */}}
{{- define "switchboard.image" -}}
{{- $repo := .image.repository -}}
{{- $registry := .ctx.Values.global.imageRegistry -}}
{{- if and $registry (not (contains "." (first (splitList "/" $repo)))) -}}
{{- $repo = printf "%s/%s" $registry $repo -}}
{{- else if $registry -}}
{{- $repo = printf "%s/%s" $registry (join "/" (rest (splitList "/" $repo))) -}}
{{- end -}}
{{- printf "%s:%s" $repo (default .ctx.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{- define "switchboard.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Spread replicas over zones and nodes unless the component sets its own constraints. */}}
{{- define "switchboard.topologySpread" -}}
{{- $own := .values.topologySpreadConstraints -}}
topologySpreadConstraints:
{{- if $own }}
{{- toYaml $own | nindent 2 }}
{{- else }}
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "switchboard.selectorLabels" . | nindent 8 }}
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "switchboard.selectorLabels" . | nindent 8 }}
{{- end }}
{{- end -}}

{{/* Scheduling and pod-level settings every workload takes. (dict "ctx" $ "component" "router" "values" .Values.router) */}}
{{- define "switchboard.podScheduling" -}}
{{- include "switchboard.imagePullSecrets" .ctx }}
securityContext:
  {{- toYaml .ctx.Values.podSecurityContext | nindent 2 }}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Health probes on the Quarkus SmallRye Health endpoints, served on the management port. */}}
{{- define "switchboard.probes" -}}
startupProbe:
  httpGet: {path: /q/health/started, port: management}
  periodSeconds: 2
  failureThreshold: 90
livenessProbe:
  httpGet: {path: /q/health/live, port: management}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /q/health/ready, port: management}
  periodSeconds: 5
  failureThreshold: 2
{{- end -}}

{{- define "switchboard.kafkaClusterName" -}}
{{- default (printf "%s-kafka" (include "switchboard.fullname" .)) .Values.kafka.strimzi.clusterName | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "switchboard.kafkaBootstrap" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- $tls := has .Values.kafka.security.protocol (list "SSL" "SASL_SSL") -}}
{{- printf "%s-kafka-bootstrap:%s" (include "switchboard.kafkaClusterName" .) (ternary "9093" "9092" $tls) -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required when kafka.strimzi.enabled is false" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* Kafka connection as environment: the kafka.* settings of every service (Quarkus maps KAFKA_X_Y to kafka.x.y). */}}
{{- define "switchboard.kafkaEnv" -}}
{{- $sec := .Values.kafka.security }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "switchboard.kafkaBootstrap" . | quote }}
{{- if ne $sec.protocol "PLAINTEXT" }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $sec.protocol }}
{{- end }}
{{- with $sec.saslMechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ . }}
{{- end }}
{{- if $sec.jaasConfigSecret.name }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef: {name: {{ $sec.jaasConfigSecret.name }}, key: {{ $sec.jaasConfigSecret.key }}}
{{- end }}
{{- if $sec.truststoreSecret.name }}
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/switchboard/kafka-tls/{{ $sec.truststoreSecret.key }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PKCS12
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $sec.truststoreSecret.name }}, key: {{ $sec.truststoreSecret.passwordKey }}}
{{- end }}
{{- if $sec.keystoreSecret.name }}
- name: KAFKA_SSL_KEYSTORE_LOCATION
  value: /etc/switchboard/kafka-keystore/{{ $sec.keystoreSecret.key }}
- name: KAFKA_SSL_KEYSTORE_TYPE
  value: PKCS12
- name: KAFKA_SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $sec.keystoreSecret.name }}, key: {{ $sec.keystoreSecret.passwordKey }}}
{{- end }}
{{- end -}}

{{- define "switchboard.kafkaTlsVolume" -}}
{{- with .Values.kafka.security.truststoreSecret.name }}
- name: kafka-tls
  secret: {secretName: {{ . }}}
{{- end }}
{{- with .Values.kafka.security.keystoreSecret.name }}
- name: kafka-keystore
  secret: {secretName: {{ . }}}
{{- end }}
{{- end -}}

{{- define "switchboard.kafkaTlsMount" -}}
{{- if .Values.kafka.security.truststoreSecret.name }}
- name: kafka-tls
  mountPath: /etc/switchboard/kafka-tls
  readOnly: true
{{- end }}
{{- if .Values.kafka.security.keystoreSecret.name }}
- name: kafka-keystore
  mountPath: /etc/switchboard/kafka-keystore
  readOnly: true
{{- end }}
{{- end -}}

{{/* component settings map -> env entries, sorted for a stable render */}}
{{/*
How every service logs to its console: JSON lines, one object a line for a log pipeline, or text as ./run-local prints.
*/}}
{{- define "switchboard.logEnv" -}}
- {name: QUARKUS_LOG_CONSOLE_JSON_ENABLED, value: {{ eq .Values.logFormat "json" | quote }}}
{{- end -}}

{{- define "switchboard.settingsEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/*
The admin key generated at install time: looked up from the release's Secret on upgrades so that it stays the same,
else made once per render (memoised in .Values, as templates render separately and must agree on it).
*/}}
{{- define "switchboard.generatedAdminKey" -}}
{{- if not (hasKey .Values "__generatedAdminKey") -}}
{{- $name := include "switchboard.componentName" (dict "ctx" . "component" "admin-key") -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $name -}}
{{- $key := "" -}}
{{- if and $existing $existing.data (index $existing.data "key") -}}
{{- $key = index $existing.data "key" | b64dec -}}
{{- else -}}
{{- $key = printf "sk-admin-%s" (randAlphaNum 32) -}}
{{- end -}}
{{- $_ := set .Values "__generatedAdminKey" $key -}}
{{- end -}}
{{- index .Values "__generatedAdminKey" -}}
{{- end -}}

{{/* SHA-256 of every admin key: those listed, and the generated one. */}}
{{- define "switchboard.adminKeys" -}}
{{- $keys := list -}}
{{- range .Values.routing.adminKeys -}}
{{- $keys = append $keys (dict "id" .id "sha256" .sha256) -}}
{{- end -}}
{{- if .Values.generatedAdminKey.enabled -}}
{{- $keys = append $keys (dict "id" "helm-generated" "sha256" (include "switchboard.generatedAdminKey" . | sha256sum)) -}}
{{- end -}}
{{- toYaml $keys -}}
{{- end -}}

{{- define "switchboard.adminKeyHashes" -}}
{{- $hashes := list -}}
{{- range (include "switchboard.adminKeys" . | fromYamlArray) -}}
{{- $hashes = append $hashes .sha256 -}}
{{- end -}}
{{- join "," $hashes -}}
{{- end -}}

{{- define "switchboard.breakerTokenSecretName" -}}
{{- default (include "switchboard.componentName" (dict "ctx" . "component" "breaker-token")) .Values.breaker.tokenSecret.existingSecret -}}
{{- end -}}
